import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { SignalAccessReason } from './signal-schema.ts';
import type { Actor } from '../policy/actor.ts';

/**
 * Who reaches a signal, compiled to SQL like reach.ts does for children:
 * - unit_caseworker / unit_supervisor: a caseworker or supervisor of the unit that must screen it;
 * - case: a caseworker or supervisor of the unit responsible for a case the signal is attached to
 *   (a case transferred to them carries the signals that led to it), which reads it whole, as the
 *   responsible unit, but takes no action on it;
 * - signal: the organisation that registered it (a partner or the police-station team), which
 *   keeps seeing its own report: what it wrote, not what the unit added (signalView);
 * - system: a system handle.
 * Nobody else: the signal answers "not found".
 */
type SignalsEB = ExpressionBuilder<DB & { s: DB['signals'] }, 's'>;

const REGISTERING_ROLES = ['partner', 'police_support'] as const;

function unitCondition(eb: SignalsEB, actor: Extract<Actor, { kind: 'user' }>) {
  return eb.and([eb('s.country', '=', actor.country), eb('s.unit_id', '=', actor.organisationId)]);
}

function isUnitMember(actor: Extract<Actor, { kind: 'user' }>): boolean {
  return actor.roles.includes('caseworker') || actor.roles.includes('supervisor');
}

/** Attached to a case of the actor's unit (uncorrelated: one hashed list of the unit's cases' signals). */
function caseCondition(eb: SignalsEB, actor: Extract<Actor, { kind: 'user' }>) {
  return eb('s.id', 'in', eb.selectFrom('case_signals as cs')
    .innerJoin('cases as k', (j) => j.onRef('k.country', '=', 'cs.country').onRef('k.id', '=', 'cs.case_id'))
    .select('cs.signal_id')
    .where('k.country', '=', actor.country)
    .where('k.unit_id', '=', actor.organisationId));
}

function isRegisteringRole(actor: Extract<Actor, { kind: 'user' }>): boolean {
  return actor.roles.some((r) => (REGISTERING_ROLES as readonly string[]).includes(r));
}

export function signalInReach(actor: Actor) {
  return (eb: SignalsEB): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<SqlBool>`true`;
    const ors: Expression<SqlBool>[] = [];
    if (isUnitMember(actor)) ors.push(unitCondition(eb, actor), caseCondition(eb, actor));
    if (isRegisteringRole(actor)) ors.push(eb('s.registered_org', '=', actor.organisationId));
    return ors.length === 0 ? sql<SqlBool>`false` : eb.or(ors);
  };
}

/** The reason per row, as a selected column `access_reason`; the unit's reasons come first. */
export function signalAccessReason(actor: Actor) {
  return (eb: SignalsEB) => {
    if (actor.kind === 'system') return sql<SignalAccessReason>`'system'`.as('access_reason');
    const whens: Array<[Expression<SqlBool>, SignalAccessReason]> = [];
    if (isUnitMember(actor)) {
      whens.push([unitCondition(eb, actor), actor.roles.includes('supervisor') ? 'unit_supervisor' : 'unit_caseworker']);
      whens.push([caseCondition(eb, actor), 'case']);
    }
    if (isRegisteringRole(actor)) whens.push([eb('s.registered_org', '=', actor.organisationId), 'signal']);
    if (whens.length === 0) return sql<SignalAccessReason | null>`null`.as('access_reason');
    const cases = sql.join(whens.map(([cond, reason]) => sql`WHEN ${cond} THEN ${sql.lit(reason)}`), sql` `);
    return sql<SignalAccessReason | null>`CASE ${cases} ELSE NULL END`.as('access_reason');
  };
}

export function isUnitSignalReason(reason: SignalAccessReason | null): boolean {
  return reason === 'unit_caseworker' || reason === 'unit_supervisor' || reason === 'system';
}

/** Who reads the whole signal, the unit's screening included: the unit, and the unit responsible for its case. */
export function seesWholeSignal(reason: SignalAccessReason | null): boolean {
  return isUnitSignalReason(reason) || reason === 'case';
}
