import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { type ScreeningInput, SignalInput } from './signal-schema.ts';
import { loadUserActor } from '../policy/actor.ts';
import { listChildren } from '../children/child-records.ts';
import { systemDoor } from '../policy/door.ts';
import { registerSignal } from './signal-register.ts';
import { screenSignal } from './signal-screening.ts';

/**
 * Demo signals — never for production. Registered through the policy layer by the system handle
 * on behalf of the demo users, with dates relative to the first start so that the task lists
 * always have something overdue and something due. Idempotent through their refs.
 */
type Known = { known: string };
type NewChild = { givenName: string; familyName: string; sex: 'female' | 'male' | 'unknown'; birthDate: string };
type DemoSignal = {
  ref: string;
  by: string;
  hoursAgo: number;
  children: Array<Known | NewChild>;
  signal: Omit<z.input<typeof SignalInput>, 'ref' | 'receivedAt' | 'children'>;
  screening?: { by: string; afterHours: number; input: Omit<ScreeningInput, 'version'> };
};

const DAY = 24;

const SIGNALS: DemoSignal[] = [
  {
    ref: 'demo-signal-korce-1', by: 'caseworker', hoursAgo: 20 * DAY, children: [{ known: 'Ana Krasniqi' }],
    signal: { channel: 'in_person', source: 'education', reporterName: 'Psikologia e shkollës', harmTypes: ['physical', 'psychological'], place: 'family', perpetrators: ['father'], description: 'The school psychologist reports bruises and repeated absences; the child says she is afraid to go home.', urgency: 'urgent', municipalityCode: 'AL-06-03' },
    screening: { by: 'caseworker', afterHours: 5, input: { decision: 'open_case', riskLevel: 'high', reason: 'Physical violence at home; initial meeting convened.' } },
  },
  {
    ref: 'demo-signal-korce-2', by: 'caseworker', hoursAgo: 10 * DAY, children: [{ known: 'Erion Leka' }, { known: 'Sara Leka' }],
    signal: { channel: 'outreach', source: 'social_services', harmTypes: ['begging', 'neglect'], place: 'street', perpetrators: ['mother'], description: 'Two siblings seen begging near the market in the evenings during school days.', urgency: 'normal', municipalityCode: 'AL-06-03' },
    screening: { by: 'supervisor', afterHours: 20, input: { decision: 'open_case', riskLevel: 'medium', reason: null } },
  },
  {
    ref: 'demo-signal-korce-3', by: 'caseworker', hoursAgo: 3 * DAY, children: [{ givenName: 'Klea', familyName: 'Dushku', sex: 'female', birthDate: '2011-04-19' }],
    signal: { channel: 'phone', source: 'anonymous', harmTypes: ['cyberbullying', 'psychological'], place: 'online', perpetrators: ['another_child'], description: 'An anonymous caller says that classmates share humiliating photos of the girl online.', urgency: 'normal', municipalityCode: 'AL-06-03' },
  },
  {
    ref: 'demo-signal-korce-4', by: 'partner', hoursAgo: 30, children: [{ givenName: 'Mateo', familyName: 'Gjika', sex: 'male', birthDate: '2008-10-02' }],
    signal: { channel: 'police_station', source: 'police', reporterName: 'Inspektor G. Mema', harmTypes: ['physical'], place: 'street', perpetrators: ['stranger'], description: 'A boy was assaulted near the bus station at night; treated at the hospital and released.', urgency: 'urgent', municipalityCode: 'AL-06-03' },
  },
  {
    ref: 'demo-signal-korce-5', by: 'police_support', hoursAgo: 2, children: [{ known: 'Kristi Bala' }],
    signal: { channel: 'police_station', source: 'police', harmTypes: ['conflict_with_law'], place: 'street', perpetrators: [], description: 'Intake at the police station after a theft; the parents work abroad and no caregiver could be reached.', urgency: 'urgent', municipalityCode: 'AL-06-03' },
  },
  {
    ref: 'demo-signal-korce-6', by: 'k.teacher', hoursAgo: 8 * DAY, children: [{ givenName: 'Ela', familyName: 'Shkurti', sex: 'female', birthDate: '2013-01-27' }],
    signal: { channel: 'written', source: 'education', reporterName: 'Klodiana Rama', harmTypes: ['school_dropout'], place: 'school', perpetrators: ['unknown'], description: 'The pupil has not attended school for five weeks; the family does not answer.', urgency: 'normal', municipalityCode: 'AL-06-03' },
    screening: { by: 'caseworker', afterHours: 22, input: { decision: 'refer_elsewhere', riskLevel: 'low', reason: 'An education matter first: the school attendance officer follows up with the family.', referredTo: 'Zyra Arsimore Vendore Korçë' } },
  },
  {
    ref: 'demo-signal-korce-7', by: 'caseworker', hoursAgo: 1, children: [{ givenName: 'Noel', familyName: 'Hoxhaj', sex: 'male', birthDate: '2016-06-03' }],
    signal: { channel: 'helpline_116111', source: 'helpline', harmTypes: ['sexual'], place: 'acquaintances', perpetrators: ['neighbour_acquaintance'], description: 'Transferred from the child helpline 116 111: the boy told the counsellor about a neighbour.', urgency: 'immediate', municipalityCode: 'AL-06-03' },
  },
  {
    ref: 'demo-signal-elbasan-1', by: 'e.cela', hoursAgo: 5 * DAY, children: [{ known: 'Alketa Hysa' }],
    signal: { channel: 'in_person', source: 'relative', reporterName: 'Tezja', harmTypes: ['neglect'], place: 'family', perpetrators: ['mother', 'father'], description: 'The aunt reports that the girl, who uses a wheelchair, is left alone for days.', urgency: 'urgent', municipalityCode: 'AL-03-03' },
    screening: { by: 'b.kasa', afterHours: 6, input: { decision: 'attach_case', riskLevel: 'medium', reason: 'The child already has an open case in the unit.' } },
  },
  {
    ref: 'demo-signal-durres-1', by: 'l.muca', hoursAgo: 40, children: [{ known: 'Dorian Prifti' }],
    signal: { channel: 'outreach', source: 'ngo', harmTypes: ['labour_exploitation'], place: 'other', perpetrators: ['relative'], description: 'Street workers found the boy working nights at the port unloading fish.', urgency: 'normal', municipalityCode: 'AL-02-01' },
  },
  {
    ref: 'demo-signal-plovdiv-1', by: 'm.ivanova', hoursAgo: 15 * DAY, children: [{ known: 'Иван Петров' }],
    signal: { channel: 'written', source: 'education', reporterName: 'ОУ „Христо Ботев“', harmTypes: ['physical'], place: 'school', perpetrators: ['another_child'], description: 'Repeated fights at school; the boy was injured in the schoolyard.', urgency: 'normal', municipalityCode: 'BG-16-12' },
    screening: { by: 'g.petrov', afterHours: 18, input: { decision: 'open_case', riskLevel: 'medium', reason: null } },
  },
  {
    ref: 'demo-signal-plovdiv-2', by: 's.stoyanov', hoursAgo: 26, children: [{ givenName: 'Стела', familyName: 'Маринова', sex: 'female', birthDate: '2010-09-12' }],
    signal: { channel: 'phone', source: 'neighbour', reporterName: 'Съседка', reporterContact: '+359 88 000 0000', harmTypes: ['physical', 'psychological'], place: 'family', perpetrators: ['step_parent'], description: 'A neighbour called the police about shouting and a crying child late at night.', urgency: 'urgent', municipalityCode: 'BG-16-12' },
  },
  {
    ref: 'demo-signal-harmanli-1', by: 'n.dimitrova', hoursAgo: 6 * DAY, children: [{ known: 'Ахмад Хасан' }],
    signal: { channel: 'in_person', source: 'social_services', harmTypes: ['unsafe_migration'], place: 'other', perpetrators: ['unknown'], description: 'An unaccompanied boy found at the registration centre without documents.', urgency: 'immediate', municipalityCode: 'BG-26-02' },
    screening: { by: 'n.dimitrova', afterHours: 2, input: { decision: 'open_case', riskLevel: 'high', reason: 'Unaccompanied minor; emergency placement needed.' } },
  },
  {
    ref: 'demo-signal-sofia-1', by: 'i.koleva', hoursAgo: 12 * DAY, children: [{ known: 'Мария Николова' }],
    signal: { channel: 'phone', source: 'anonymous', harmTypes: ['neglect'], place: 'family', perpetrators: [], description: 'An anonymous caller says the girl is often outside alone after dark.', urgency: 'normal', municipalityCode: 'BG-22-01' },
    screening: { by: 'i.koleva', afterHours: 23, input: { decision: 'no_action', riskLevel: 'low', reason: 'Home visit: the grandmother looks after the child; no concern found.' } },
  },
];

export async function seedDemoSignals(db: Kysely<DB>): Promise<void> {
  const door = systemDoor(db, 'seed-demo');
  const users = await db.selectFrom('users').select(['id', 'username']).execute();
  const userId = new Map(users.map((u) => [u.username, u.id]));
  const known = new Map<string, string>();
  for (const child of (await listChildren(door, { limit: 200, offset: 0 })).items) {
    known.set(`${child.givenName} ${child.familyName}`, child.id);
  }
  const now = Date.now();
  for (const demo of SIGNALS) {
    const actor = await loadUserActor(db, userId.get(demo.by)!);
    if (!actor) throw new Error(`demo user ${demo.by} is missing`);
    const receivedAt = new Date(now - demo.hoursAgo * 3_600_000);
    const input = SignalInput.parse({
      ...demo.signal,
      ref: demo.ref,
      receivedAt: receivedAt.toISOString(),
      children: demo.children.map((c) => ('known' in c ? { childId: known.get(c.known)! } : c)),
    });
    const { signal, created } = await registerSignal(door, input, { onBehalfOf: actor });
    if (!created || !demo.screening) continue;
    await screenSignal(door, signal.id, { ...demo.screening.input, version: signal.version }, {
      byUserId: userId.get(demo.screening.by)!,
      at: new Date(receivedAt.getTime() + demo.screening.afterHours * 3_600_000),
    });
  }
}
