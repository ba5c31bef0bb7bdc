import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../policy/actor.ts';
import type { IntakeAccessReason } from './intake-schema.ts';

/**
 * Who reaches a police-station intake, compiled to SQL (the intake `i` joined to its signal `s`):
 * - team: a `police_support` user of the team's organisation, which wrote it;
 * - unit: a caseworker or supervisor of the unit the intake was referred to (the signal's unit),
 *   or of the unit now responsible for a case the signal led to (a transferred case carries it);
 * - system: a system handle.
 * Nobody else: the intake answers "not found".
 */
type IntakeEB = ExpressionBuilder<DB & { i: DB['police_intakes']; s: DB['signals'] }, 'i' | 's'>;

function conditions(eb: IntakeEB, actor: Extract<Actor, { kind: 'user' }>): Array<[Expression<SqlBool>, IntakeAccessReason]> {
  const out: Array<[Expression<SqlBool>, IntakeAccessReason]> = [];
  if (actor.roles.includes('police_support')) out.push([eb.and([eb('i.country', '=', actor.country), eb('i.team_org_id', '=', actor.organisationId)]), 'team']);
  if (actor.roles.includes('caseworker') || actor.roles.includes('supervisor')) {
    out.push([eb.or([
      eb.and([eb('s.country', '=', actor.country), eb('s.unit_id', '=', actor.organisationId)]),
      eb('s.id', 'in', eb.selectFrom('case_signals as cs')
        .innerJoin('cases as k', (j) => j.onRef('k.country', '=', 'cs.country').onRef('k.id', '=', 'cs.case_id'))
        .select('cs.signal_id')
        .where('k.country', '=', actor.country)
        .where('k.unit_id', '=', actor.organisationId)),
    ]), 'unit']);
  }
  return out;
}

export function intakeInReach(actor: Actor) {
  return (eb: IntakeEB): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<SqlBool>`true`;
    const ors = conditions(eb, actor).map(([c]) => c);
    return ors.length === 0 ? sql<SqlBool>`false` : eb.or(ors);
  };
}

/** The reason per row, as a selected column `access_reason`; the team's comes first. */
export function intakeAccessReason(actor: Actor) {
  return (eb: IntakeEB) => {
    if (actor.kind === 'system') return sql<IntakeAccessReason>`'system'`.as('access_reason');
    const whens = conditions(eb, actor);
    if (whens.length === 0) return sql<IntakeAccessReason | null>`null`.as('access_reason');
    const cases = sql.join(whens.map(([cond, reason]) => sql`WHEN ${cond} THEN ${sql.lit(reason)}`), sql` `);
    return sql<IntakeAccessReason | null>`CASE ${cases} ELSE NULL END`.as('access_reason');
  };
}
