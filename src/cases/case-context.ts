import { sql } from 'kysely';
import type { CaseEventKind, CaseAction, CaseStatus } from './case-workflow.ts';
import { CASE_STATUSES, allowedCaseActions, statusAfter } from './case-workflow.ts';
import type { GrantReason } from '../policy/field-sharing.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { actorName } from '../policy/actor.ts';
import { type CaseAccessReason, caseAccessReason, caseInReach, isCaseUnitReason } from './case-reach.ts';
import type { AuditDraft, Door, Tx } from '../policy/door.ts';
import { notifyCaseEvent } from '../notifications/case-notifications.ts';

/**
 * The context every case capability works in: the cases in the reader's reach, the guard that runs
 * one action on one case (reach, relationship, workflow status, version, audit, timeline), and
 * the grants that let another organisation see the child.
 */

/** Cases with their unit, owner and child, and the reader's reason per row (null out of reach): no reach filter. */
export function caseSelect(door: Door, tx: Tx) {
  return tx
    .selectFrom('cases as k')
    .innerJoin('children as ch', (j) => j.onRef('ch.country', '=', 'k.country').onRef('ch.id', '=', 'k.child_id'))
    .innerJoin('organisations as unit', 'unit.id', 'k.unit_id')
    .leftJoin('users as owner', 'owner.id', 'k.owner_id')
    .selectAll('k')
    .select([
      'unit.name as unit_name', 'unit.jurisdiction_code as unit_jurisdiction', 'owner.display_name as owner_name',
      'ch.given_name', 'ch.family_name', 'ch.sex', 'ch.birth_date',
    ])
    .select(caseAccessReason(door.actor))
    .where('ch.anonymised_at', 'is', null);
}

/** Cases in reach, with their unit, owner and child, and the reason per row. */
export function caseBaseQuery(door: Door, tx: Tx) {
  return caseSelect(door, tx).where(caseInReach(door.actor));
}

export type CaseRow = Awaited<ReturnType<ReturnType<typeof caseBaseQuery>['executeTakeFirstOrThrow']>>;

/** How the reader stands to a case: decides which actions of CASE_WORKFLOW are theirs. */
export function relationTo(door: Door, reason: CaseAccessReason) {
  const actor = door.actor;
  const supervisor = actor.kind === 'system' || (actor.roles.includes('supervisor') && isCaseUnitReason(reason));
  return {
    unit: isCaseUnitReason(reason),
    supervisor,
    receivingSupervisor: reason === 'receiving_unit' && actor.kind === 'user' && actor.roles.includes('supervisor'),
  };
}

export function allowedFor(door: Door, row: { status: string; access_reason: unknown }) {
  return allowedCaseActions(row.status as CaseStatus, relationTo(door, row.access_reason as CaseAccessReason));
}

/** The time zone of the unit that owns a case (deadlines are computed there). */
export async function unitTimeZone(tx: Tx, unitId: string): Promise<string> {
  const row = await tx
    .selectFrom('organisations as o')
    .innerJoin('jurisdictions as j', 'j.code', 'o.jurisdiction_code')
    .select('j.timezone')
    .where('o.id', '=', unitId)
    .executeTakeFirstOrThrow();
  return row.timezone;
}

export type CaseContext = {
  tx: Tx;
  kase: CaseRow;
  reason: CaseAccessReason;
  /** Appends audit entries (the guard already writes the action's own entry). */
  audit: (entries: AuditDraft[]) => Promise<void>;
  /** Appends a step to the case timeline. */
  event: (kind: CaseEventKind, opts?: { entity?: string; entityId?: string | null; detail?: Record<string, unknown> }) => Promise<void>;
};

export type WithCaseOptions = {
  /** The version the worker opened: a different one answers 409 with `current` (the case's view, built by the caller's `onConflict`). */
  version?: number;
  /** Audit detail for the action's entry: codes only. */
  detail?: Record<string, unknown>;
  /** Bump the case's version (and updated_at) even when the status stays: true for changes of the case row itself. */
  touch?: boolean;
};

/**
 * Runs one action on one case, in one transaction:
 * 1. the case is read in the actor's reach, locked: out of reach → 404 (the denial is audited);
 * 2. the action must be the reader's (CASE_ACTION_ACTOR): otherwise 403, "refused by the policy";
 * 3. the status must allow it (CASE_WORKFLOW): otherwise 409 naming the allowed actions;
 * 4. with `version`, the case must be as the worker saw it: otherwise 409;
 * 5. `work` runs; the status moves as statusAfter says; the action is audited.
 * A step on the timeline is the work's own business (ctx.event), since it knows what it did.
 */
export async function withCase<T>(door: Door, caseId: string, action: CaseAction, work: (ctx: CaseContext) => Promise<T>, opts: WithCaseOptions = {}): Promise<T> {
  const outcome = await door.transaction((tx, audit) => caseStep(door, tx, audit, caseId, action, work, opts));
  if ('ok' in outcome) return outcome.ok;
  if ('denied' in outcome) {
    await door.auditAlone([{ action, entity: 'case', entityId: caseId, outcome: 'denied' }]);
    throw new NotFoundError('case');
  }
  if ('refused' in outcome) throw new ForbiddenError('Your role does not allow this on this case');
  if ('notAllowed' in outcome) throw new ConflictError(`This case does not allow "${action}" now`, { allowed: outcome.notAllowed });
  throw new ConflictError('Someone else changed this case since you opened it; reload it and try again');
}

export type CaseStepOutcome<T> = { ok: T } | { denied: true } | { refused: true } | { notAllowed: string[] } | { stale: true };

/**
 * withCase's steps 1–5 inside a transaction the caller holds (the bulk assignment runs one per
 * case in a single transaction): answers the outcome instead of throwing, so that the caller
 * decides what a refusal means for the whole.
 */
export async function caseStep<T>(
  door: Door, tx: Tx, audit: (entries: AuditDraft[]) => Promise<void>, caseId: string, action: CaseAction,
  work: (ctx: CaseContext) => Promise<T>, opts: WithCaseOptions = {},
): Promise<CaseStepOutcome<T>> {
  const kase = await caseBaseQuery(door, tx).where('k.id', '=', caseId).forUpdate('k').executeTakeFirst();
  if (!kase) return { denied: true as const };
  const reason = kase.access_reason as CaseAccessReason;
  const entry = { chain: kase.country, action, entity: 'case', entityId: kase.id, childId: kase.child_id, reason };
  const relation = relationTo(door, reason);
  const allowed = allowedCaseActions(kase.status as CaseStatus, relation);
  if (!allowed.includes(action)) {
    // Not the reader's action at all (whatever the status): the policy refuses it.
    const everAllowed = CASE_STATUSES.flatMap((s) => allowedCaseActions(s, relation));
    await audit([{ ...entry, outcome: 'refused', detail: { status: kase.status } }]);
    if (!everAllowed.includes(action)) return { refused: true as const };
    return { notAllowed: allowed };
  }
  if (opts.version !== undefined && opts.version !== kase.version) return { stale: true as const };
  const ctx: CaseContext = {
    tx,
    kase,
    reason,
    audit,
    event: (kind, e = {}) => recordCaseEvent(door, tx, kase, kind, e),
  };
  const result = await work(ctx);
  const from = kase.status as CaseStatus;
  const to = statusAfter(action, from, kase.previous_status as CaseStatus | null);
  if (to !== from || opts.touch) {
    const entering = to === 'closure_pending' || to === 'transfer_pending';
    const leaving = from === 'closure_pending' || from === 'transfer_pending';
    await tx
      .updateTable('cases')
      .set({
        status: to,
        previous_status: entering ? (from as 'open' | 'assessed' | 'plan_in_force') : leaving ? null : kase.previous_status,
        version: sql<number>`version + 1`,
        updated_at: sql<Date>`now()`,
      })
      .where('country', '=', kase.country)
      .where('id', '=', kase.id)
      .execute();
  }
  await audit([{ ...entry, outcome: 'ok', detail: { ...(opts.detail ?? {}), ...(to !== from ? { from, to } : {}) } }]);
  return { ok: result };
}

/** Writes one step of the timeline, as the door's actor (or the system handle). */
export async function recordCaseEvent(
  door: Door,
  tx: Tx,
  kase: { country: string; id: string },
  kind: CaseEventKind,
  e: { entity?: string; entityId?: string | null; detail?: Record<string, unknown>; at?: Date } = {},
) {
  const actor = door.actor;
  await tx
    .insertInto('case_events')
    .values({
      country: kase.country,
      case_id: kase.id,
      kind,
      actor_id: actor.kind === 'user' ? actor.userId : null,
      actor_name: actor.kind === 'user' ? actor.username : actorName(actor),
      author_org_id: actor.kind === 'user' ? actor.organisationId : null,
      entity: e.entity ?? null,
      entity_id: e.entityId ?? null,
      detail: JSON.stringify(e.detail ?? {}),
      // The clock, not the transaction's start: steps taken in one transaction (a closure and the
      // referrals it withdraws) keep the order they were taken in on the timeline.
      at: e.at ?? sql<Date>`clock_timestamp()`,
    })
    .execute();
  // Who is told of it (the owner, the supervisors, the provider…), in the same transaction.
  await notifyCaseEvent(tx, actor, kase, kind, e);
}

/** The organisation of the door's actor, for `author_org_id`; a system handle writes as the case's unit. */
export function authorOrg(door: Door, kase: { unit_id: string }): string {
  return door.actor.kind === 'user' ? door.actor.organisationId : kase.unit_id;
}

export function actorUserId(door: Door): string | null {
  return door.actor.kind === 'user' ? door.actor.userId : null;
}

/** Grants an organisation (or one user of it) sight of the child, inside the caller's transaction. */
export async function grantInTx(tx: Tx, country: string, childId: string, grant: { reason: GrantReason; organisationId: string; userId?: string | null; sourceId: string }) {
  await tx
    .insertInto('child_access')
    .values({ country, child_id: childId, reason: grant.reason, organisation_id: grant.organisationId, user_id: grant.userId ?? null, source_id: grant.sourceId })
    .onConflict((oc) => oc.columns(['country', 'child_id', 'reason', 'organisation_id', 'source_id']).doUpdateSet({ revoked_at: null }))
    .execute();
}

/** Ends a grant given for one source (a declined or withdrawn referral, …). */
export async function revokeInTx(tx: Tx, country: string, reason: GrantReason, sourceId: string) {
  await tx
    .updateTable('child_access')
    .set({ revoked_at: sql<Date>`now()` })
    .where('country', '=', country)
    .where('reason', '=', reason)
    .where('source_id', '=', sourceId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Audits a read of a case (or a section of it) in the reader's transaction. */
export function readEntry(kase: { country: string; id: string; child_id: string }, reason: CaseAccessReason, entity = 'case', action = 'read'): AuditDraft {
  return { chain: kase.country, action, entity, entityId: kase.id, childId: kase.child_id, reason, outcome: 'ok' };
}

/**
 * Reads a case in reach for a section's read (no lock): 404 when out of reach, audited either
 * way. `work` reads the section in the same transaction.
 */
export async function readCase<T>(door: Door, caseId: string, entity: string, work: (ctx: { tx: Tx; kase: CaseRow; reason: CaseAccessReason }) => Promise<T>): Promise<T> {
  const out = await door.read(async (tx, audit) => {
    const kase = await caseBaseQuery(door, tx).where('k.id', '=', caseId).executeTakeFirst();
    if (!kase) return null;
    const reason = kase.access_reason as CaseAccessReason;
    const result = await work({ tx, kase, reason });
    await audit([readEntry(kase, reason, entity)]);
    return { result };
  });
  if (!out) {
    await door.auditAlone([{ action: 'read', entity, entityId: caseId, outcome: 'denied' }]);
    throw new NotFoundError('case');
  }
  return out.result;
}
