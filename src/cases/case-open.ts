import { sql } from 'kysely';
import { deadlinesFor } from '../domain/deadlines.ts';
import { openingDeadlines } from './case-deadlines.ts';
import type { CaseOpenInput } from './case-schema.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors.ts';
import { actorUserId, recordCaseEvent, unitTimeZone } from './case-context.ts';
import { baseQuery } from '../children/child-records.ts';
import type { AuditDraft, Door, Tx } from '../policy/door.ts';
import { signalInReach } from '../signals/signal-reach.ts';

/**
 * Opening a case: from a screening decision (open_case) or directly for a child the unit knows.
 * The case belongs to the child's unit; its first deadlines (initial assessment by risk, plan)
 * come from the country's configuration, counted in the unit's time zone.
 */
export type OpenCaseArgs = {
  childId: string;
  riskLevel: 'high' | 'medium' | 'low';
  ownerId?: string | null;
  signalId?: string | null;
  /** When the case opened (a system handle may date it in the past: demo data, imports). */
  openedAt?: Date;
  ref?: string | null;
  origin?: 'app' | 'import';
};

/** Opens a case inside the caller's transaction; returns its id. The caller audits. */
export async function openCaseInTx(door: Door, tx: Tx, audit: (entries: AuditDraft[]) => Promise<void>, args: OpenCaseArgs): Promise<{ id: string; country: string }> {
  const child = await baseQuery(door, tx).where('c.id', '=', args.childId).forUpdate('c').executeTakeFirst();
  if (!child) throw new NotFoundError('child');
  const reason = child.access_reason;
  const unitReason = reason === 'owner' || reason === 'unit_caseworker' || reason === 'unit_supervisor' || reason === 'system';
  if (!unitReason || !child.unit_id) {
    await audit([{ chain: child.country, action: 'open_case', entity: 'child', entityId: child.id, childId: child.id, reason, outcome: 'refused' }]);
    throw new ForbiddenError('Only the Child Protection Unit responsible for the child opens a case');
  }
  const active = await tx
    .selectFrom('cases').select('id')
    .where('country', '=', child.country).where('child_id', '=', child.id).where('status', '<>', 'closed')
    .executeTakeFirst();
  if (active) throw new ConflictError('This child already has an open case; attach to it instead', { caseId: active.id });

  const actor = door.actor;
  let ownerId = args.ownerId ?? null;
  if (actor.kind === 'user' && ownerId === null && actor.roles.includes('caseworker')) ownerId = actor.userId;
  if (ownerId !== null) {
    if (actor.kind === 'user' && !actor.roles.includes('supervisor') && ownerId !== actor.userId) {
      throw new ForbiddenError('Only a supervisor assigns a case to someone else');
    }
    const owner = await tx.selectFrom('users').select(['id', 'roles', 'disabled_at']).where('id', '=', ownerId).where('organisation_id', '=', child.unit_id).executeTakeFirst();
    if (!owner || owner.disabled_at || !owner.roles.some((r) => r === 'caseworker' || r === 'supervisor')) {
      throw new InputError('The case cannot be assigned to this user', [{ path: 'ownerId', message: 'must be an active caseworker or supervisor of the unit' }]);
    }
  }

  const openedAt = actor.kind === 'system' && args.openedAt ? args.openedAt : new Date();
  const config = deadlinesFor(child.country);
  const due = openingDeadlines(config, args.riskLevel, openedAt, await unitTimeZone(tx, child.unit_id));
  const inserted = await tx
    .insertInto('cases')
    .values({
      country: child.country,
      ref: args.ref ?? null,
      child_id: child.id,
      unit_id: child.unit_id,
      owner_id: ownerId,
      risk_level: args.riskLevel,
      opened_at: openedAt,
      opened_by: actorUserId(door),
      signal_id: args.signalId ?? null,
      initial_assessment_due_at: due.initialAssessmentDueAt,
      plan_due_at: due.planDueAt,
      origin: args.origin ?? 'app',
      created_at: openedAt,
      updated_at: openedAt,
    })
    .returning(['id', 'country'])
    .executeTakeFirstOrThrow();
  const kase = { id: inserted.id, country: inserted.country };
  if (args.signalId) {
    await tx.insertInto('case_signals').values({ country: kase.country, case_id: kase.id, signal_id: args.signalId, attached_at: openedAt }).execute();
  }
  await tx
    .insertInto('case_risk_levels')
    .values({ country: kase.country, case_id: kase.id, level: args.riskLevel, source: args.signalId ? 'screening' : 'opening', source_id: args.signalId ?? null, set_at: openedAt, set_by: actorUserId(door), author_org_id: child.unit_id })
    .execute();
  // The child's record follows its case: the owner of the case owns the record.
  if (ownerId && child.owner_id !== ownerId) {
    await tx.updateTable('children').set({ owner_id: ownerId, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` }).where('country', '=', child.country).where('id', '=', child.id).execute();
  }
  await recordCaseEvent(door, tx, kase, 'opened', { at: openedAt, ...(args.signalId ? { entity: 'signal' } : {}), entityId: args.signalId ?? null, detail: { riskLevel: args.riskLevel } });
  await audit([{ chain: kase.country, action: 'open_case', entity: 'case', entityId: kase.id, childId: child.id, reason, outcome: 'ok', detail: { riskLevel: args.riskLevel, fromSignal: Boolean(args.signalId) } }]);
  return kase;
}

/** POST /cases: opens a case directly. */
export async function openCase(door: Door, input: CaseOpenInput, extra: Pick<OpenCaseArgs, 'openedAt' | 'ref' | 'origin'> = {}): Promise<{ id: string; country: string }> {
  if (door.actor.kind === 'user' && (!door.actor.isProtectionUnit || !door.actor.roles.some((r) => r === 'caseworker' || r === 'supervisor'))) {
    throw new ForbiddenError('Only caseworkers and supervisors of a Child Protection Unit open cases');
  }
  try {
    return await door.transaction(async (tx, audit) => {
      if (input.signalId) await checkSignalOfChild(door, tx, input.signalId, input.childId);
      return openCaseInTx(door, tx, audit, { ...input, ...extra });
    });
  } catch (err) {
    if (err instanceof NotFoundError) await door.auditAlone([{ action: 'open_case', entity: 'child', entityId: input.childId, outcome: 'denied' }]);
    throw err;
  }
}

/**
 * A case opened directly names a signal only when the caller reaches the signal and it is about
 * the child; an unknown signal and one out of reach get the same 400 (nothing revealed).
 */
async function checkSignalOfChild(door: Door, tx: Tx, signalId: string, childId: string): Promise<void> {
  const found = await tx
    .selectFrom('signals as s')
    .innerJoin('signal_children as sc', (j) => j.onRef('sc.country', '=', 's.country').onRef('sc.signal_id', '=', 's.id'))
    .select('s.id')
    .where('s.id', '=', signalId)
    .where('sc.child_id', '=', childId)
    .where(signalInReach(door.actor))
    .executeTakeFirst();
  if (!found) throw new InputError('The case cannot be opened from this signal', [{ path: 'signalId', message: 'must be a signal in your reach about this child' }]);
}
