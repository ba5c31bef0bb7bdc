import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { endOfLocalDay, localDay } from '../domain/deadlines.ts';
import { flaggedSectors, initialMeetingDueAt, isActionItemOverdue, missingSectors } from './meeting-rules.ts';
import { type ActionItemView, MEETING_SHARING, MEETING_SUMMARY_SHARING, type MeetingSummary, type MeetingView, PARTICIPANT_SHARING } from './meeting-schema.ts';
import { type Reader, shareFields } from '../policy/field-sharing.ts';
import type { Actor } from '../policy/actor.ts';
import { baseQuery } from '../children/child-records.ts';
import type { Door, Tx } from '../policy/door.ts';
import { GRANTS_BY_ROLE } from '../policy/reach.ts';

/**
 * Who sees a coordination meeting, compiled to SQL like reach.ts:
 * - the convening unit's caseworkers and supervisors see all their unit's meetings, whole;
 * - an invited organisation's users (partner, provider, police-station team, or the caseworkers
 *   of another unit), for the roles that may hold a meeting grant, see the meetings their
 *   organisation takes part in — and only what is shared with them: the date, type, status and
 *   place; the participating organisations, institutions and sectors (not the names of the
 *   people); the decisions (the team's shared conclusions, which tell them what is expected);
 *   the action items assigned to their organisation or to them; and the children whose record
 *   their meeting grant lets them reach. The signal (the unit's record, with its narrative and
 *   reporter), other organisations' action items and the names of individual participants
 *   stay with the unit.
 * - the caseworkers and supervisors of the unit responsible for a case (reason 'case') read, whole,
 *   the meetings on the case's signals and those concerning the case's child: a case transferred
 *   to them carries the meetings that led to it. They read them as the responsible unit does, but
 *   change nothing in them (the convening unit's record).
 * Everyone else: the meeting does not exist for them (404).
 */
type MeetingEB = ExpressionBuilder<DB & { m: DB['meetings'] }, 'm'>;
export type MeetingReason = 'unit_caseworker' | 'unit_supervisor' | 'case' | 'meeting' | 'system';

function isUnitMember(actor: Actor): boolean {
  return actor.kind === 'user' && actor.roles.some((r) => r === 'caseworker' || r === 'supervisor');
}

function mayBeInvited(actor: Actor): boolean {
  return actor.kind === 'user' && actor.roles.some((r) => GRANTS_BY_ROLE[r].includes('meeting'));
}

function ownUnit(eb: MeetingEB, actor: Extract<Actor, { kind: 'user' }>) {
  return eb.and([eb('m.country', '=', actor.country), eb('m.unit_id', '=', actor.organisationId)]);
}

function invited(eb: MeetingEB, actor: Extract<Actor, { kind: 'user' }>) {
  return eb.exists(
    eb
      .selectFrom('meeting_participants as p')
      .select(sql`1`.as('one'))
      .whereRef('p.country', '=', 'm.country')
      .whereRef('p.meeting_id', '=', 'm.id')
      .where('p.organisation_id', '=', actor.organisationId),
  );
}

/** On a signal of a case of the actor's unit, or concerning the child of one (uncorrelated lists). */
function caseHistory(eb: MeetingEB, actor: Extract<Actor, { kind: 'user' }>) {
  return eb.or([
    eb('m.signal_id', 'in', eb.selectFrom('case_signals as cs')
      .innerJoin('cases as k', (j) => j.onRef('k.country', '=', 'cs.country').onRef('k.id', '=', 'cs.case_id'))
      .select('cs.signal_id').where('k.country', '=', actor.country).where('k.unit_id', '=', actor.organisationId)),
    eb('m.id', 'in', eb.selectFrom('meeting_children as mc')
      .innerJoin('cases as k', (j) => j.onRef('k.country', '=', 'mc.country').onRef('k.child_id', '=', 'mc.child_id'))
      .select('mc.meeting_id').where('k.country', '=', actor.country).where('k.unit_id', '=', actor.organisationId)),
  ]);
}

export function meetingInReach(actor: Actor) {
  return (eb: MeetingEB): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<SqlBool>`true`;
    const ors: Expression<SqlBool>[] = [];
    if (isUnitMember(actor)) ors.push(ownUnit(eb, actor), caseHistory(eb, actor));
    if (mayBeInvited(actor)) ors.push(invited(eb, actor));
    return ors.length === 0 ? sql<SqlBool>`false` : eb.or(ors);
  };
}

export function meetingAccessReason(actor: Actor) {
  return (eb: MeetingEB) => {
    if (actor.kind === 'system') return sql<MeetingReason>`'system'`.as('access_reason');
    const whens: Array<[Expression<SqlBool>, MeetingReason]> = [];
    if (isUnitMember(actor)) {
      whens.push([ownUnit(eb, actor), actor.roles.includes('supervisor') ? 'unit_supervisor' : 'unit_caseworker']);
      whens.push([caseHistory(eb, actor), 'case']);
    }
    if (mayBeInvited(actor)) whens.push([invited(eb, actor), 'meeting']);
    if (whens.length === 0) return sql<MeetingReason | null>`null`.as('access_reason');
    const cases = sql.join(whens.map(([cond, reason]) => sql`WHEN ${cond} THEN ${sql.lit(reason)}`), sql` `);
    return sql<MeetingReason | null>`CASE ${cases} ELSE NULL END`.as('access_reason');
  };
}

/** The convening unit: reads the meeting whole and changes it. */
export function isUnitReason(reason: string | null): boolean {
  return reason === 'unit_caseworker' || reason === 'unit_supervisor' || reason === 'system';
}

/** Who reads the meeting whole: the convening unit, and the unit responsible for a case it led to ('case'). */
export function seesWholeMeeting(reason: string | null): boolean {
  return isUnitReason(reason) || reason === 'case';
}

/** Meetings in the actor's reach, with the reason and what the view needs. */
export function meetingBase(door: Door, tx: Tx) {
  return tx
    .selectFrom('meetings as m')
    .innerJoin('jurisdictions as j', 'j.code', 'm.jurisdiction_code')
    .leftJoin('organisations as unit', 'unit.id', 'm.unit_id')
    .leftJoin('users as conv', 'conv.id', 'm.convened_by')
    .selectAll('m')
    .select(['j.timezone', 'unit.name as unit_name', 'conv.display_name as convened_by_name'])
    .select(meetingAccessReason(door.actor))
    .where(meetingInReach(door.actor));
}
export type MeetingRow = Awaited<ReturnType<ReturnType<typeof meetingBase>['executeTakeFirstOrThrow']>>;

/** The action items a reader sees: all for the unit, their own for an invited organisation. */
export function itemVisible(actor: Actor, reason: string | null, item: { responsible_org_id: string | null; responsible_user_id: string | null }): boolean {
  if (seesWholeMeeting(reason)) return true;
  return isResponsible(actor, item);
}

export function isResponsible(actor: Actor, item: { responsible_org_id: string | null; responsible_user_id: string | null }): boolean {
  if (actor.kind === 'system') return true;
  return item.responsible_org_id === actor.organisationId || item.responsible_user_id === actor.userId;
}

export async function loadParticipants(tx: Tx, country: string, meetingIds: string[]) {
  if (meetingIds.length === 0) return [];
  return tx
    .selectFrom('meeting_participants as p')
    .leftJoin('organisations as o', 'o.id', 'p.organisation_id')
    .leftJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.id', 'p.meeting_id', 'p.organisation_id', 'o.name as organisation_name', 'p.user_id', 'u.display_name as user_name', 'p.name', 'p.institution', 'p.sector', 'p.attended'])
    .where('p.country', '=', country)
    .where('p.meeting_id', 'in', meetingIds)
    .orderBy('p.sector')
    .orderBy('o.name')
    .orderBy('p.name')
    .execute();
}
type ParticipantRow = Awaited<ReturnType<typeof loadParticipants>>[number];

export function itemQuery(tx: Tx) {
  return tx
    .selectFrom('action_items as ai')
    .leftJoin('organisations as ro', 'ro.id', 'ai.responsible_org_id')
    .leftJoin('users as ru', 'ru.id', 'ai.responsible_user_id')
    .leftJoin('users as db', 'db.id', 'ai.done_by')
    .selectAll('ai')
    .select(['ro.name as responsible_org_name', 'ru.display_name as responsible_user_name', 'ru.organisation_id as responsible_user_org', 'db.display_name as done_by_name']);
}
export type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>['executeTakeFirstOrThrow']>>;

/** An item as the reader sees it; its deadline is the end of its due day in the meeting's time zone. */
export function itemView(actor: Actor, reason: string | null, item: ItemRow, timeZone: string, now = new Date()): ActionItemView {
  const done = item.done_at !== null;
  const unit = isUnitReason(reason);
  return {
    id: item.id,
    meetingId: item.meeting_id,
    description: item.description,
    responsibleOrganisationId: item.responsible_org_id,
    responsibleOrganisationName: item.responsible_org_name,
    responsibleUserId: item.responsible_user_id,
    responsibleUserName: item.responsible_user_name,
    dueDate: item.due_date,
    dueAt: endOfLocalDay(item.due_date, timeZone).toISOString(),
    done,
    doneAt: item.done_at ? new Date(item.done_at).toISOString() : null,
    doneByName: item.done_by_name,
    doneNote: item.done_note,
    overdue: isActionItemOverdue({ dueDate: item.due_date, done }, localDay(now, timeZone)),
    canComplete: !done && (unit || isResponsible(actor, item)),
    canReopen: done && unit,
  };
}

/** Meetings are shared by the reader's relation to them alone (no field goes by sector). */
function meetingReader(row: MeetingRow): Reader {
  return { whole: seesWholeMeeting(row.access_reason), sector: 'social_services' };
}

function summaryOf(row: MeetingRow, participants: ParticipantRow[], items: ActionItemView[], childCount: number): MeetingSummary {
  return shareFields(MEETING_SUMMARY_SHARING, {
    id: row.id,
    country: row.country,
    heldAt: new Date(row.held_at).toISOString(),
    type: row.type,
    status: row.status,
    municipalityCode: row.jurisdiction_code,
    unitId: row.unit_id,
    unitName: row.unit_name,
    signalId: row.signal_id,
    mandatorySectors: row.mandatory_sectors,
    sectorsPresent: row.sectors_present,
    missingSectors: flaggedSectors({ status: row.status, mandatory: row.mandatory_sectors, participants }),
    childCount,
    openActionItems: items.filter((i) => !i.done).length,
    overdueActionItems: items.filter((i) => i.overdue).length,
    accessReason: (row.access_reason ?? 'meeting') as MeetingSummary['accessReason'],
    version: row.version,
  }, meetingReader(row));
}

/** Summaries for a page of meetings: participants, counts and the caller's visible items. */
export async function summaries(door: Door, tx: Tx, rows: MeetingRow[]): Promise<MeetingSummary[]> {
  const out: MeetingSummary[] = [];
  const byCountry = new Map<string, MeetingRow[]>();
  for (const r of rows) byCountry.set(r.country, [...(byCountry.get(r.country) ?? []), r]);
  const parts = new Map<string, ParticipantRow[]>();
  const items = new Map<string, ItemRow[]>();
  const kids = new Map<string, number>();
  for (const [country, list] of byCountry) {
    const ids = list.map((r) => r.id);
    for (const p of await loadParticipants(tx, country, ids)) parts.set(p.meeting_id, [...(parts.get(p.meeting_id) ?? []), p]);
    for (const i of await itemQuery(tx).where('ai.country', '=', country).where('ai.meeting_id', 'in', ids).execute()) {
      items.set(i.meeting_id, [...(items.get(i.meeting_id) ?? []), i]);
    }
    const counts = await tx
      .selectFrom('meeting_children')
      .select(['meeting_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('country', '=', country)
      .where('meeting_id', 'in', ids)
      .groupBy('meeting_id')
      .execute();
    for (const c of counts) kids.set(c.meeting_id, Number(c.n));
  }
  for (const r of rows) {
    const visible = (items.get(r.id) ?? []).filter((i) => itemVisible(door.actor, r.access_reason, i)).map((i) => itemView(door.actor, r.access_reason, i, r.timezone));
    out.push(summaryOf(r, parts.get(r.id) ?? [], visible, kids.get(r.id) ?? 0));
  }
  return out;
}

/**
 * The whole meeting as the reader may see it. Children are named only where the reader reaches
 * the child (through child-records' reach); each child shown is returned for auditing.
 */
export async function fullView(door: Door, tx: Tx, row: MeetingRow): Promise<{ view: MeetingView; childrenShown: Array<{ id: string; reason: string }> }> {
  const reader = meetingReader(row);
  const participants = await loadParticipants(tx, row.country, [row.id]);
  const items = (await itemQuery(tx).where('ai.country', '=', row.country).where('ai.meeting_id', '=', row.id).orderBy('ai.due_date').orderBy('ai.created_at').execute())
    .filter((i) => itemVisible(door.actor, row.access_reason, i))
    .map((i) => itemView(door.actor, row.access_reason, i, row.timezone));
  const links = await tx.selectFrom('meeting_children').select('child_id').where('country', '=', row.country).where('meeting_id', '=', row.id).execute();
  const childIds = links.map((l) => l.child_id);
  const reached = childIds.length === 0 ? [] : await baseQuery(door, tx).where('c.country', '=', row.country).where('c.id', 'in', childIds).orderBy('c.family_name').orderBy('c.given_name').execute();
  let deadline: MeetingView['deadline'] = null;
  // The signal is the unit's record: no other reader's query asks for it.
  if (reader.whole && row.signal_id && (row.type === 'initial_signal' || row.type === 'crisis_intervention')) {
    const s = await tx.selectFrom('signals').select(['received_at', 'urgency']).where('country', '=', row.country).where('id', '=', row.signal_id).executeTakeFirst();
    if (s) {
      const due = initialMeetingDueAt({ receivedAt: new Date(s.received_at), urgency: s.urgency, country: row.country });
      deadline = { dueAt: due.toISOString(), met: row.status === 'held' ? new Date(row.held_at).getTime() <= due.getTime() : null };
    }
  }
  const view = shareFields(MEETING_SHARING, {
    ...summaryOf(row, participants, items, childIds.length),
    decisions: row.decisions,
    convenedByName: row.convened_by_name,
    createdAt: new Date(row.created_at).toISOString(),
    participants: participants.map((p) => shareFields(PARTICIPANT_SHARING, {
      id: p.id,
      organisationId: p.organisation_id,
      organisationName: p.organisation_name,
      userId: p.user_id,
      personName: p.user_name ?? p.name,
      institution: p.institution,
      sector: p.sector,
      attended: p.attended,
    }, reader)),
    notInvitedSectors: missingSectors(row.mandatory_sectors, participants.map((p) => p.sector)),
    children: reached.map((c) => ({ id: c.id, givenName: c.given_name, familyName: c.family_name })),
    actionItems: items,
    deadline,
    canEdit: isUnitReason(row.access_reason),
  } satisfies MeetingView, reader);
  return { view, childrenShown: reached.map((c) => ({ id: c.id, reason: c.access_reason as string })) };
}
