import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { SignalAccessReason } from '../domain/schemas/signal.ts';
import type { Actor } from './actor.ts';

/**
 * Who reaches a signal, compiled to SQL like reach.ts does for children:
 * - unit_caseworker / unit_supervisor: a caseworker or supervisor of the unit that must screen it;
 * - signal: the organisation that registered it (a partner or the police-station team), which
 *   keeps seeing its own report, with the fields shared with it;
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

function isRegisteringRole(actor: Extract<Actor, { kind: 'user' }>): boolean {
  return actor.roles.some((r) => (REGISTERING_ROLES as readonly string[]).includes(r));
}

export function signalInReach(actor: Actor) {
  return (eb: SignalsEB): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<SqlBool>`true`;
    const ors: Expression<SqlBool>[] = [];
    if (isUnitMember(actor)) ors.push(unitCondition(eb, actor));
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
