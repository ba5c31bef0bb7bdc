import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/passwords.ts';
import type { DB } from '../db/schema.ts';
import type { Role } from '../domain/roles.ts';
import type { ChildInput } from '../children/child-schema.ts';
import type { Sector } from '../domain/taxonomies.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { createChild, grantChildAccess } from '../children/child-records.ts';
import { systemDoor } from '../policy/door.ts';
import { seedDemoCases } from '../cases/case-demo.ts';
import { seedDemoMeetings } from '../meetings/meeting-demo.ts';
import { seedDemoSignals } from '../signals/signal-demo.ts';
import { seedDemoReferrals } from '../referrals/referral-demo.ts';
import { seedDemoTransfers } from '../transfers/transfer-demo.ts';
import { seedDemoHistory } from '../reports/report-demo.ts';
import { DEMO_INSTITUTIONS, seedDemoInstitutions } from '../institutions/institution-demo.ts';
import { seedDemoIntakes } from '../intakes/intake-demo.ts';
import { seedDemoShelters } from '../shelters/shelter-demo.ts';
import type { AttachmentKey } from '../attachments/attachment-crypto.ts';
import { seedDemoAttachments } from '../attachments/attachments-demo.ts';
import { seedDemoContacts } from '../contacts/contact-demo.ts';
import { seedDemoPrevention } from '../prevention/prevention-demo.ts';
import { seedDemoBoards } from '../boards/boards-demo.ts';
import { seedDemoFeedback } from '../feedback/feedback-demo.ts';
import { seedDemoTrainings } from '../trainings/trainings-demo.ts';

/**
 * Demo data — never for production. One user per role named by its role code (DOMAIN.md's fixed
 * interface), and realistic units with partner organisations in three Albanian and three
 * Bulgarian municipalities. Idempotent: a database that has the `admin` user is left alone.
 */
type OrgSeed = { key: string; name: string; sector: Sector; jurisdiction: string; unit?: boolean };

const ORGS: OrgSeed[] = [
  // Albania
  { key: 'korce-cpu', name: 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë', sector: 'social_services', jurisdiction: 'AL-06-03', unit: true },
  { key: 'korce-police', name: 'Drejtoria Vendore e Policisë Korçë', sector: 'police', jurisdiction: 'AL-06-03' },
  { key: 'korce-school', name: 'Shkolla 9-vjeçare „Naim Frashëri“, Korçë', sector: 'education', jurisdiction: 'AL-06-03' },
  { key: 'korce-health', name: 'Qendra Shëndetësore Nr. 1 Korçë', sector: 'health', jurisdiction: 'AL-06-03' },
  { key: 'korce-ngo', name: 'Qendra Komunitare „Për Fëmijët“ Korçë', sector: 'ngo', jurisdiction: 'AL-06-03' },
  { key: 'korce-police-support', name: 'Ekipi psikosocial 24/7 – Komisariati Korçë', sector: 'social_services', jurisdiction: 'AL-06-03' },
  { key: 'elbasan-cpu', name: 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Elbasan', sector: 'social_services', jurisdiction: 'AL-03-03', unit: true },
  { key: 'elbasan-shelter', name: 'Qendra Emergjente "Shtëpia e Ngjyrave" Elbasan', sector: 'shelter', jurisdiction: 'AL-03-03' },
  { key: 'durres-cpu', name: 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Durrës', sector: 'social_services', jurisdiction: 'AL-02-01', unit: true },
  { key: 'durres-police', name: 'Drejtoria Vendore e Policisë Durrës', sector: 'police', jurisdiction: 'AL-02-01' },
  { key: 'sarpc', name: 'Agjencia Shtetërore për të Drejtat dhe Mbrojtjen e Fëmijës', sector: 'state_agency', jurisdiction: 'AL' },
  { key: 'al-training', name: 'Qendra e Trajnimit për Mbrojtjen e Fëmijëve', sector: 'ngo', jurisdiction: 'AL-11-04' },
  { key: 'al-admin', name: 'Safetynet – administrimi i sistemit', sector: 'other', jurisdiction: 'AL' },
  // Bulgaria
  { key: 'plovdiv-cpu', name: 'Отдел „Закрила на детето“ – Пловдив', sector: 'social_services', jurisdiction: 'BG-16-12', unit: true },
  { key: 'plovdiv-police', name: 'ОДМВР Пловдив', sector: 'police', jurisdiction: 'BG-16-12' },
  { key: 'plovdiv-school', name: 'ОУ „Христо Ботев“ – Пловдив', sector: 'education', jurisdiction: 'BG-16-12' },
  { key: 'plovdiv-ngo', name: 'Център за обществена подкрепа – Пловдив', sector: 'ngo', jurisdiction: 'BG-16-12' },
  { key: 'plovdiv-police-support', name: 'Мобилен екип за психосоциална подкрепа 24/7 – Пловдив', sector: 'social_services', jurisdiction: 'BG-16-12' },
  { key: 'harmanli-cpu', name: 'Отдел „Закрила на детето“ – Харманли', sector: 'social_services', jurisdiction: 'BG-26-02', unit: true },
  { key: 'harmanli-police', name: 'РУ Харманли', sector: 'police', jurisdiction: 'BG-26-02' },
  { key: 'sofia-cpu', name: 'Отдел „Закрила на детето“ – Столична община', sector: 'social_services', jurisdiction: 'BG-22-01', unit: true },
  { key: 'sofia-shelter', name: 'Кризисен център за деца – София', sector: 'shelter', jurisdiction: 'BG-22-01' },
  { key: 'sacp', name: 'Държавна агенция за закрила на детето', sector: 'state_agency', jurisdiction: 'BG' },
  { key: 'bg-training', name: 'Център за обучение по закрила на детето – Стара Загора', sector: 'ngo', jurisdiction: 'BG-24-11' },
  // Residential care institutions (deinstitutionalisation; their beds: institution-demo.ts)
  { key: 'korce-institution', name: DEMO_INSTITUTIONS.AL.name, sector: 'residential_care', jurisdiction: 'AL-06-03' },
  { key: 'plovdiv-institution', name: DEMO_INSTITUTIONS.BG.name, sector: 'residential_care', jurisdiction: 'BG-16-12' },
];

type UserSeed = { username: string; displayName: string; org: string; roles: Role[]; language: 'sq' | 'bg' | 'en' };

export const DEMO_ROLE_USERS: UserSeed[] = [
  { username: 'caseworker', displayName: 'Elira Dervishi', org: 'korce-cpu', roles: ['caseworker'], language: 'en' },
  { username: 'supervisor', displayName: 'Arben Hoxha', org: 'korce-cpu', roles: ['supervisor'], language: 'en' },
  { username: 'partner', displayName: 'Inspektor Gentian Mema', org: 'korce-police', roles: ['partner'], language: 'en' },
  { username: 'provider', displayName: 'Mirela Kola', org: 'korce-ngo', roles: ['provider'], language: 'en' },
  { username: 'police_support', displayName: 'Dritan Shehu', org: 'korce-police-support', roles: ['police_support'], language: 'en' },
  { username: 'monitor', displayName: 'Blerina Lika', org: 'sarpc', roles: ['monitor'], language: 'en' },
  { username: 'trainer', displayName: 'Ardit Gjoka', org: 'al-training', roles: ['trainer'], language: 'en' },
  { username: 'admin', displayName: 'System administrator', org: 'al-admin', roles: ['admin'], language: 'en' },
];

const REALISTIC_USERS: UserSeed[] = [
  { username: 'e.cela', displayName: 'Entela Çela', org: 'elbasan-cpu', roles: ['caseworker'], language: 'sq' },
  { username: 'b.kasa', displayName: 'Besnik Kasa', org: 'elbasan-cpu', roles: ['supervisor'], language: 'sq' },
  { username: 'l.muca', displayName: 'Lindita Muça', org: 'durres-cpu', roles: ['caseworker', 'supervisor'], language: 'sq' },
  { username: 'k.teacher', displayName: 'Klodiana Rama', org: 'korce-school', roles: ['partner'], language: 'sq' },
  { username: 'a.shelter', displayName: 'Anila Bregu', org: 'elbasan-shelter', roles: ['provider'], language: 'sq' },
  { username: 'm.ivanova', displayName: 'Мария Иванова', org: 'plovdiv-cpu', roles: ['caseworker'], language: 'bg' },
  { username: 'g.petrov', displayName: 'Георги Петров', org: 'plovdiv-cpu', roles: ['supervisor'], language: 'bg' },
  { username: 'n.dimitrova', displayName: 'Надежда Димитрова', org: 'harmanli-cpu', roles: ['caseworker', 'supervisor'], language: 'bg' },
  { username: 's.stoyanov', displayName: 'Стефан Стоянов', org: 'plovdiv-police', roles: ['partner'], language: 'bg' },
  { username: 'v.georgieva', displayName: 'Веселина Георгиева', org: 'plovdiv-ngo', roles: ['provider'], language: 'bg' },
  { username: 'i.koleva', displayName: 'Ирина Колева', org: 'sofia-cpu', roles: ['caseworker'], language: 'bg' },
  { username: 'p.todorova', displayName: 'Петя Тодорова', org: 'plovdiv-police-support', roles: ['police_support'], language: 'bg' },
  { username: 'r.todorova', displayName: 'Радка Тодорова', org: 'sofia-shelter', roles: ['provider'], language: 'bg' },
  { username: 'd.angelov', displayName: 'Димитър Ангелов', org: 'sacp', roles: ['monitor'], language: 'bg' },
  { username: 'r.gjoni', displayName: 'Rozeta Gjoni', org: 'korce-institution', roles: ['provider'], language: 'sq' },
  { username: 'k.vasileva', displayName: 'Калина Василева', org: 'bg-training', roles: ['trainer'], language: 'bg' },
  { username: 'p.dimova', displayName: 'Пенка Димова', org: 'plovdiv-institution', roles: ['provider'], language: 'bg' },
];

type ChildSeed = ChildInput & { unit: string; owner: string; grants?: Array<{ reason: 'meeting' | 'referral' | 'signal'; org: string; source: string }> };

const CHILDREN: ChildSeed[] = [
  { unit: 'korce-cpu', owner: 'caseworker', givenName: 'Ana', familyName: 'Krasniqi', sex: 'female', birthDate: '2014-03-12', municipalityCode: 'AL-06-03', address: 'Lagjja 5, Korçë', languages: ['sq'], inSchool: true, schoolName: 'Shkolla 9-vjeçare „Naim Frashëri“', vulnerabilities: ['poverty'], notes: 'Reported by the school psychologist after repeated absences.', grants: [{ reason: 'meeting', org: 'korce-police', source: 'demo-meeting-1' }, { reason: 'meeting', org: 'korce-school', source: 'demo-meeting-1' }] },
  { unit: 'korce-cpu', owner: 'caseworker', givenName: 'Erion', familyName: 'Leka', sex: 'male', birthDate: '2011-09-30', municipalityCode: 'AL-06-03', languages: ['sq'], inSchool: false, vulnerabilities: ['out_of_school', 'roma_egyptian'], notes: 'Seen begging near the market; family known to the unit.', grants: [{ reason: 'referral', org: 'korce-ngo', source: 'demo-referral-1' }] },
  { unit: 'korce-cpu', owner: 'caseworker', givenName: 'Sara', familyName: 'Leka', sex: 'female', birthDate: '2016-01-05', municipalityCode: 'AL-06-03', languages: ['sq'], inSchool: true, schoolName: 'Kopshti Nr. 3' },
  { unit: 'korce-cpu', owner: 'supervisor', givenName: 'Kristi', familyName: 'Bala', sex: 'male', birthDate: '2009-06-21', municipalityCode: 'AL-06-03', languages: ['sq', 'el'], inSchool: true, vulnerabilities: ['parents_abroad'], grants: [{ reason: 'signal', org: 'korce-police-support', source: 'demo-signal-1' }] },
  { unit: 'elbasan-cpu', owner: 'e.cela', givenName: 'Alketa', familyName: 'Hysa', sex: 'female', birthDate: '2012-11-02', municipalityCode: 'AL-03-03', languages: ['sq'], vulnerabilities: ['disability'], grants: [{ reason: 'referral', org: 'elbasan-shelter', source: 'demo-referral-2' }] },
  { unit: 'durres-cpu', owner: 'l.muca', givenName: 'Dorian', familyName: 'Prifti', sex: 'male', birthDate: '2008-04-17', municipalityCode: 'AL-02-01', languages: ['sq'], inSchool: false },
  { unit: 'plovdiv-cpu', owner: 'm.ivanova', givenName: 'Иван', familyName: 'Петров', sex: 'male', birthDate: '2013-07-08', municipalityCode: 'BG-16-12', languages: ['bg'], inSchool: true, schoolName: 'ОУ „Христо Ботев“', grants: [{ reason: 'meeting', org: 'plovdiv-police', source: 'demo-meeting-2' }] },
  { unit: 'plovdiv-cpu', owner: 'm.ivanova', givenName: 'Елена', familyName: 'Асенова', sex: 'female', birthDate: '2010-02-14', municipalityCode: 'BG-16-12', languages: ['bg', 'tr'], vulnerabilities: ['roma_egyptian', 'poverty'], grants: [{ reason: 'referral', org: 'plovdiv-ngo', source: 'demo-referral-3' }] },
  { unit: 'harmanli-cpu', owner: 'n.dimitrova', givenName: 'Ахмад', familyName: 'Хасан', sex: 'male', birthDate: '2009-12-01', birthDateEstimated: true, municipalityCode: 'BG-26-02', languages: ['ar'], vulnerabilities: ['refugee_asylum', 'unaccompanied', 'no_documents'] },
  { unit: 'sofia-cpu', owner: 'i.koleva', givenName: 'Мария', familyName: 'Николова', sex: 'female', birthDate: '2015-05-25', municipalityCode: 'BG-22-01', languages: ['bg'], inSchool: true },
];

/** `attachmentKey`: the deployment's key, to add the demo's files (none without it). */
export async function seedDemo(db: Kysely<DB>, demoPassword: string, opts: { attachmentKey?: AttachmentKey } = {}): Promise<{ seeded: boolean }> {
  const existing = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst();
  if (existing) return { seeded: false };
  const passwordHash = await hashPassword(demoPassword);
  const orgIds = new Map<string, { id: string; country: string }>();
  const userIds = new Map<string, string>();
  await db.transaction().execute(async (tx) => {
    for (const o of ORGS) {
      const row = await tx
        .insertInto('organisations')
        .values({ name: o.name, sector: o.sector, jurisdiction_code: o.jurisdiction, country: o.jurisdiction.slice(0, 2), is_protection_unit: o.unit ?? false })
        .returning(['id', 'country'])
        .executeTakeFirstOrThrow();
      orgIds.set(o.key, row);
    }
    for (const u of [...DEMO_ROLE_USERS, ...REALISTIC_USERS]) {
      const row = await tx
        .insertInto('users')
        .values({ username: u.username, display_name: u.displayName, organisation_id: orgIds.get(u.org)!.id, roles: u.roles, password_hash: passwordHash, language: u.language })
        .returning('id')
        .executeTakeFirstOrThrow();
      userIds.set(u.username, row.id);
    }
    await appendAudit(tx, [{ chain: 'system', actorId: null, actorName: 'system:seed-demo', action: 'seed_demo', entity: 'database', outcome: 'ok', detail: { organisations: ORGS.length, users: userIds.size } }]);
  });
  const door = systemDoor(db, 'seed-demo');
  for (const { unit, owner, grants, ...input } of CHILDREN) {
    const org = orgIds.get(unit)!;
    const child = await createChild(door, input, { unitId: org.id, country: org.country, ownerId: userIds.get(owner)! });
    for (const g of grants ?? []) {
      await grantChildAccess(door, child.id, { reason: g.reason, organisationId: orgIds.get(g.org)!.id, sourceId: g.source });
    }
  }
  await seedDemoSignals(db);
  await seedDemoMeetings(db);
  await seedDemoCases(db);
  await seedDemoReferrals(db);
  await seedDemoTransfers(db);
  await seedDemoIntakes(db);
  await seedDemoHistory(db);
  await seedDemoInstitutions(db);
  await seedDemoShelters(db);
  if (opts.attachmentKey) await seedDemoAttachments(db, opts.attachmentKey);
  await seedDemoContacts(db);
  await seedDemoPrevention(db);
  await seedDemoBoards(db);
  await seedDemoFeedback(db);
  await seedDemoTrainings(db);
  return { seeded: true };
}
