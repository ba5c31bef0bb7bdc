import { sql } from 'kysely';
import { SIGNAL_ACTIONS, type ScreeningInput, type SignalAccessReason, type SignalStatus, type SignalView } from './signal-schema.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { casesFromScreening } from '../cases/case-records.ts';
import type { Door } from '../policy/door.ts';
import { getSignal, signalBaseQuery, signalChildren, signalView, statusOf } from './signal-records.ts';
import { isUnitSignalReason } from './signal-reach.ts';

/**
 * Screening: the responsible unit's caseworker or supervisor decides what happens to a signal.
 * Guarded by SIGNAL_ACTIONS (a screened signal cannot be screened again: 409 naming what is
 * allowed) and by the version the worker opened (409 with the signal as it now is).
 */
export async function screenSignal(door: Door, id: string, input: ScreeningInput, opts: { byUserId?: string | null; at?: Date } = {}): Promise<SignalView> {
  const system = door.actor.kind === 'system';
  const by = door.actor.kind === 'user' ? door.actor.userId : (opts.byUserId ?? null);
  // Only a system handle (demo data, an import of past work) may date a screening in the past.
  const at = system && opts.at ? opts.at : null;
  const outcome = await door.transaction(async (tx, audit) => {
    const row = await signalBaseQuery(door, tx).where('s.id', '=', id).forUpdate('s').executeTakeFirst();
    if (!row) return 'not_found' as const;
    const reason = row.access_reason as SignalAccessReason;
    const entry = { chain: row.country, action: 'screen', entity: 'signal', entityId: id, reason };
    if (!isUnitSignalReason(reason)) {
      await audit([{ ...entry, outcome: 'refused' }]);
      return 'forbidden' as const;
    }
    const status = statusOf(row);
    if (!SIGNAL_ACTIONS[status].includes('screen')) {
      await audit([{ ...entry, outcome: 'refused', detail: { status } }]);
      return { notAllowed: status as SignalStatus };
    }
    if (row.version !== input.version) {
      const children = await signalChildren(tx, row.country, row.id);
      return { conflict: signalView(row, children) };
    }
    const needsRisk = input.decision === 'open_case' || input.decision === 'attach_case';
    await tx
      .updateTable('signals')
      .set({
        screened_at: at ?? sql<Date>`now()`,
        screened_by: by,
        screening_decision: input.decision,
        risk_level: input.riskLevel ?? null,
        screening_reason: input.reason?.trim() || null,
        referred_to: input.decision === 'refer_elsewhere' ? (input.referredTo?.trim() || null) : null,
        version: row.version + 1,
      })
      .where('country', '=', row.country)
      .where('id', '=', id)
      .execute();
    // The case follows in the same transaction: a refused attach (no active case) undoes the screening.
    const caseIds = needsRisk && input.riskLevel ? await casesFromScreening(door, tx, audit, row, input.decision as 'open_case' | 'attach_case', input.riskLevel, { at }) : [];
    await audit([{ ...entry, outcome: 'ok', detail: { decision: input.decision, riskSet: needsRisk || Boolean(input.riskLevel), cases: caseIds.length } }]);
    return 'ok' as const;
  });
  if (outcome === 'not_found') {
    await door.auditAlone([{ action: 'screen', entity: 'signal', entityId: id, outcome: 'denied' }]);
    throw new NotFoundError('signal');
  }
  if (outcome === 'forbidden') throw new ForbiddenError('Only the responsible Child Protection Unit screens a signal');
  if (typeof outcome === 'object' && 'notAllowed' in outcome && outcome.notAllowed) {
    throw new ConflictError('This signal has already been screened', { allowed: [...SIGNAL_ACTIONS[outcome.notAllowed]] });
  }
  if (typeof outcome === 'object' && 'conflict' in outcome && outcome.conflict) {
    throw new ConflictError('Someone else changed this signal since you opened it', { current: outcome.conflict, allowed: outcome.conflict.allowed });
  }
  return getSignal(door, id);
}
