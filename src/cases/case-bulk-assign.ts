import type { CaseBulkAssignInput, CaseBulkAssignResult } from './case-schema.ts';
import { AppError, ConflictError, ForbiddenError } from '../errors.ts';
import { type CaseStepOutcome, caseStep } from './case-context.ts';
import { assignWork } from './case-decisions.ts';
import type { AuditDraft, Door } from '../policy/door.ts';

/** Thrown inside the transaction to roll every case back when one of them is refused. */
class Refused extends Error {
  constructor(readonly outcomes: Array<[number, CaseStepOutcome<void>]>) {
    super('refused');
  }
}

/**
 * POST /cases/assign: a supervisor gives several cases to one worker of the unit, all or none, in
 * one transaction. Each case goes through the single assignment's guard (caseStep: reach, role,
 * status; audited per case, detail `bulk`) and work (assignWork: owner of the case's unit, the
 * child's record follows, a step on the timeline). When one case is refused nothing changes:
 * - a case out of reach (or absent — the same) answers 404, naming its index in `caseIds`;
 * - a reader whose role may not assign answers 403;
 * - a case whose status does not allow assigning answers 409, naming its index;
 * the refusals are audited on their own after the rollback (as withCase does).
 * Cases are locked in id order, so that two bulk assignments cannot deadlock.
 */
export async function assignCases(door: Door, input: CaseBulkAssignInput): Promise<CaseBulkAssignResult> {
  const order = input.caseIds.map((id, index) => ({ id, index })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const refusals: AuditDraft[] = [];
  try {
    return await door.transaction(async (tx, audit) => {
      const keepRefusals = async (entries: AuditDraft[]) => {
        refusals.push(...entries.filter((e) => e.outcome !== 'ok'));
        await audit(entries.filter((e) => e.outcome === 'ok'));
      };
      const outcomes: Array<[number, CaseStepOutcome<void>]> = [];
      for (const { id, index } of order) {
        outcomes.push([index, await caseStep(door, tx, keepRefusals, id, 'assign', assignWork(input.ownerId), { touch: true, detail: { ownerChanged: true, bulk: true } })]);
      }
      const failed = outcomes.filter(([, o]) => !('ok' in o));
      if (failed.length > 0) throw new Refused(failed);
      const owner = await tx.selectFrom('users').select('display_name').where('id', '=', input.ownerId).executeTakeFirstOrThrow();
      return { assigned: input.caseIds, ownerName: owner.display_name };
    });
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
    const denied = err.outcomes.filter(([, o]) => 'denied' in o).map(([i]) => i).sort((a, b) => a - b);
    await door.auditAlone([
      ...refusals,
      ...denied.map((i) => ({ action: 'assign', entity: 'case', entityId: input.caseIds[i]!, outcome: 'denied' as const })),
    ]);
    if (denied.length > 0) {
      throw new AppError(404, 'No such case', { issues: denied.map((i) => ({ path: `caseIds.${i}`, message: 'No such case', code: 'case.notFound' })) });
    }
    if (err.outcomes.some(([, o]) => 'refused' in o)) throw new ForbiddenError('Your role does not allow this on this case');
    const notAllowed = err.outcomes.map(([i]) => i).sort((a, b) => a - b);
    throw new ConflictError('Some of these cases do not allow "assign" now', {
      issues: notAllowed.map((i) => ({ path: `caseIds.${i}`, message: 'This case does not allow "assign" now', code: 'case.notAllowed' })),
    });
  }
}
