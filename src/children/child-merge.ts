import { sql } from 'kysely';
import type { AccessReason } from '../policy/field-sharing.ts';
import type { ChildView } from './child-schema.ts';
import { AppError, ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors.ts';
import { hasRole } from '../policy/actor.ts';
import { baseQuery, getChild } from './child-records.ts';
import type { Door } from '../policy/door.ts';

/**
 * Merging two records of the same child. A supervisor merges a record of their unit (the
 * duplicate) into another record of their unit (the survivor): the duplicate's signals, meetings,
 * cases and grants move to the survivor, whose details stay as they are; the duplicate stays as a
 * tombstone naming the survivor (`merged_into`), read as 410 with the survivor's id. Both records'
 * histories get a `merge` entry naming both ids, and the survivor's access history shows the
 * duplicate's past entries too. Refused: a record out of reach (404), a record of another unit
 * seen through a grant (409: that unit merges or transfers), and two records with an open case
 * each (409: close one case first).
 */
const UNIT_REASONS: AccessReason[] = ['owner', 'unit_supervisor'];

export async function mergeChildren(door: Door, survivorId: string, duplicateId: string): Promise<ChildView> {
  if (door.actor.kind !== 'user' || !hasRole(door.actor, 'supervisor') || !door.actor.isProtectionUnit) {
    throw new ForbiddenError('Only the supervisor of a Child Protection Unit merges records');
  }
  if (survivorId === duplicateId) throw new InputError('A record cannot be merged into itself', [{ path: 'duplicateId', message: 'must be another record' }]);
  const orgId = door.actor.organisationId;
  const outcome = await door.transaction(async (tx, audit) => {
    // Both rows locked, in one order, so that two merges of the same pair cannot deadlock.
    const rows = await baseQuery(door, tx).where('c.id', 'in', [survivorId, duplicateId]).orderBy('c.id').forUpdate('c').execute();
    const survivor = rows.find((r) => r.id === survivorId);
    const duplicate = rows.find((r) => r.id === duplicateId);
    if (!survivor || !duplicate) return 'not_found' as const;
    const ofUnit = (r: typeof survivor) => UNIT_REASONS.includes(r.access_reason as AccessReason) && r.unit_id === orgId;
    if (!ofUnit(survivor) || !ofUnit(duplicate) || survivor.country !== duplicate.country) return 'other_unit' as const;
    const country = survivor.country;
    const open = await tx
      .selectFrom('cases')
      .select('child_id')
      .where('country', '=', country)
      .where('child_id', 'in', [survivorId, duplicateId])
      .where('status', '<>', 'closed')
      .execute();
    if (new Set(open.map((c) => c.child_id)).size > 1) return 'two_open_cases' as const;

    // Links the survivor already has are dropped from the duplicate, the rest move.
    const signals = await tx.deleteFrom('signal_children').where('country', '=', country).where('child_id', '=', duplicateId)
      .where('signal_id', 'in', (eb) => eb.selectFrom('signal_children').select('signal_id').where('country', '=', country).where('child_id', '=', survivorId))
      .execute();
    const movedSignals = await tx.updateTable('signal_children').set({ child_id: survivorId }).where('country', '=', country).where('child_id', '=', duplicateId).executeTakeFirst();
    await tx.deleteFrom('meeting_children').where('country', '=', country).where('child_id', '=', duplicateId)
      .where('meeting_id', 'in', (eb) => eb.selectFrom('meeting_children').select('meeting_id').where('country', '=', country).where('child_id', '=', survivorId))
      .execute();
    const movedMeetings = await tx.updateTable('meeting_children').set({ child_id: survivorId }).where('country', '=', country).where('child_id', '=', duplicateId).executeTakeFirst();
    const movedCases = await tx.updateTable('cases').set({ child_id: survivorId }).where('country', '=', country).where('child_id', '=', duplicateId).executeTakeFirst();
    await sql`
      DELETE FROM child_access d USING child_access s
      WHERE d.country = ${country} AND d.child_id = ${duplicateId} AND s.country = d.country AND s.child_id = ${survivorId}
        AND s.reason = d.reason AND s.organisation_id = d.organisation_id AND s.source_id = d.source_id`.execute(tx);
    const movedGrants = await tx.updateTable('child_access').set({ child_id: survivorId }).where('country', '=', country).where('child_id', '=', duplicateId).executeTakeFirst();
    // Records merged into the duplicate earlier now name the survivor.
    await tx.updateTable('children').set({ merged_into: survivorId }).where('country', '=', country).where('merged_into', '=', duplicateId).execute();
    await tx.updateTable('children').set({ merged_into: survivorId, merged_at: sql`now()`, version: duplicate.version + 1, updated_at: sql`now()` })
      .where('country', '=', country).where('id', '=', duplicateId).execute();
    await tx.updateTable('children').set({ version: survivor.version + 1, updated_at: sql`now()` }).where('country', '=', country).where('id', '=', survivorId).execute();

    const moved = {
      signals: Number(movedSignals.numUpdatedRows) + signals.reduce((n, r) => n + Number(r.numDeletedRows), 0),
      meetings: Number(movedMeetings.numUpdatedRows),
      cases: Number(movedCases.numUpdatedRows),
      grants: Number(movedGrants.numUpdatedRows),
    };
    await audit([
      { chain: country, action: 'merge', entity: 'child', entityId: survivorId, childId: survivorId, reason: survivor.access_reason, outcome: 'ok', detail: { survivor: survivorId, merged: duplicateId, ...moved } },
      { chain: country, action: 'merge', entity: 'child', entityId: duplicateId, childId: duplicateId, reason: duplicate.access_reason, outcome: 'ok', detail: { survivor: survivorId, merged: duplicateId } },
    ]);
    return 'ok' as const;
  });
  if (outcome === 'not_found') {
    await door.auditAlone([{ action: 'merge', entity: 'child', entityId: survivorId, outcome: 'denied', detail: { merged: duplicateId } }]);
    throw new NotFoundError('child');
  }
  if (outcome === 'other_unit') throw new ConflictError('Only two records of your own unit can be merged: ask the unit that holds the other record to transfer or merge it');
  if (outcome === 'two_open_cases') throw new ConflictError('Both records have an open case: close one of the cases first, then merge');
  return getChild(door, survivorId);
}

/**
 * For a record that was merged: the survivor's id when the caller can reach the survivor (the
 * answer is then 410 naming it), else null (404 as for any unknown record).
 */
export async function mergedTarget(door: Door, id: string): Promise<string | null> {
  return door.read(async (tx) => {
    const tomb = await tx.selectFrom('children').select(['merged_into']).where('id', '=', id).where('merged_into', 'is not', null).executeTakeFirst();
    if (!tomb?.merged_into) return null;
    const survivor = await baseQuery(door, tx).where('c.id', '=', tomb.merged_into).executeTakeFirst();
    return survivor ? survivor.id : null;
  });
}

export class MergedError extends AppError {
  constructor(mergedInto: string) {
    super(410, 'This record was merged into another record of the same child', { mergedInto });
  }
}
