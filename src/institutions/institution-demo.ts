import type { Kysely } from 'kysely';
import { openCase } from '../cases/case-open.ts';
import { createChild } from '../children/child-records.ts';
import type { DB } from '../db/schema.ts';
import { demoDirectory } from '../demo/demo-doors.ts';
import { systemDoor } from '../policy/door.ts';
import { addAssessment, recordFollowUp, recordTransition, saveCarePlan } from './di-work.ts';
import type { ResidentInput } from './institution-schema.ts';
import { admitResident } from './residents.ts';

/** The demo's institutions (organisations of sector residential_care, made by seed-demo.ts), with their beds. */
export const DEMO_INSTITUTIONS = {
  AL: { name: 'Shtëpia e Fëmijës Korçë', beds: 40 },
  BG: { name: 'Дом за медико-социални грижи за деца – Пловдив', beds: 60 },
} as const;

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
/** A birth date `years` years and `days` days ago. */
const born = (years: number, days = 0) => day(Math.round(years * 365.25) + days);

type Seed = {
  unit: string; municipality: string; owner: string; institution: keyof typeof DEMO_INSTITUTIONS;
  child: { givenName: string; familyName: string; sex: 'female' | 'male'; birthDate: string };
  resident: Omit<ResidentInput, 'institutionId'>;
};

const SEEDS: Seed[] = [
  {
    unit: 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë', municipality: 'AL-06-03', owner: 'caseworker', institution: 'AL',
    child: { givenName: 'Dea', familyName: 'Shehaj', sex: 'female', birthDate: born(2, 40) },
    resident: { admittedOn: day(400), admissionReasons: ['abandonment'], parentalRights: 'one_parent', familyContact: 'occasional', ref: 'AL-DI-001' },
  },
  {
    unit: 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë', municipality: 'AL-06-03', owner: 'caseworker', institution: 'AL',
    child: { givenName: 'Klajdi', familyName: 'Gjika', sex: 'male', birthDate: born(9, 100) },
    resident: { admittedOn: day(1500), admissionReasons: ['poverty', 'parents_abroad'], parentalRights: 'both_parents', familyContact: 'regular', ref: 'AL-DI-002' },
  },
  {
    unit: 'Отдел „Закрила на детето“ – Пловдив', municipality: 'BG-16-12', owner: 'm.ivanova', institution: 'BG',
    child: { givenName: 'Никол', familyName: 'Стоянова', sex: 'female', birthDate: born(1, 90) },
    resident: { admittedOn: day(300), admissionReasons: ['disability', 'abandonment'], parentalRights: 'restricted', familyContact: 'none', ref: 'BG-DI-001' },
  },
  {
    unit: 'Отдел „Закрила на детето“ – Пловдив', municipality: 'BG-16-12', owner: 'm.ivanova', institution: 'BG',
    child: { givenName: 'Георги', familyName: 'Маринов', sex: 'male', birthDate: born(3, 200) },
    resident: { admittedOn: day(900), admissionReasons: ['no_parental_care'], parentalRights: 'removed', familyContact: 'none', ref: 'BG-DI-002' },
  },
];

/**
 * Deinstitutionalisation demo: an institution in Korçë and one in Plovdiv with residents (one under
 * three in each), DI assessments and care plans; in Korçë a child who went home to the family
 * 170 days ago (3-month follow-up done, 6-month one coming due), in Plovdiv a child placed in
 * foster care 100 days ago (3-month follow-up overdue). Each step is done by the person who would.
 */
export async function seedDemoInstitutions(db: Kysely<DB>): Promise<void> {
  for (const inst of Object.values(DEMO_INSTITUTIONS)) await db.updateTable('organisations').set({ beds: inst.beds }).where('name', '=', inst.name).execute();
  const dir = await demoDirectory(db);
  const system = systemDoor(db, 'seed-demo');
  const ids: string[] = [];
  for (const s of SEEDS) {
    const inst = dir.orgId(DEMO_INSTITUTIONS[s.institution].name);
    const child = await createChild(system, { ...s.child, municipalityCode: s.municipality }, { unitId: dir.orgId(s.unit), country: s.institution, ownerId: dir.userId(s.owner) });
    const kase = await openCase(system, { childId: child.id, riskLevel: 'medium', ownerId: dir.userId(s.owner) }, { openedAt: new Date(`${s.resident.admittedOn}T09:00:00Z`) });
    const resident = await admitResident(await dir.door(s.owner), kase.id, { ...s.resident, institutionId: inst });
    ids.push(resident.id);
  }
  const [dea, klajdi, nikol, georgi] = ids as [string, string, string, string];
  const alStaff = await dir.door('r.gjoni');
  const bgStaff = await dir.door('p.dimova');
  await addAssessment(alStaff, dea, { assessedOn: day(380), assessor: 'Rozeta Gjoni, psikologe', findings: 'Zhvillim motorik në normë; lidhje e dobët me nënën, e cila e viziton rrallë. Rekomandohet familje kujdestare.' });
  await saveCarePlan(alStaff, dea, {
    target: 'foster_care', targetDate: day(-90),
    steps: [
      { description: 'Vlerësimi i familjes kujdestare', owner: 'NJMF Korçë', dueOn: day(-20), doneOn: null },
      { description: 'Vizita njohjeje me familjen kujdestare', owner: 'Rozeta Gjoni', dueOn: day(-50), doneOn: null },
    ],
  });
  await addAssessment(alStaff, klajdi, { assessedOn: day(400), assessor: 'Rozeta Gjoni, psikologe', findings: 'Prindërit jashtë vendit, gjyshja e gatshme ta marrë. Rekomandohet ribashkim me familjen.' });
  await saveCarePlan(alStaff, klajdi, { target: 'reunification', targetDate: day(170), steps: [{ description: 'Vizitë në shtëpinë e gjyshes', owner: 'NJMF Korçë', dueOn: day(200), doneOn: day(205) }] });
  const al = await recordTransition(await dir.door('caseworker'), klajdi, { target: 'reunification', on: day(170) });
  await recordFollowUp(await dir.door('caseworker'), al.transition!.id, { months: 3, visitedOn: day(75), outcome: 'stable', notes: 'Fëmija ndjek shkollën rregullisht.' });
  await addAssessment(bgStaff, nikol, { assessedOn: day(280), assessor: 'Пенка Димова, социален работник', findings: 'Детето има нужда от рехабилитация; родителите не поддържат контакт. Препоръчва се приемна грижа със специализирана подкрепа.' });
  await saveCarePlan(bgStaff, nikol, { target: 'foster_care', targetDate: day(-120), steps: [{ description: 'Подбор на приемно семейство', owner: 'ОЗД Пловдив', dueOn: day(-30), doneOn: null }] });
  await addAssessment(bgStaff, georgi, { assessedOn: day(200), assessor: 'Пенка Димова, социален работник', findings: 'Детето е готово за семейна среда; подходящо приемно семейство е одобрено.' });
  await saveCarePlan(bgStaff, georgi, { target: 'foster_care', targetDate: day(100), steps: [{ description: 'Запознаване с приемното семейство', owner: 'ОЗД Пловдив', dueOn: day(130), doneOn: day(125) }] });
  await recordTransition(await dir.door('m.ivanova'), georgi, { target: 'foster_care', on: day(100), carerName: 'Приемно семейство Колеви' });
}
