import { sql } from 'kysely';
import type { CaseDecisionKind } from './case-workflow.ts';
import { deadlinesFor, dueAfterDays } from '../domain/deadlines.ts';
import type { AssignableUsers, CaseAssignInput, CaseView, ClosureRequestInput, ReopenInput, ReturnInput } from './case-schema.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors.ts';
import { actorName } from '../policy/actor.ts';
import {
  type CaseContext, type CaseRow, actorUserId, allowedFor, authorOrg, caseBaseQuery, readEntry, relationTo, unitTimeZone, withCase,
} from './case-context.ts';
import { endPlacementOnClosure } from '../placements/placements.ts';
import type { CaseAccessReason } from './case-reach.ts';
import { caseViewAfterWrite } from './case-records.ts';
import { withdrawOpenReferralsOnClosure } from '../referrals/referrals.ts';
import type { Door, Tx } from '../policy/door.ts';

/**
 * The supervisor's and the worker's decisions on the case row itself — assign, request, approve
 * or return a closure, reopen — each through withCase (reach, who may act, the workflow table,
 * the version, the audit), answered with the case as it now reads.
 */

/** POST /cases/:id/assign: a supervisor gives the case to a caseworker or supervisor of its unit. */
export async function assignCase(door: Door, caseId: string, input: CaseAssignInput): Promise<CaseView> {
  await withCase(door, caseId, 'assign', assignWork(input.ownerId), { version: input.version, touch: true, detail: { ownerChanged: true } });
  return caseViewAfterWrite(door, caseId);
}

/** The assignment itself, once the guard let it through (the single and the bulk assignment share it). */
export function assignWork(ownerId: string) {
  return async ({ tx, kase, event }: CaseContext) => {
    const owner = await tx.selectFrom('users').select(['id', 'roles', 'disabled_at'])
      .where('id', '=', ownerId).where('organisation_id', '=', kase.unit_id).executeTakeFirst();
    if (!owner || owner.disabled_at || !owner.roles.some((r) => r === 'caseworker' || r === 'supervisor')) {
      throw new InputError('The case cannot be assigned to this user', [{ path: 'ownerId', message: 'must be an active caseworker or supervisor of the unit' }]);
    }
    await tx.updateTable('cases').set({ owner_id: owner.id }).where('country', '=', kase.country).where('id', '=', kase.id).execute();
    // The child's record follows its case (as when a case is opened).
    await tx.updateTable('children').set({ owner_id: owner.id, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` })
      .where('country', '=', kase.country).where('id', '=', kase.child_id).execute();
    await event('assigned', { entity: 'user', entityId: owner.id, detail: { from: kase.owner_id, to: owner.id } });
  };
}

/**
 * GET /cases/:id/assignable-users: who may own the case — the active caseworkers and supervisors
 * of its unit — for the supervisor about to assign it. Guarded like the assignment itself: 404 out
 * of reach, 403 unless a supervisor of the owning unit, 409 naming the allowed actions when the
 * case's status does not allow assigning; audited either way.
 */
export async function assignableUsers(door: Door, caseId: string): Promise<AssignableUsers> {
  type Outcome = { ok: AssignableUsers } | { denied: true } | { refused: true } | { notAllowed: string[] };
  const outcome: Outcome = await door.read(async (tx, audit) => {
    const kase = await caseBaseQuery(door, tx).where('k.id', '=', caseId).executeTakeFirst();
    if (!kase) return { denied: true as const };
    const reason = kase.access_reason as CaseAccessReason;
    const entry = readEntry(kase, reason, 'case_assignable_users');
    if (!relationTo(door, reason).supervisor) {
      await audit([{ ...entry, outcome: 'refused' }]);
      return { refused: true as const };
    }
    const allowed = allowedFor(door, kase);
    if (!allowed.includes('assign')) {
      await audit([{ ...entry, outcome: 'refused', detail: { status: kase.status } }]);
      return { notAllowed: allowed };
    }
    const users = await tx.selectFrom('users').select(['id', 'display_name', 'roles'])
      .where('organisation_id', '=', kase.unit_id).where('disabled_at', 'is', null)
      .orderBy('display_name').orderBy('id').limit(1000).execute();
    const items = users
      .map((u) => ({ id: u.id, name: u.display_name, roles: u.roles.filter((r): r is 'caseworker' | 'supervisor' => r === 'caseworker' || r === 'supervisor'), current: u.id === kase.owner_id }))
      .filter((u) => u.roles.length > 0);
    await audit([{ ...entry, detail: { count: items.length } }]);
    return { ok: { items } };
  });
  if ('ok' in outcome) return outcome.ok;
  if ('denied' in outcome) {
    await door.auditAlone([{ action: 'read', entity: 'case_assignable_users', entityId: caseId, outcome: 'denied' }]);
    throw new NotFoundError('case');
  }
  if ('refused' in outcome) throw new ForbiddenError('Only a supervisor of the unit that owns the case assigns it');
  throw new ConflictError('This case does not allow "assign" now', { allowed: outcome.notAllowed });
}

/** POST /cases/:id/closure: the unit asks to close; the supervisor decides. */
export async function requestClosure(door: Door, caseId: string, input: ClosureRequestInput): Promise<CaseView> {
  await withCase(door, caseId, 'request_closure', async ({ tx, kase, event }) => {
    await tx.updateTable('cases')
      .set({ closure_reason: input.reason, closure_note: input.note?.trim() || null, closure_requested_at: sql<Date>`now()`, closure_requested_by: actorUserId(door) })
      .where('country', '=', kase.country).where('id', '=', kase.id).execute();
    await event('closure_requested', { detail: { reason: input.reason } });
  }, { version: input.version, detail: { reason: input.reason } });
  return caseViewAfterWrite(door, caseId);
}

/**
 * POST /cases/:id/closure/approve: the supervisor closes the case. In the same transaction its
 * referrals still open are withdrawn ('case_closed'), ending each provider's sight of them, and
 * its current placement ends on the day of the closure ('case_closed').
 */
export async function approveClosure(door: Door, caseId: string, input: { version: number }): Promise<CaseView> {
  await withCase(door, caseId, 'approve_closure', async (ctx) => {
    const { tx, kase, event } = ctx;
    // Status and closed_at change together (a CHECK ties them); withCase then confirms 'closed'.
    await tx.updateTable('cases').set({ status: 'closed', closed_at: sql<Date>`now()`, closed_by: actorUserId(door) })
      .where('country', '=', kase.country).where('id', '=', kase.id).execute();
    await event('closure_approved', { detail: { reason: kase.closure_reason } });
    // A closed case asks nothing more of anyone: its referrals still open are withdrawn, and
    // the child's current placement ends with it.
    await withdrawOpenReferralsOnClosure(door, ctx);
    await endPlacementOnClosure(ctx);
  }, { version: input.version });
  return caseViewAfterWrite(door, caseId);
}

/** Keeps a supervisor's words on a decision (case_decisions): shown to the unit on the case page. */
async function recordDecision(door: Door, tx: Tx, kase: CaseRow, kind: CaseDecisionKind, comment: string, closureReason: CaseRow['closure_reason'] = null) {
  const actor = door.actor;
  await tx.insertInto('case_decisions')
    .values({
      country: kase.country, case_id: kase.id, kind, comment, closure_reason: closureReason,
      decided_by: actorUserId(door), decided_by_name: actor.kind === 'user' ? actor.username : actorName(actor), author_org_id: authorOrg(door, kase),
    })
    .execute();
}

/**
 * POST /cases/:id/closure/return: the supervisor refuses the closure with a comment; the case
 * goes back to where it was. The comment is kept in case_decisions (the unit's only); the
 * timeline step carries codes only.
 */
export async function returnClosure(door: Door, caseId: string, input: ReturnInput): Promise<CaseView> {
  await withCase(door, caseId, 'return_closure', async ({ tx, kase, event }) => {
    await tx.updateTable('cases')
      .set({ closure_reason: null, closure_note: null, closure_requested_at: null, closure_requested_by: null })
      .where('country', '=', kase.country).where('id', '=', kase.id).execute();
    await recordDecision(door, tx, kase, 'closure_returned', input.comment, kase.closure_reason);
    await event('closure_returned', { detail: { reason: kase.closure_reason } });
  }, { version: input.version });
  return caseViewAfterWrite(door, caseId);
}

/**
 * POST /cases/:id/reopen: a closed case starts again as open, with a risk level and fresh
 * deadlines counted from today in the unit's time zone (a new initial assessment and plan). The
 * reason is kept in case_decisions (the unit's only).
 */
export async function reopenCase(door: Door, caseId: string, input: ReopenInput): Promise<CaseView> {
  await withCase(door, caseId, 'reopen', async ({ tx, kase, event }) => {
    const now = new Date();
    const config = deadlinesFor(kase.country);
    const zone = await unitTimeZone(tx, kase.unit_id);
    await tx.updateTable('cases')
      .set({
        status: 'open', closed_at: null, closed_by: null, closure_reason: null, closure_note: null, closure_requested_at: null, closure_requested_by: null,
        risk_level: input.riskLevel, initial_assessment_at: null, review_due_at: null,
        initial_assessment_due_at: dueAfterDays(now, config.initialAssessmentDays[input.riskLevel], zone),
        plan_due_at: dueAfterDays(now, config.planDays, zone),
      })
      .where('country', '=', kase.country).where('id', '=', kase.id).execute();
    await tx.insertInto('case_risk_levels')
      .values({ country: kase.country, case_id: kase.id, level: input.riskLevel, source: 'opening', set_at: now, set_by: actorUserId(door), author_org_id: authorOrg(door, kase) })
      .execute();
    await recordDecision(door, tx, kase, 'reopened', input.reason);
    await event('reopened', { detail: { riskLevel: input.riskLevel, from: kase.risk_level } });
  }, { version: input.version, detail: { riskLevel: input.riskLevel } });
  return caseViewAfterWrite(door, caseId);
}

// ---- Screening: a signal opens cases or joins them (inside the screening's transaction).

