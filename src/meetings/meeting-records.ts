import { sql } from 'kysely';
import { UNIT_REASONS } from '../policy/field-sharing.ts';
import { mandatorySectors, sectorsPresent } from './meeting-rules.ts';
import { type MeetingInput, type MeetingPatch, MEETING_SORTS, type MeetingQuery, type MeetingView, type ParticipantInput } from './meeting-schema.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors.ts';
import { hasRole } from '../policy/actor.ts';
import { recordCaseEvent } from '../cases/case-context.ts';
import { baseQuery, checkMunicipality } from '../children/child-records.ts';
import type { AuditDraft, Door, Tx } from '../policy/door.ts';
import { fullView, isUnitReason, meetingBase, meetingInReach, summaries } from './meeting-reach.ts';
import { sortOf } from '../domain/list-sort.ts';

/**
 * Coordination meetings (DOMAIN.md step 3), reached only through a Door. The convening unit
 * records who was invited and who came; invited organisations get a `meeting` grant to the
 * meeting's children (source_id = the meeting), revoked when they are taken off the meeting.
 */

type Issue = { path: string; message: string };
type Participant = { organisationId: string | null; userId: string | null; name: string | null; institution: string | null; sector: string; attended: boolean | null };

/** Checks participants against the organisations and users of the meeting's country; issues name the field. */
async function resolveParticipants(tx: Tx, list: ParticipantInput[], country: string, path: string, issues: Issue[]): Promise<Participant[]> {
  const orgIds = [...new Set(list.flatMap((p) => (p.organisationId ? [p.organisationId] : [])))];
  const userIds = [...new Set(list.flatMap((p) => (p.userId ? [p.userId] : [])))];
  const orgs = orgIds.length === 0 ? [] : await tx.selectFrom('organisations').select(['id', 'sector', 'country', 'active']).where('id', 'in', orgIds).execute();
  const users = userIds.length === 0 ? [] : await tx.selectFrom('users').select(['id', 'organisation_id', 'disabled_at']).where('id', 'in', userIds).execute();
  return list.map((p, i) => {
    if (!p.organisationId) {
      return { organisationId: null, userId: null, name: p.name!, institution: p.institution!, sector: p.sector!, attended: p.attended ?? null };
    }
    const org = orgs.find((o) => o.id === p.organisationId);
    if (!org || !org.active || org.country !== country) issues.push({ path: `${path}.${i}.organisationId`, message: 'is not an active organisation of this country' });
    if (p.userId) {
      const user = users.find((u) => u.id === p.userId);
      if (!user || user.disabled_at || user.organisation_id !== p.organisationId) issues.push({ path: `${path}.${i}.userId`, message: 'is not an active user of that organisation' });
    }
    return { organisationId: p.organisationId, userId: p.userId ?? null, name: null, institution: null, sector: p.sector ?? org?.sector ?? 'other', attended: p.attended ?? null };
  });
}

async function insertParticipants(tx: Tx, country: string, meetingId: string, list: Participant[]) {
  if (list.length === 0) return;
  await tx
    .insertInto('meeting_participants')
    .values(list.map((p) => ({ country, meeting_id: meetingId, organisation_id: p.organisationId, user_id: p.userId, name: p.name, institution: p.institution, sector: p.sector, attended: p.attended })))
    .execute();
}

/**
 * Keeps the meeting grants in step with the invited organisations: each invited organisation
 * (other than the convening unit, which reaches its children already) holds one grant per child,
 * and an organisation no longer on the meeting loses its grants from this meeting.
 */
async function syncGrants(tx: Tx, meeting: { country: string; id: string; unit_id: string | null }): Promise<AuditDraft[]> {
  const orgs = await tx.selectFrom('meeting_participants').select('organisation_id').distinct().where('country', '=', meeting.country).where('meeting_id', '=', meeting.id).where('organisation_id', 'is not', null).execute();
  const invitedOrgs = orgs.map((o) => o.organisation_id!).filter((id) => id !== meeting.unit_id);
  const children = await tx.selectFrom('meeting_children').select('child_id').where('country', '=', meeting.country).where('meeting_id', '=', meeting.id).execute();
  const current = await tx.selectFrom('child_access').select(['id', 'child_id', 'organisation_id', 'revoked_at']).where('country', '=', meeting.country).where('reason', '=', 'meeting').where('source_id', '=', meeting.id).execute();
  const entries: AuditDraft[] = [];
  for (const org of invitedOrgs) {
    for (const { child_id } of children) {
      const existing = current.find((g) => g.organisation_id === org && g.child_id === child_id);
      if (existing && existing.revoked_at === null) continue;
      await tx
        .insertInto('child_access')
        .values({ country: meeting.country, child_id, reason: 'meeting', organisation_id: org, user_id: null, source_id: meeting.id })
        .onConflict((oc) => oc.columns(['country', 'child_id', 'reason', 'organisation_id', 'source_id']).doUpdateSet({ revoked_at: null }))
        .execute();
      entries.push({ chain: meeting.country, action: 'grant_access', entity: 'child', entityId: child_id, childId: child_id, reason: 'meeting', outcome: 'ok', detail: { grant: 'meeting', organisation: org, meeting: meeting.id } });
    }
  }
  const stale = current.filter((g) => g.revoked_at === null && !invitedOrgs.includes(g.organisation_id));
  if (stale.length > 0) {
    await tx.updateTable('child_access').set({ revoked_at: sql`now()` }).where('country', '=', meeting.country).where('id', 'in', stale.map((g) => g.id)).execute();
    for (const g of stale) {
      entries.push({ chain: meeting.country, action: 'revoke_access', entity: 'child', entityId: g.child_id, childId: g.child_id, reason: 'meeting', outcome: 'ok', detail: { grant: 'meeting', organisation: g.organisation_id, meeting: meeting.id } });
    }
  }
  return entries;
}

async function recomputeSectors(tx: Tx, country: string, meetingId: string): Promise<string[]> {
  const parts = await tx.selectFrom('meeting_participants').select(['sector', 'attended']).where('country', '=', country).where('meeting_id', '=', meetingId).execute();
  return sectorsPresent(parts);
}

/**
 * A held meeting is a step of the case of each child it concerns: the active cases of the
 * convening unit get a `meeting_held` step on their timeline (once per meeting), dated when the
 * meeting was held, as the convening unit's.
 */
async function recordHeldOnCases(door: Door, tx: Tx, meeting: { country: string; id: string; unitId: string; heldAt: string | Date; type: string }) {
  const cases = await tx
    .selectFrom('cases as k')
    .innerJoin('meeting_children as mc', (j) => j.onRef('mc.country', '=', 'k.country').onRef('mc.child_id', '=', 'k.child_id'))
    .select(['k.country', 'k.id'])
    .where('mc.country', '=', meeting.country)
    .where('mc.meeting_id', '=', meeting.id)
    .where('k.unit_id', '=', meeting.unitId)
    .where('k.status', '<>', 'closed')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('case_events as e').select(sql`1`.as('one'))
      .whereRef('e.country', '=', 'k.country').whereRef('e.case_id', '=', 'k.id')
      .where('e.kind', '=', 'meeting_held').where('e.entity_id', '=', meeting.id))))
    .execute();
  for (const kase of cases) {
    await recordCaseEvent(door, tx, kase, 'meeting_held', { entity: 'meeting', entityId: meeting.id, detail: { meetingType: meeting.type }, at: new Date(meeting.heldAt) });
  }
}

/** The unit convening: the caller's own, or for a system handle (seeding, import) the one named. */
export type ConveneAs = { unitId: string; convenedBy: string | null };

export async function conveneMeeting(door: Door, input: MeetingInput, as?: ConveneAs): Promise<MeetingView> {
  const actor = door.actor;
  if (actor.kind === 'user' && (!hasRole(actor, 'caseworker', 'supervisor') || !actor.isProtectionUnit)) {
    throw new ForbiddenError('Only caseworkers and supervisors of a Child Protection Unit convene meetings');
  }
  const unitId = actor.kind === 'user' ? actor.organisationId : as?.unitId;
  if (!unitId) throw new Error('A system handle must name the convening unit');
  const convenedBy = actor.kind === 'user' ? actor.userId : (as?.convenedBy ?? null);
  const id = await door.transaction(async (tx, audit) => {
    const unit = await tx.selectFrom('organisations').select(['id', 'country', 'jurisdiction_code', 'sector']).where('id', '=', unitId).executeTakeFirstOrThrow();
    const issues: Issue[] = [];
    const municipality = input.municipalityCode ?? unit.jurisdiction_code;
    await checkMunicipality(tx, municipality, unit.country);
    const region = await tx.selectFrom('jurisdictions').select('parent_code').where('code', '=', municipality).executeTakeFirstOrThrow();

    let harmTypes: string[] = [];
    const childIds = new Set<string>();
    if (input.signalId) {
      // A signal of the caller's own unit: the unit screens it and convenes its meeting.
      const signal = await tx.selectFrom('signals').select(['id', 'harm_types']).where('country', '=', unit.country).where('id', '=', input.signalId).where('unit_id', '=', unit.id).executeTakeFirst();
      if (!signal) issues.push({ path: 'signalId', message: 'is not a signal of your unit' });
      else {
        harmTypes = signal.harm_types;
        const kids = await tx.selectFrom('signal_children').select('child_id').where('country', '=', unit.country).where('signal_id', '=', signal.id).execute();
        for (const k of kids) childIds.add(k.child_id);
      }
    }
    const asked = input.childIds ?? [];
    if (asked.length > 0) {
      // Children the unit holds (a unit reason), not those the caller reaches through a grant.
      const reached = await baseQuery(door, tx).where('c.country', '=', unit.country).where('c.id', 'in', asked).execute();
      asked.forEach((cid, i) => {
        const r = reached.find((c) => c.id === cid);
        const ok = r && (UNIT_REASONS as readonly string[]).includes(r.access_reason as string) && (actor.kind === 'user' || r.unit_id === unit.id);
        if (ok) childIds.add(cid);
        else issues.push({ path: `childIds.${i}`, message: 'is not a child of your unit' });
      });
    }
    const participants = await resolveParticipants(tx, input.participants, unit.country, 'participants', issues);
    if (issues.length > 0) throw new InputError('The meeting could not be recorded', issues);

    // The convening unit sits at its own meeting: added when the caller did not list it.
    if (!participants.some((p) => p.organisationId === unit.id)) {
      participants.unshift({ organisationId: unit.id, userId: convenedBy, name: null, institution: null, sector: unit.sector, attended: input.status === 'held' ? true : null });
    }
    const inSchool = childIds.size === 0 ? [] : await tx.selectFrom('children').select('in_school').where('country', '=', unit.country).where('id', 'in', [...childIds]).execute();
    const mandatory = mandatorySectors({ harmTypes, childrenInSchool: inSchool.map((c) => c.in_school) });

    const row = await tx
      .insertInto('meetings')
      .values({
        country: unit.country,
        held_at: input.heldAt,
        jurisdiction_code: municipality,
        region_code: region.parent_code!,
        unit_id: unit.id,
        type: input.type,
        signal_id: input.signalId ?? null,
        status: input.status,
        sectors_present: sectorsPresent(participants),
        mandatory_sectors: mandatory,
        decisions: input.decisions ?? null,
        convened_by: convenedBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertParticipants(tx, unit.country, row.id, participants);
    if (childIds.size > 0) {
      await tx.insertInto('meeting_children').values([...childIds].map((child_id) => ({ country: unit.country, meeting_id: row.id, child_id }))).execute();
    }
    const grants = await syncGrants(tx, { country: unit.country, id: row.id, unit_id: unit.id });
    if (input.status === 'held') await recordHeldOnCases(door, tx, { country: unit.country, id: row.id, unitId: unit.id, heldAt: input.heldAt, type: input.type });
    const reason = actor.kind === 'system' ? 'system' : actor.roles.includes('supervisor') ? 'unit_supervisor' : 'unit_caseworker';
    await audit([
      { chain: unit.country, action: 'create', entity: 'meeting', entityId: row.id, reason, outcome: 'ok', detail: { type: input.type, participants: participants.length, children: childIds.size, fromSignal: !!input.signalId } },
      ...[...childIds].map((cid) => ({ chain: unit.country, action: 'meeting_link', entity: 'child', entityId: cid, childId: cid, reason, outcome: 'ok' as const, detail: { meeting: row.id } })),
      ...grants,
    ]);
    return row.id;
  });
  return getMeeting(door, id);
}

export async function getMeeting(door: Door, id: string): Promise<MeetingView> {
  const view = await door.read(async (tx, audit) => {
    const row = await meetingBase(door, tx).where('m.id', '=', id).executeTakeFirst();
    if (!row) return null;
    const { view: v, childrenShown } = await fullView(door, tx, row);
    await audit([
      { chain: row.country, action: 'read', entity: 'meeting', entityId: row.id, reason: row.access_reason, outcome: 'ok' },
      ...childrenShown.map((c) => ({ chain: row.country, action: 'read', entity: 'child', entityId: c.id, childId: c.id, reason: c.reason, outcome: 'ok' as const, detail: { via: 'meeting', meeting: row.id } })),
    ]);
    return v;
  });
  if (!view) {
    await door.auditAlone([{ action: 'read', entity: 'meeting', entityId: id, outcome: 'denied' }]);
    throw new NotFoundError('meeting');
  }
  return view;
}

export async function listMeetings(door: Door, q: MeetingQuery) {
  return door.read(async (tx, audit) => {
    let rows = meetingBase(door, tx);
    let count = tx.selectFrom('meetings as m').select((eb) => eb.fn.countAll<number>().as('n')).where(meetingInReach(door.actor));
    if (q.type) { rows = rows.where('m.type', '=', q.type); count = count.where('m.type', '=', q.type); }
    if (q.status) { rows = rows.where('m.status', '=', q.status); count = count.where('m.status', '=', q.status); }
    // Dates are calendar days: `to` includes the whole day.
    if (q.from) { rows = rows.where('m.held_at', '>=', new Date(`${q.from}T00:00:00Z`)); count = count.where('m.held_at', '>=', new Date(`${q.from}T00:00:00Z`)); }
    if (q.to) {
      const end = new Date(`${q.to}T00:00:00Z`);
      end.setUTCDate(end.getUTCDate() + 1);
      rows = rows.where('m.held_at', '<', end);
      count = count.where('m.held_at', '<', end);
    }
    const sort = sortOf<typeof MEETING_SORTS[number]>(q.sort ?? '-heldAt');
    const column = sort.key === 'type' ? 'm.type' : sort.key === 'status' ? 'm.status' : 'm.held_at';
    const page = await rows.orderBy(column, sort.direction).orderBy('m.id').limit(q.limit).offset(q.offset).execute();
    const total = await count.executeTakeFirstOrThrow();
    if (page.length > 0) {
      await audit(page.map((r) => ({ chain: r.country, action: 'list', entity: 'meeting', entityId: r.id, reason: r.access_reason, outcome: 'ok' as const })));
    }
    return { items: await summaries(door, tx, page), total: Number(total.n) };
  });
}

/** Changes a meeting from the version the editor opened; only the convening unit may. */
export async function updateMeeting(door: Door, id: string, patch: MeetingPatch): Promise<MeetingView> {
  const { version, attendance, addParticipants, removeParticipantIds, ...fields } = patch;
  const outcome = await door.transaction(async (tx, audit) => {
    const row = await meetingBase(door, tx).where('m.id', '=', id).forUpdate('m').executeTakeFirst();
    if (!row) return 'not_found' as const;
    if (!isUnitReason(row.access_reason)) {
      await audit([{ chain: row.country, action: 'update', entity: 'meeting', entityId: id, reason: row.access_reason, outcome: 'refused' }]);
      return 'forbidden' as const;
    }
    if (row.version !== version) return 'conflict' as const;
    const issues: Issue[] = [];
    const existing = await tx.selectFrom('meeting_participants').select(['id']).where('country', '=', row.country).where('meeting_id', '=', id).execute();
    const known = new Set(existing.map((p) => p.id));
    attendance?.forEach((a, i) => { if (!known.has(a.participantId)) issues.push({ path: `attendance.${i}.participantId`, message: 'is not a participant of this meeting' }); });
    removeParticipantIds?.forEach((pid, i) => { if (!known.has(pid)) issues.push({ path: `removeParticipantIds.${i}`, message: 'is not a participant of this meeting' }); });
    const added = await resolveParticipants(tx, addParticipants ?? [], row.country, 'addParticipants', issues);
    if (issues.length > 0) throw new InputError('The meeting could not be changed', issues);

    for (const a of attendance ?? []) {
      await tx.updateTable('meeting_participants').set({ attended: a.attended }).where('country', '=', row.country).where('id', '=', a.participantId).execute();
    }
    if (removeParticipantIds && removeParticipantIds.length > 0) {
      await tx.deleteFrom('meeting_participants').where('country', '=', row.country).where('meeting_id', '=', id).where('id', 'in', removeParticipantIds).execute();
    }
    await insertParticipants(tx, row.country, id, added);
    const grants = await syncGrants(tx, row);
    await tx
      .updateTable('meetings')
      .set({
        ...(fields.type !== undefined && { type: fields.type }),
        ...(fields.status !== undefined && { status: fields.status }),
        ...(fields.heldAt !== undefined && { held_at: fields.heldAt }),
        ...(fields.decisions !== undefined && { decisions: fields.decisions }),
        sectors_present: await recomputeSectors(tx, row.country, id),
        version: row.version + 1,
      })
      .where('country', '=', row.country)
      .where('id', '=', id)
      .execute();
    if (fields.status === 'held' && row.status !== 'held' && row.unit_id) {
      await recordHeldOnCases(door, tx, { country: row.country, id, unitId: row.unit_id, heldAt: fields.heldAt ?? row.held_at, type: fields.type ?? row.type });
    }
    const changed = [...Object.keys(fields), ...(attendance ? ['attendance'] : []), ...(added.length ? ['addParticipants'] : []), ...(removeParticipantIds?.length ? ['removeParticipantIds'] : [])].sort();
    await audit([{ chain: row.country, action: 'update', entity: 'meeting', entityId: id, reason: row.access_reason, outcome: 'ok', detail: { fields: changed } }, ...grants]);
    return 'ok' as const;
  });
  if (outcome === 'not_found') {
    await door.auditAlone([{ action: 'update', entity: 'meeting', entityId: id, outcome: 'denied' }]);
    throw new NotFoundError('meeting');
  }
  if (outcome === 'forbidden') throw new ForbiddenError('Only the unit that convened this meeting may change it');
  if (outcome === 'conflict') {
    throw new ConflictError('Someone else changed this meeting since you opened it', { current: await getMeeting(door, id) });
  }
  return getMeeting(door, id);
}
