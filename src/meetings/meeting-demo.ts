import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ActionItemInput, ParticipantInput } from './meeting-schema.ts';
import { loadUserActor } from '../policy/actor.ts';
import { listChildren } from '../children/child-records.ts';
import { type Door, openDoor, systemDoor } from '../policy/door.ts';
import { addActionItem, completeActionItem } from './action-items.ts';
import { conveneMeeting } from './meeting-records.ts';
import { signalIdByRef, signalMeetingContext } from './meeting-signal-context.ts';

/**
 * Demo meetings — never for production. Recorded through the policy layer with dates relative
 * to the first start, so that the demo `partner` (Korçë police) always has one action item open
 * and overdue and one done, the `partner` and `police_support` an invitation to tomorrow's crisis
 * intervention, and Plovdiv shows a meeting where a mandatory sector was absent.
 * Meetings hang on the demo signals when the signals capability seeded them, else on the children.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Item = ActionItemInput & { doneBy?: string; note?: string };
type DemoMeeting = {
  unit: string;
  country: string;
  by: string;
  signalRef?: string;
  children: string[];
  type: 'initial_signal' | 'follow_up' | 'crisis_intervention' | 'procedural';
  status: 'planned' | 'held';
  /** When, relative to now (negative: in the past); with a signal, hours after its receipt. */
  at: { daysFromNow: number } | { hoursAfterSignal: number; fallbackDaysFromNow: number };
  participants: Array<{ org: string; user?: string; attended: boolean | null } | { name: string; institution: string; sector: ParticipantInput['sector']; attended: boolean | null }>;
  decisions: string | null;
  items: Array<Omit<Item, 'responsibleOrganisationId' | 'responsibleUserId' | 'dueDate'> & { org?: string; user?: string; dueInDays: number }>;
};

const MEETINGS: DemoMeeting[] = [
  {
    unit: 'Bashkia Korçë', country: 'AL', by: 'caseworker', signalRef: 'demo-signal-korce-1', children: ['Ana Krasniqi'],
    type: 'initial_signal', status: 'held', at: { hoursAfterSignal: 18, fallbackDaysFromNow: -19 },
    participants: [
      { org: 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë', user: 'caseworker', attended: true },
      { org: 'Drejtoria Vendore e Policisë Korçë', user: 'partner', attended: true },
      { org: 'Shkolla 9-vjeçare „Naim Frashëri“, Korçë', user: 'k.teacher', attended: true },
      { name: 'Mimoza Dhima', institution: 'Psikologe e shkollës „Naim Frashëri“', sector: 'education', attended: true },
      { org: 'Qendra Shëndetësore Nr. 1 Korçë', attended: false },
    ],
    decisions: 'The child stays with her mother and grandmother while the father is kept away by a protection order request. The police visit the home with the unit; the school watches attendance daily and the school psychologist sees her weekly.',
    items: [
      { description: 'Joint home visit with the unit to assess safety at home', org: 'Drejtoria Vendore e Policisë Korçë', dueInDays: 3 },
      { description: 'Send the incident report to the unit', org: 'Drejtoria Vendore e Policisë Korçë', dueInDays: 2, doneBy: 'partner', note: 'Report delivered by hand.' },
      { description: 'Report any absence to the unit on the same day', org: 'Shkolla 9-vjeçare „Naim Frashëri“, Korçë', dueInDays: 30 },
      { description: 'Request a protection order at the district court', user: 'caseworker', dueInDays: 5, doneBy: 'caseworker' },
    ],
  },
  {
    unit: 'Bashkia Korçë', country: 'AL', by: 'caseworker', children: ['Erion Leka', 'Sara Leka'],
    type: 'follow_up', status: 'planned', at: { daysFromNow: 3 },
    participants: [
      { org: 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë', user: 'caseworker', attended: null },
      { org: 'Qendra Komunitare „Për Fëmijët“ Korçë', user: 'provider', attended: null },
      { org: 'Qendra Shëndetësore Nr. 1 Korçë', attended: null },
    ],
    decisions: null,
    items: [],
  },
  {
    // The police-station intake of two hours ago: the unit invites the police and the psychosocial team.
    unit: 'Bashkia Korçë', country: 'AL', by: 'supervisor', children: ['Kristi Bala'],
    type: 'crisis_intervention', status: 'planned', at: { daysFromNow: 1 },
    participants: [
      { org: 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë', user: 'supervisor', attended: null },
      { org: 'Ekipi psikosocial 24/7 – Komisariati Korçë', user: 'police_support', attended: null },
      { org: 'Drejtoria Vendore e Policisë Korçë', user: 'partner', attended: null },
    ],
    decisions: null,
    items: [],
  },
  {
    unit: 'Пловдив', country: 'BG', by: 'm.ivanova', signalRef: 'demo-signal-plovdiv-1', children: ['Иван Петров'],
    type: 'initial_signal', status: 'held', at: { hoursAfterSignal: 22, fallbackDaysFromNow: -14 },
    participants: [
      { org: 'Отдел „Закрила на детето“ – Пловдив', user: 'm.ivanova', attended: true },
      { org: 'ОУ „Христо Ботев“ – Пловдив', attended: true },
      { name: 'Десислава Колева', institution: 'Училищен психолог, ОУ „Христо Ботев“', sector: 'education', attended: true },
      { org: 'ОДМВР Пловдив', user: 's.stoyanov', attended: false },
    ],
    decisions: 'The school separates the boys in class and at breaks; the school psychologist works with both; the police inspector for child delinquency is asked to talk with the other boy\'s family.',
    items: [
      { description: 'Talk with the other pupil\'s family and report back', org: 'ОДМВР Пловдив', dueInDays: 7 },
      { description: 'Weekly sessions with the school psychologist', org: 'ОУ „Христо Ботев“ – Пловдив', dueInDays: 30, doneBy: 'm.ivanova', note: 'Sessions started.' },
    ],
  },
];

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function userDoor(db: Kysely<DB>, userId: string): Promise<Door> {
  const actor = await loadUserActor(db, userId);
  if (!actor) throw new Error('demo user missing');
  return openDoor(db, actor);
}

export async function seedDemoMeetings(db: Kysely<DB>): Promise<void> {
  const door = systemDoor(db, 'seed-demo');
  const orgs = await db.selectFrom('organisations').select(['id', 'name', 'is_protection_unit']).execute();
  const users = await db.selectFrom('users').select(['id', 'username']).execute();
  const orgId = (name: string) => orgs.find((o) => o.name === name)?.id;
  const userId = (username: string) => users.find((u) => u.username === username)?.id;
  const children = (await listChildren(door, { limit: 200, offset: 0 })).items;
  const childId = (name: string) => children.find((c) => `${c.givenName} ${c.familyName}` === name)?.id;

  for (const m of MEETINGS) {
    const unit = orgs.find((o) => o.is_protection_unit && o.name.endsWith(m.unit));
    if (!unit) continue;
    const signalId = m.signalRef ? await signalIdByRef(door, m.country, m.signalRef) : null;
    let heldAt: Date;
    if ('daysFromNow' in m.at) heldAt = new Date(Date.now() + m.at.daysFromNow * DAY);
    else if (signalId) heldAt = new Date(new Date((await signalMeetingContext(door, signalId)).receivedAt).getTime() + m.at.hoursAfterSignal * HOUR);
    else heldAt = new Date(Date.now() + m.at.fallbackDaysFromNow * DAY);
    const childIds = m.children.map(childId).filter((id): id is string => !!id);
    const participants: ParticipantInput[] = m.participants.map((p) =>
      'org' in p
        ? { organisationId: orgId(p.org)!, ...(p.user ? { userId: userId(p.user)! } : {}), attended: p.attended }
        : { name: p.name, institution: p.institution, sector: p.sector, attended: p.attended });
    const meeting = await conveneMeeting(
      door,
      { type: m.type, heldAt: heldAt.toISOString(), status: m.status, ...(signalId ? { signalId } : { childIds }), participants, decisions: m.decisions },
      { unitId: unit.id, convenedBy: userId(m.by) ?? null },
    );
    const heldDay = heldAt.toISOString().slice(0, 10);
    for (const item of m.items) {
      const added = await addActionItem(door, meeting.id, {
        description: item.description,
        ...(item.org ? { responsibleOrganisationId: orgId(item.org)! } : { responsibleUserId: userId(item.user!)! }),
        dueDate: addDays(heldDay, item.dueInDays),
      });
      if (item.doneBy) await completeActionItem(await userDoor(db, userId(item.doneBy)!), added.id, item.note);
    }
  }
}
