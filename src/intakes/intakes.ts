import { duplicateConflict } from '../children/child-duplicates.ts';
import { TZDate } from '@date-fns/tz';
import { iso } from '../domain/dates.ts';
import { endOfLocalDay } from '../domain/deadlines.ts';
import { ForbiddenError, InputError, NotFoundError } from '../errors.ts';
import { hasRole } from '../policy/actor.ts';
import type { AuditFn, Door, Tx } from '../policy/door.ts';
import { shareFields } from '../policy/field-sharing.ts';
import { type RegisterOutcome, registerSignalIn } from '../signals/signal-register.ts';
import { signalChildren } from '../signals/signal-records.ts';
import { intakeAccessReason, intakeInReach } from './intake-reach.ts';
import {
  INTAKE_LIST_SHARING, INTAKE_SHARING, type IntakeAccessReason, type IntakeInput, type IntakeListItem, type IntakeListQuery, type IntakeView,
} from './intake-schema.ts';

/**
 * Police-station intakes, read and written only through a Door. Recording one refers its children
 * to the Child Protection Unit of their municipality as a signal (source police, channel
 * police_station) through the signals capability's own registration, in the same transaction: a
 * refused intake stores nothing, neither intake nor signal nor child.
 */
/** The country's time zone (the jurisdiction of the country's own code); UTC for a system handle. */
export async function countryTimeZone(tx: Tx, country: string | null): Promise<string> {
  if (!country) return 'UTC';
  const row = await tx.selectFrom('jurisdictions').select('timezone').where('code', '=', country).executeTakeFirst();
  return row?.timezone ?? 'UTC';
}

export function startOfLocalDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, timeZone).getTime());
}

const minutesBetween = (a: Date | string, b: Date | string) => Math.round((new Date(b).getTime() - new Date(a).getTime()) / 60_000);

function intakeQuery(door: Door, tx: Tx) {
  return tx
    .selectFrom('police_intakes as i')
    .innerJoin('signals as s', (j) => j.onRef('s.country', '=', 'i.country').onRef('s.id', '=', 'i.signal_id'))
    .innerJoin('organisations as team', 'team.id', 'i.team_org_id')
    .innerJoin('organisations as station', 'station.id', 'i.station_id')
    .leftJoin('organisations as unit', 'unit.id', 's.unit_id')
    .leftJoin('users as author', 'author.id', 'i.recorded_by')
    .selectAll('i')
    .select([
      'team.name as team_name', 'station.name as station_name', 'unit.name as unit_name', 'author.display_name as recorded_by_name',
      's.screened_at', 's.harm_types', 's.jurisdiction_code',
    ])
    .select(intakeAccessReason(door.actor))
    .where(intakeInReach(door.actor));
}

type CaseFact = { signal_id: string; child_id: string; owner_name: string | null; child_last_seen_at: Date | null };

/** The cases the referred signals led to (facts only: who is responsible, when the child was last seen). */
async function caseFacts(tx: Tx, country: string, signalIds: string[]): Promise<CaseFact[]> {
  if (signalIds.length === 0) return [];
  return tx
    .selectFrom('case_signals as cs')
    .innerJoin('cases as k', (j) => j.onRef('k.country', '=', 'cs.country').onRef('k.id', '=', 'cs.case_id'))
    .leftJoin('users as owner', 'owner.id', 'k.owner_id')
    .select(['cs.signal_id', 'k.child_id', 'owner.display_name as owner_name', 'k.child_last_seen_at'])
    .where('cs.country', '=', country)
    .where('cs.signal_id', 'in', signalIds)
    .orderBy('k.opened_at')
    .execute();
}

/** Reads one intake in the caller's transaction and audits it (the intake and each child shown); null when out of reach. */
export async function findIntakeIn(door: Door, tx: Tx, audit: AuditFn, id: string): Promise<IntakeView | null> {
  const row = await intakeQuery(door, tx).where('i.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const reason = row.access_reason as IntakeAccessReason;
  const children = await signalChildren(tx, row.country, row.signal_id);
  const facts = await caseFacts(tx, row.country, [row.signal_id]);
  await audit([
    { chain: row.country, action: 'read', entity: 'police_intake', entityId: row.id, reason, outcome: 'ok', detail: { children: children.length } },
    ...children.map((c) => ({ chain: row.country, action: 'read', entity: 'child', entityId: c.id, childId: c.id, reason, outcome: 'ok' as const, detail: { via: 'police_intake', intake: row.id } })),
  ]);
  const whole: IntakeView = {
    id: row.id,
    country: row.country,
    teamName: row.team_name,
    recordedByName: row.recorded_by_name,
    stationId: row.station_id,
    stationName: row.station_name,
    calledAt: iso(row.called_at),
    arrivedAt: iso(row.arrived_at),
    responseMinutes: minutesBetween(row.called_at, row.arrived_at),
    teamMembers: row.team_members as unknown as Array<{ name: string; role: string }>,
    municipalityCode: row.jurisdiction_code,
    children: children.map((c) => ({ id: c.id, givenName: c.given_name, familyName: c.family_name, sex: c.sex, birthDate: c.birth_date })),
    legalSituation: row.legal_situation,
    harmTypes: row.harm_types,
    parentPresent: row.parent_present,
    lawyerPresent: row.lawyer_present,
    psychologistPresent: row.psychologist_present,
    childFriendlyRoom: row.child_friendly_room,
    supportGiven: row.support_given,
    outcome: row.outcome,
    outcomeNote: row.outcome_note,
    signalId: row.signal_id,
    followUp: {
      screened: row.screened_at !== null,
      screenedAt: row.screened_at ? iso(row.screened_at) : null,
      unitName: row.unit_name,
      children: children.map((c) => {
        const fact = facts.find((f) => f.child_id === c.id);
        return {
          childId: c.id,
          caseOpened: fact !== undefined,
          responsibleName: fact?.owner_name ?? null,
          childLastSeenAt: fact?.child_last_seen_at ? iso(fact.child_last_seen_at) : null,
        };
      }),
    },
    createdAt: iso(row.created_at),
    accessReason: reason,
  };
  return shareFields(INTAKE_SHARING, whole, { whole: true, sector: 'social_services' });
}

export async function getIntake(door: Door, id: string): Promise<IntakeView> {
  const view = await door.read((tx, audit) => findIntakeIn(door, tx, audit, id));
  if (!view) {
    await door.auditAlone([{ action: 'read', entity: 'police_intake', entityId: id, outcome: 'denied' }]);
    throw new NotFoundError('intake');
  }
  return view;
}

/** Records an intake for the door's user (a `police_support` team member) and refers it to the unit as a signal. */
export async function recordIntake(door: Door, input: IntakeInput): Promise<IntakeView> {
  const actor = door.actor;
  if (actor.kind !== 'user' || !hasRole(actor, 'police_support')) throw new ForbiddenError('Only the police-station team records intakes');
  const outcome = await door.transaction(async (tx, audit) => {
    const station = await tx.selectFrom('organisations').select(['id', 'name']).where('id', '=', input.stationId)
      .where('country', '=', actor.country).where('sector', '=', 'police').where('active', '=', true).executeTakeFirst();
    if (!station) throw new InputError('The intake has errors', [{ path: 'stationId', message: 'is not a police station of your country' }]);
    const referral: RegisterOutcome = await registerSignalIn(door, tx, audit, actor, {
      receivedAt: input.arrivedAt,
      channel: 'police_station',
      source: 'police',
      reporterName: station.name,
      reporterContact: null,
      harmTypes: input.harmTypes,
      place: 'unknown',
      perpetrators: [],
      description: input.supportGiven ?? null,
      urgency: input.urgency,
      municipalityCode: input.municipalityCode,
      children: input.children,
    });
    if (referral === 'ref_taken') throw new Error('An intake registers its signal without a ref');
    if ('duplicate' in referral) return { duplicate: referral.duplicate };
    const intake = await tx
      .insertInto('police_intakes')
      .values({
        country: actor.country,
        team_org_id: actor.organisationId,
        recorded_by: actor.userId,
        station_id: station.id,
        called_at: new Date(input.calledAt),
        arrived_at: new Date(input.arrivedAt),
        team_members: JSON.stringify(input.teamMembers),
        legal_situation: input.legalSituation,
        parent_present: input.parentPresent,
        lawyer_present: input.lawyerPresent,
        psychologist_present: input.psychologistPresent,
        child_friendly_room: input.childFriendlyRoom,
        support_given: input.supportGiven || null,
        outcome: input.outcome,
        outcome_note: input.outcomeNote || null,
        signal_id: referral.signal.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit([{
      chain: actor.country, action: 'create', entity: 'police_intake', entityId: intake.id, reason: 'team', outcome: 'ok',
      detail: { signal: referral.signal.id, children: referral.signal.children.length, station: station.id },
    }]);
    return { view: (await findIntakeIn(door, tx, audit, intake.id))! };
  });
  if ('duplicate' in outcome) throw duplicateConflict(outcome.duplicate!);
  return outcome.view;
}

/** Intakes in reach, newest call first, with filters; each row shown is audited. */
export async function listIntakes(door: Door, q: IntakeListQuery): Promise<{ items: IntakeListItem[]; total: number }> {
  return door.read(async (tx, audit) => {
    let base = tx.selectFrom('police_intakes as i')
      .innerJoin('signals as s', (j) => j.onRef('s.country', '=', 'i.country').onRef('s.id', '=', 'i.signal_id'))
      .where(intakeInReach(door.actor));
    if (q.stationId) base = base.where('i.station_id', '=', q.stationId);
    if (q.legalSituation) base = base.where('i.legal_situation', '=', q.legalSituation);
    if (q.screened === true) base = base.where('s.screened_at', 'is not', null);
    if (q.screened === false) base = base.where('s.screened_at', 'is', null);
    if (q.followedUp !== undefined) {
      const wanted = q.followedUp;
      base = base.where((eb) => {
        const hasCase = eb.exists(eb.selectFrom('case_signals as cs').select('cs.case_id').whereRef('cs.country', '=', 'i.country').whereRef('cs.signal_id', '=', 'i.signal_id'));
        return wanted ? hasCase : eb.not(hasCase);
      });
    }
    // Days are the country's days (a call at 23:30 in Tirana belongs to that day there).
    if (q.from || q.to) {
      const zone = await countryTimeZone(tx, door.actor.kind === 'user' ? door.actor.country : null);
      if (q.from) base = base.where('i.called_at', '>=', startOfLocalDay(q.from, zone));
      if (q.to) base = base.where('i.called_at', '<=', endOfLocalDay(q.to, zone));
    }
    const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .innerJoin('organisations as station', 'station.id', 'i.station_id')
      .leftJoin('organisations as unit', 'unit.id', 's.unit_id')
      .select(['i.id', 'i.country', 'i.called_at', 'i.arrived_at', 'i.legal_situation', 'i.outcome', 'i.signal_id', 's.screened_at', 'station.name as station_name', 'unit.name as unit_name'])
      .select(intakeAccessReason(door.actor))
      .select((eb) => eb.selectFrom('signal_children as sc').select(eb.fn.countAll<string>().as('n'))
        .whereRef('sc.country', '=', 's.country').whereRef('sc.signal_id', '=', 's.id').as('child_count'))
      .orderBy('i.called_at', 'desc')
      .orderBy('i.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute();
    if (rows.length > 0) {
      await audit(rows.map((r) => ({ chain: r.country, action: 'list', entity: 'police_intake', entityId: r.id, reason: r.access_reason, outcome: 'ok' as const })));
    }
    const facts = rows.length === 0 ? [] : await caseFacts(tx, rows[0]!.country, rows.map((r) => r.signal_id));
    const items = rows.map((r) => {
      const mine = facts.filter((f) => f.signal_id === r.signal_id);
      const seen = mine.map((f) => f.child_last_seen_at).filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime());
      return shareFields(INTAKE_LIST_SHARING, {
        id: r.id,
        calledAt: iso(r.called_at),
        arrivedAt: iso(r.arrived_at),
        responseMinutes: minutesBetween(r.called_at, r.arrived_at),
        stationName: r.station_name,
        legalSituation: r.legal_situation,
        outcome: r.outcome,
        childCount: Number(r.child_count ?? 0),
        unitName: r.unit_name,
        screened: r.screened_at !== null,
        casesOpened: mine.length,
        responsibleNames: [...new Set(mine.flatMap((f) => (f.owner_name ? [f.owner_name] : [])))],
        childLastSeenAt: seen[0] ? iso(seen[0]) : null,
        accessReason: r.access_reason as IntakeAccessReason,
      } satisfies IntakeListItem, { whole: true, sector: 'social_services' });
    });
    return { items, total: Number(total.n) };
  });
}
