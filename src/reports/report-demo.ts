import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { SignalInput } from '../signals/signal-schema.ts';
import { listChildren } from '../children/child-records.ts';
import { conveneMeeting } from '../meetings/meeting-records.ts';
import { systemDoor } from '../policy/door.ts';
import { registerSignal } from '../signals/signal-register.ts';
import { screenSignal } from '../signals/signal-screening.ts';
import { demoDirectory } from '../demo/demo-doors.ts';

/**
 * Demo history for the monitoring report — never for production. A few signals and meetings of past
 * months in the Albanian units and Plovdiv, dated relative to today: some in the previous calendar year and some
 * earlier in the current one (between its first day and now), so that the report shows figures
 * whichever period it opens on — the latest year with data, the year to date — and the change
 * from the period before. Every past signal is screened (no further action, or referred
 * elsewhere) and every past meeting held, so nothing of the past lands on a task list.
 * Deterministic: the n-th signal's date, harm, source and place follow from n and today.
 */
type Unit = { name: string; history: [previousYear: number, currentYear: number]; country: 'AL' | 'BG'; municipality: string; worker: string; supervisor: string; children: string[]; police?: string };

const UNITS: Unit[] = [
  { name: 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë', history: [2, 2], country: 'AL', municipality: 'AL-06-03', worker: 'caseworker', supervisor: 'supervisor', children: ['Ana Krasniqi', 'Erion Leka', 'Sara Leka', 'Kristi Bala'], police: 'Drejtoria Vendore e Policisë Korçë' },
  { name: 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Elbasan', history: [1, 1], country: 'AL', municipality: 'AL-03-03', worker: 'e.cela', supervisor: 'b.kasa', children: ['Alketa Hysa'] },
  { name: 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Durrës', history: [1, 1], country: 'AL', municipality: 'AL-02-01', worker: 'l.muca', supervisor: 'l.muca', children: ['Dorian Prifti'], police: 'Drejtoria Vendore e Policisë Durrës' },
  { name: 'Отдел „Закрила на детето“ – Пловдив', history: [1, 1], country: 'BG', municipality: 'BG-16-12', worker: 'm.ivanova', supervisor: 'g.petrov', children: ['Иван Петров', 'Елена Асенова'], police: 'ОДМВР Пловдив' },
  { name: 'Отдел „Закрила на детето“ – Харманли', history: [0, 0], country: 'BG', municipality: 'BG-26-02', worker: 'n.dimitrova', supervisor: 'n.dimitrova', children: ['Ахмад Хасан'], police: 'РУ Харманли' },
  { name: 'Отдел „Закрила на детето“ – Столична община', history: [0, 0], country: 'BG', municipality: 'BG-22-01', worker: 'i.koleva', supervisor: 'i.koleva', children: ['Мария Николова'] },
];

const KINDS = [
  { harmTypes: ['neglect'], source: 'neighbour', place: 'family', perpetrators: ['mother'], channel: 'phone', text: 'A neighbour reports that the child is often left alone at home in the evenings.' },
  { harmTypes: ['physical', 'psychological'], source: 'education', place: 'family', perpetrators: ['father'], channel: 'written', text: 'The school reports bruises after a weekend at home.' },
  { harmTypes: ['school_dropout'], source: 'education', place: 'school', perpetrators: ['unknown'], channel: 'written', text: 'Long absence from school; the family did not answer the school.' },
  { harmTypes: ['begging'], source: 'police', place: 'street', perpetrators: ['relative'], channel: 'police_station', text: 'The child was found begging at a crossroads during school hours.' },
  { harmTypes: ['cyberbullying'], source: 'child_self', place: 'online', perpetrators: ['another_child'], channel: 'helpline_116111', text: 'The child called the helpline about messages from classmates.' },
  { harmTypes: ['physical'], source: 'health_facility', place: 'street', perpetrators: ['stranger'], channel: 'in_person', text: 'Treated at the emergency ward after a fight in the street.' },
  { harmTypes: ['labour_exploitation'], source: 'ngo', place: 'other', perpetrators: ['relative'], channel: 'outreach', text: 'Street workers found the child working at a market stall at night.' },
  { harmTypes: ['psychological'], source: 'anonymous', place: 'family', perpetrators: ['step_parent'], channel: 'phone', text: 'An anonymous caller reports shouting and threats at home.' },
] as const;

const HOUR = 3_600_000;

/** The k-th of n instants spread over [start, end), at 10:00 UTC-ish on its day, never after `end`. */
function spread(start: number, end: number, k: number, n: number): Date {
  const t = start + ((k + 0.5) / n) * (end - start);
  return new Date(Math.min(t, end - HOUR));
}

export async function seedDemoHistory(db: Kysely<DB>): Promise<void> {
  const dir = await demoDirectory(db);
  const system = systemDoor(db, 'seed-demo');
  const known = new Map((await listChildren(system, { limit: 200, offset: 0 })).items.map((c) => [`${c.givenName} ${c.familyName}`, c.id]));
  const now = Date.now();
  const year = new Date(now).getUTCFullYear();
  const previous = { start: Date.UTC(year - 1, 0, 1), end: Date.UTC(year, 0, 1) };
  const current = { start: Date.UTC(year, 0, 1), end: now - 45 * 24 * HOUR > Date.UTC(year, 0, 1) ? now - 45 * 24 * HOUR : now };
  let n = 0;
  for (const unit of UNITS) {
    const onBehalfOf = await dir.door(unit.worker);
    if (onBehalfOf.actor.kind !== 'user') continue;
    const children = unit.children.map((c) => known.get(c)).filter((id): id is string => !!id);
    const dates = [
      ...Array.from({ length: unit.history[0] }, (_, k) => spread(previous.start, previous.end, k, unit.history[0])),
      ...Array.from({ length: unit.history[1] }, (_, k) => spread(current.start, current.end, k, unit.history[1])),
    ];
    for (const spreadAt of dates) {
      // n minutes later each: no two demo signals share an instant, so an export's order (by time)
      // is the same in every database the demo is imported into.
      const receivedAt = new Date(spreadAt.getTime() + n * 61_000);
      const kind = KINDS[n % KINDS.length]!;
      const childId = children[n % children.length]!;
      const { signal, created } = await registerSignal(system, SignalInput.parse({
        ref: `demo-history-${unit.municipality}-${n}`,
        receivedAt: receivedAt.toISOString(),
        channel: kind.channel, source: kind.source, harmTypes: [...kind.harmTypes], place: kind.place, perpetrators: [...kind.perpetrators],
        description: kind.text, urgency: 'normal', municipalityCode: unit.municipality, children: [{ childId }],
      }), { onBehalfOf: onBehalfOf.actor });
      const screenedAt = new Date(Math.min(receivedAt.getTime() + 20 * HOUR, now));
      if (created) {
        await screenSignal(system, signal.id, n % 3 === 0
          ? { decision: 'refer_elsewhere', riskLevel: 'low', reason: 'Followed up by the school and the health centre.', referredTo: 'Shërbimi social / Социална служба', version: signal.version }
          : { decision: 'no_action', riskLevel: 'low', reason: 'Home visit: the family looks after the child; no concern found.', version: signal.version },
        { byUserId: dir.userId(unit.supervisor), at: screenedAt });
      }
      // Every other past signal had a meeting two days later with the police, where there is a police partner.
      if (unit.police && n % 2 === 0) {
        await conveneMeeting(system, {
          type: n % 2 === 0 ? 'follow_up' : 'procedural', heldAt: new Date(Math.min(receivedAt.getTime() + 48 * HOUR, now - HOUR)).toISOString(), status: 'held',
          childIds: [childId],
          participants: [
            { organisationId: dir.orgId(unit.name), userId: dir.userId(unit.worker), attended: true },
            { organisationId: dir.orgId(unit.police), attended: n % 4 !== 3 },
          ],
          decisions: 'The family accepted the support offered; the unit follows up at the next visit.',
        }, { unitId: dir.orgId(unit.name), convenedBy: dir.userId(unit.worker) });
      }
      n += 1;
    }
  }
}
