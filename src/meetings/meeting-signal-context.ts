import { initialMeetingDueAt, mandatorySectors } from './meeting-rules.ts';
import { NotFoundError } from '../errors.ts';
import { baseQuery } from '../children/child-records.ts';
import type { Door } from '../policy/door.ts';

/**
 * What the unit needs to convene the meeting on one of its signals: the children concerned, who
 * must attend, and by when (the rules of src/meetings/meeting-rules.ts applied to the signal).
 * Only the caseworkers and supervisors of the signal's unit reach it; everyone else gets 404.
 * The reach condition is written here rather than taken from the signals capability, so that
 * meetings do not depend on its internals.
 */
export async function signalMeetingContext(door: Door, signalId: string) {
  const actor = door.actor;
  const found = await door.read(async (tx, audit) => {
    let q = tx.selectFrom('signals as s').select(['s.id', 's.country', 's.received_at', 's.urgency', 's.harm_types', 's.unit_id']).where('s.id', '=', signalId);
    if (actor.kind === 'user') {
      if (!actor.isProtectionUnit || !actor.roles.some((r) => r === 'caseworker' || r === 'supervisor')) return null;
      q = q.where('s.country', '=', actor.country).where('s.unit_id', '=', actor.organisationId);
    }
    const s = await q.executeTakeFirst();
    if (!s) return null;
    const links = await tx.selectFrom('signal_children').select('child_id').where('country', '=', s.country).where('signal_id', '=', s.id).execute();
    const ids = links.map((l) => l.child_id);
    const children = ids.length === 0 ? [] : await baseQuery(door, tx).where('c.country', '=', s.country).where('c.id', 'in', ids).orderBy('c.family_name').execute();
    const reason = actor.kind === 'system' ? 'system' : actor.roles.includes('supervisor') ? 'unit_supervisor' : 'unit_caseworker';
    const existing = await tx.selectFrom('meetings').select(['id']).where('country', '=', s.country).where('signal_id', '=', s.id).orderBy('held_at').execute();
    await audit([
      { chain: s.country, action: 'read', entity: 'signal', entityId: s.id, reason, outcome: 'ok', detail: { via: 'meeting_context' } },
      ...children.map((c) => ({ chain: s.country, action: 'read', entity: 'child', entityId: c.id, childId: c.id, reason: c.access_reason as string, outcome: 'ok' as const, detail: { via: 'meeting_context' } })),
    ]);
    const receivedAt = new Date(s.received_at);
    return {
      signalId: s.id,
      receivedAt: receivedAt.toISOString(),
      urgency: s.urgency,
      harmTypes: s.harm_types,
      children: children.map((c) => ({ id: c.id, givenName: c.given_name, familyName: c.family_name, inSchool: c.in_school })),
      mandatorySectors: mandatorySectors({ harmTypes: s.harm_types, childrenInSchool: children.map((c) => c.in_school) }),
      suggestedType: s.urgency === 'immediate' ? ('crisis_intervention' as const) : ('initial_signal' as const),
      initialMeetingDueAt: initialMeetingDueAt({ receivedAt, urgency: s.urgency, country: s.country }).toISOString(),
      meetingIds: existing.map((m) => m.id),
    };
  });
  if (!found) {
    await door.auditAlone([{ action: 'read', entity: 'signal', entityId: signalId, outcome: 'denied', detail: { via: 'meeting_context' } }]);
    throw new NotFoundError('signal');
  }
  return found;
}

/** A signal's id by its ref, for seeding demo meetings (system handles only); null if absent. */
export async function signalIdByRef(door: Door, country: string, ref: string): Promise<string | null> {
  if (door.actor.kind !== 'system') throw new Error('signalIdByRef is for system handles');
  return door.transaction(async (tx, audit) => {
    const row = await tx.selectFrom('signals').select('id').where('country', '=', country).where('ref_scope', '=', '').where('ref', '=', ref).executeTakeFirst();
    if (row) await audit([{ chain: country, action: 'lookup', entity: 'signal', entityId: row.id, reason: 'system', outcome: 'ok', detail: { via: 'seed' } }]);
    return row?.id ?? null;
  });
}
