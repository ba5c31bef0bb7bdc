import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { demoDirectory } from '../demo/demo-doors.ts';
import { systemDoor } from '../policy/door.ts';
import type { ScreeningInput } from '../signals/signal-schema.ts';
import { getSignal } from '../signals/signal-records.ts';
import { screenSignal } from '../signals/signal-screening.ts';
import { IntakeInput } from './intake-schema.ts';
import { recordIntake } from './intakes.ts';

/**
 * Demo intakes of the police-station teams — never for production. Recorded as the teams' demo
 * users (Korçë in Albania, Plovdiv in Bulgaria), dated relative to the first start; some screened
 * by the unit (a case opened, or no further action), some still waiting for screening.
 */
type DemoIntake = {
  by: string;
  station: string;
  /** When the team was called (hours ago) and how many minutes it took to arrive. */
  hoursAgo: number;
  minutes: number;
  intake: Omit<z.input<typeof IntakeInput>, 'stationId' | 'calledAt' | 'arrivedAt'>;
  screening?: { by: string; afterHours: number; input: Omit<ScreeningInput, 'version'> };
};

const DAY = 24;
const KORCE = { by: 'police_support', station: 'Drejtoria Vendore e Policisë Korçë' };
const KORCE_TEAM = [{ name: 'Dritan Shehu', role: 'Punonjës social' }, { name: 'Alma Rexha', role: 'Psikologe' }];
const PLOVDIV = { by: 'p.todorova', station: 'ОДМВР Пловдив' };
const PLOVDIV_TEAM = [{ name: 'Петя Тодорова', role: 'Социален работник' }, { name: 'Калин Василев', role: 'Психолог' }];

const INTAKES: DemoIntake[] = [
  {
    ...KORCE, hoursAgo: 40 * DAY + 21, minutes: 35,
    intake: {
      teamMembers: KORCE_TEAM, municipalityCode: 'AL-06-03', children: [{ givenName: 'Arlind', familyName: 'Hoxholli', sex: 'male', birthDate: '2009-05-14' }],
      legalSituation: 'in_conflict_with_law', harmTypes: ['conflict_with_law'], parentPresent: true, lawyerPresent: true, psychologistPresent: true, childFriendlyRoom: false,
      supportGiven: 'Explained the interview to the boy, stayed with him and his father until the end.', outcome: 'returned_to_family',
    },
    screening: { by: 'caseworker', afterHours: 6, input: { decision: 'open_case', riskLevel: 'medium', reason: 'Repeated thefts; the family asks for help.' } },
  },
  {
    ...KORCE, hoursAgo: 18 * DAY + 3, minutes: 28,
    intake: {
      teamMembers: KORCE_TEAM, municipalityCode: 'AL-06-03', children: [{ givenName: 'Jonida', familyName: 'Metalla', sex: 'female', birthDate: '2012-02-02' }],
      legalSituation: 'victim', harmTypes: ['physical', 'psychological'], parentPresent: false, lawyerPresent: true, psychologistPresent: true, childFriendlyRoom: true,
      supportGiven: 'Crisis support during the statement; accompanied the girl to the shelter.', outcome: 'placed_in_shelter',
    },
    screening: { by: 'supervisor', afterHours: 3, input: { decision: 'open_case', riskLevel: 'high', reason: 'Violence at home; the girl is in the shelter.' } },
  },
  {
    ...KORCE, hoursAgo: 6 * DAY + 14, minutes: 50,
    intake: {
      teamMembers: KORCE_TEAM.slice(0, 1), municipalityCode: 'AL-06-03', children: [{ givenName: 'Fjorela', familyName: 'Kolasi', sex: 'female', birthDate: '2010-10-10' }],
      legalSituation: 'runaway', harmTypes: ['neglect'], parentPresent: true, lawyerPresent: false, psychologistPresent: false, childFriendlyRoom: false,
      supportGiven: 'Talked with the girl and her mother about the quarrel that made her leave.', outcome: 'returned_to_family',
    },
    screening: { by: 'caseworker', afterHours: 20, input: { decision: 'no_action', riskLevel: 'low', reason: 'Home visit: the family settled the quarrel; no protection concern.' } },
  },
  {
    ...KORCE, hoursAgo: 5, minutes: 22,
    intake: {
      teamMembers: KORCE_TEAM, municipalityCode: 'AL-06-03', children: [{ givenName: 'Enea', familyName: 'Bashaj', sex: 'male', birthDate: '2011-03-03' }],
      legalSituation: 'witness', harmTypes: ['psychological'], parentPresent: true, lawyerPresent: false, psychologistPresent: true, childFriendlyRoom: true,
      supportGiven: 'Prepared the boy for his statement as a witness of a fight.', outcome: 'returned_to_family',
    },
  },
  {
    ...PLOVDIV, hoursAgo: 25 * DAY + 2, minutes: 40,
    intake: {
      teamMembers: PLOVDIV_TEAM, municipalityCode: 'BG-16-12', children: [{ givenName: 'Николай', familyName: 'Стоянчев', sex: 'male', birthDate: '2011-01-21' }],
      legalSituation: 'victim', harmTypes: ['physical'], parentPresent: true, lawyerPresent: true, psychologistPresent: true, childFriendlyRoom: true,
      supportGiven: 'Подкрепа по време на разпита; разговор с майката.', outcome: 'returned_to_family',
    },
    screening: { by: 'g.petrov', afterHours: 5, input: { decision: 'open_case', riskLevel: 'high', reason: null } },
  },
  {
    ...PLOVDIV, hoursAgo: 9 * DAY + 16, minutes: 65,
    intake: {
      teamMembers: PLOVDIV_TEAM, municipalityCode: 'BG-16-12', children: [{ givenName: 'Даниел', familyName: 'Георгиевски', sex: 'male', birthDate: '2009-08-30' }],
      legalSituation: 'in_conflict_with_law', harmTypes: ['conflict_with_law'], parentPresent: true, lawyerPresent: true, psychologistPresent: false, childFriendlyRoom: false,
      supportGiven: 'Разяснихме на момчето процедурата; останахме до идването на бащата.', outcome: 'returned_to_family',
    },
    screening: { by: 'm.ivanova', afterHours: 22, input: { decision: 'no_action', riskLevel: 'low', reason: 'Първо нарушение; семейството е подкрепящо.' } },
  },
  {
    ...PLOVDIV, hoursAgo: 3, minutes: 30,
    intake: {
      teamMembers: PLOVDIV_TEAM.slice(1), municipalityCode: 'BG-16-12', children: [{ givenName: 'Ралица', familyName: 'Петкова', sex: 'female', birthDate: '2012-12-12' }],
      legalSituation: 'missing', harmTypes: ['neglect'], parentPresent: false, lawyerPresent: false, psychologistPresent: true, childFriendlyRoom: true,
      supportGiven: 'Момичето е намерено на гарата; осигурихме храна и разговор.', outcome: 'other', outcomeNote: 'При баба си до проверката на отдела.',
    },
  },
];

export async function seedDemoIntakes(db: Kysely<DB>): Promise<void> {
  const dir = await demoDirectory(db);
  const system = systemDoor(db, 'seed-demo');
  const now = Date.now();
  for (const demo of INTAKES) {
    const calledAt = new Date(now - demo.hoursAgo * 3_600_000);
    const arrivedAt = new Date(calledAt.getTime() + demo.minutes * 60_000);
    const input = IntakeInput.parse({ ...demo.intake, stationId: dir.orgId(demo.station), calledAt: calledAt.toISOString(), arrivedAt: arrivedAt.toISOString() });
    const intake = await recordIntake(await dir.door(demo.by), input);
    if (!demo.screening) continue;
    const { version } = await getSignal(system, intake.signalId);
    await screenSignal(system, intake.signalId, { ...demo.screening.input, version }, {
      byUserId: dir.userId(demo.screening.by),
      at: new Date(arrivedAt.getTime() + demo.screening.afterHours * 3_600_000),
    });
  }
}
