import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Role } from '../domain/roles.ts';
import type { Actor, UserActor } from '../policy/actor.ts';

/**
 * Who reaches a case, compiled to SQL like reach.ts does for children:
 * - owner / unit_supervisor / unit_caseworker: the case's owner, or a caseworker or supervisor of
 *   the unit that owns it;
 * - receiving_unit: a supervisor or caseworker of the unit a pending transfer goes to (to decide);
 * - meeting / referral / transfer: a live grant to the case's child in child_access for the
 *   reader's organisation (or the reader): invited to a meeting, referred to, or the unit that
 *   handed the case over. A partner who only registered a signal does not reach the case.
 * - system: a system handle.
 * Each section of a case then decides what such a reader sees (see caseSectionVisible).
 */
export const CASE_ACCESS_REASONS = ['owner', 'unit_supervisor', 'unit_caseworker', 'receiving_unit', 'meeting', 'referral', 'transfer', 'system'] as const;
export type CaseAccessReason = (typeof CASE_ACCESS_REASONS)[number];

const CASE_GRANTS_BY_ROLE: Record<Role, ReadonlyArray<'meeting' | 'referral' | 'transfer'>> = {
  caseworker: ['meeting', 'referral', 'transfer'],
  supervisor: ['meeting', 'referral', 'transfer'],
  partner: ['meeting', 'referral'],
  provider: ['meeting', 'referral'],
  police_support: ['meeting'],
  monitor: [],
  trainer: [],
  admin: [],
};

type CasesEB = ExpressionBuilder<DB & { k: DB['cases'] }, 'k'>;

function isUnitMember(actor: UserActor): boolean {
  return actor.roles.includes('caseworker') || actor.roles.includes('supervisor');
}

function grantReasons(actor: UserActor) {
  return [...new Set(actor.roles.flatMap((r) => CASE_GRANTS_BY_ROLE[r]))];
}

function unitCondition(eb: CasesEB, actor: UserActor) {
  return eb.and([eb('k.country', '=', actor.country), eb('k.unit_id', '=', actor.organisationId)]);
}

function receivingCondition(eb: CasesEB, actor: UserActor) {
  return eb.exists(
    eb.selectFrom('case_transfers as t').select(sql`1`.as('one'))
      .whereRef('t.country', '=', 'k.country').whereRef('t.case_id', '=', 'k.id')
      .where('t.to_unit_id', '=', actor.organisationId).where('t.status', '=', 'pending'),
  );
}

function grantCondition(eb: CasesEB, actor: UserActor, reasons: Array<'meeting' | 'referral' | 'transfer'>) {
  return eb.exists(
    eb.selectFrom('child_access as a').select(sql`1`.as('one'))
      .whereRef('a.country', '=', 'k.country').whereRef('a.child_id', '=', 'k.child_id')
      .where('a.organisation_id', '=', actor.organisationId)
      .where((w) => w.or([w('a.user_id', 'is', null), w('a.user_id', '=', actor.userId)]))
      .where('a.revoked_at', 'is', null)
      .where('a.reason', 'in', reasons),
  );
}

/** Ordered: the first that holds names the reason. */
function conditions(eb: CasesEB, actor: UserActor): Array<[Expression<SqlBool>, CaseAccessReason]> {
  const out: Array<[Expression<SqlBool>, CaseAccessReason]> = [];
  if (isUnitMember(actor)) {
    out.push([eb('k.owner_id', '=', actor.userId), 'owner']);
    out.push([unitCondition(eb, actor), actor.roles.includes('supervisor') ? 'unit_supervisor' : 'unit_caseworker']);
    out.push([receivingCondition(eb, actor), 'receiving_unit']);
  }
  for (const reason of grantReasons(actor)) out.push([grantCondition(eb, actor, [reason]), reason]);
  return out;
}

/** The WHERE condition: true for the cases the actor may see. */
export function caseInReach(actor: Actor) {
  return (eb: CasesEB): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<SqlBool>`true`;
    const conds = conditions(eb, actor);
    if (conds.length === 0) return sql<SqlBool>`false`;
    // The owner condition is implied by the unit's own (a case's owner works in its unit) except
    // right after a transfer; keep it so an owner never loses a case by a unit change.
    return eb.or(conds.map(([c]) => c));
  };
}

/** The reason per row, selected as `access_reason`. */
export function caseAccessReason(actor: Actor) {
  return (eb: CasesEB) => {
    if (actor.kind === 'system') return sql<CaseAccessReason>`'system'`.as('access_reason');
    const conds = conditions(eb, actor);
    if (conds.length === 0) return sql<CaseAccessReason | null>`null`.as('access_reason');
    const cases = sql.join(conds.map(([cond, reason]) => sql`WHEN ${cond} THEN ${sql.lit(reason)}`), sql` `);
    return sql<CaseAccessReason | null>`CASE ${cases} ELSE NULL END`.as('access_reason');
  };
}

/** The owning unit (and the system) see the whole case. */
export function isCaseUnitReason(reason: CaseAccessReason): boolean {
  return reason === 'owner' || reason === 'unit_supervisor' || reason === 'unit_caseworker' || reason === 'system';
}

/**
 * What a reader outside the owning unit sees of a record in a case section: what their own
 * organisation wrote (a unit that handed the case over keeps exactly that), and what concerns
 * their organisation (a referral to it, a plan action it is responsible for, a placement with it).
 * `concernsOrgId` is that record's organisation column, if the section has one.
 */
export function caseSectionVisible(
  reader: { actor: Actor; reason: CaseAccessReason },
  record: { authorOrgId: string | null; concernsOrgId?: string | null },
): boolean {
  if (reader.actor.kind === 'system' || isCaseUnitReason(reader.reason)) return true;
  const org = reader.actor.organisationId;
  return record.authorOrgId === org || (record.concernsOrgId != null && record.concernsOrgId === org);
}
