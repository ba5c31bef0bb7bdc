import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type AccessReason, BREAK_GLASS_REASON, type GrantReason } from './field-sharing.ts';
import type { Role } from '../domain/roles.ts';
import type { Actor, UserActor } from './actor.ts';

/**
 * The access policy for child data, compiled to SQL. A user reaches a child only through a
 * reason, evaluated in the database for every row, so rows out of reach are never read:
 * - owner: the caseworker or supervisor who owns the record;
 * - unit_supervisor / unit_caseworker: a supervisor or caseworker of the owning unit;
 * - meeting / referral / signal / transfer: a grant in child_access to the user or their organisation,
 *   for the roles that may hold it;
 * - break_glass: on a break-glass door only, the one child of an unexpired emergency grant.
 * A system handle reaches everything, with the reason `system`.
 */
export const GRANTS_BY_ROLE: Record<Role, ReadonlyArray<GrantReason>> = {
  caseworker: ['meeting', 'referral', 'signal', 'transfer'],
  supervisor: ['meeting', 'referral', 'signal', 'transfer'],
  partner: ['meeting', 'referral', 'signal'],
  provider: ['meeting', 'referral'],
  police_support: ['signal', 'meeting'],
  monitor: [],
  trainer: [],
  admin: [],
};

type ChildrenEB = ExpressionBuilder<DB & { c: DB['children'] }, 'c'>;

function grantReasons(roles: readonly Role[]): Array<GrantReason> {
  return [...new Set(roles.flatMap((r) => GRANTS_BY_ROLE[r]))];
}

function grantExists(eb: ChildrenEB, actor: Extract<Actor, { kind: 'user' }>, reasons: string[]) {
  return eb.exists(
    eb
      .selectFrom('child_access as a')
      .select(sql`1`.as('one'))
      .whereRef('a.country', '=', 'c.country')
      .whereRef('a.child_id', '=', 'c.id')
      .where('a.organisation_id', '=', actor.organisationId)
      .where((w) => w.or([w('a.user_id', 'is', null), w('a.user_id', '=', actor.userId)]))
      .where('a.revoked_at', 'is', null)
      .where('a.reason', 'in', reasons as Array<GrantReason>),
  );
}

/**
 * Break-glass (src/breakglass/): the one child of the actor's grant, while the grant is theirs and
 * unexpired — checked in the database on every row, so an expired grant reaches nothing. Only a
 * break-glass door's actor carries a grant, and that door refuses every write (door.ts).
 */
function breakGlassReach(eb: ChildrenEB, actor: UserActor): Expression<SqlBool> | null {
  const use = actor.breakGlass;
  if (!use) return null;
  return eb.and([
    eb('c.country', '=', use.country),
    eb('c.id', '=', use.childId),
    eb.exists(
      eb.selectFrom('break_glass_grants as g').select(sql`1`.as('one'))
        .where('g.country', '=', use.country).where('g.id', '=', use.grantId)
        .whereRef('g.child_id', '=', 'c.id').where('g.user_id', '=', actor.userId)
        .where('g.expires_at', '>', sql<Date>`now()`),
    ),
  ]);
}

/** The WHERE condition: true for the children the actor may see. */
export function childInReach(actor: Actor) {
  return (eb: ChildrenEB): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<SqlBool>`true`;
    const ors: Expression<SqlBool>[] = [];
    const unitRoles = actor.roles.filter((r) => r === 'caseworker' || r === 'supervisor');
    if (unitRoles.length > 0) {
      ors.push(eb.and([eb('c.country', '=', actor.country), eb('c.unit_id', '=', actor.organisationId)]));
      ors.push(eb('c.owner_id', '=', actor.userId));
    }
    const reasons = grantReasons(actor.roles);
    if (reasons.length > 0) ors.push(grantExists(eb, actor, reasons));
    const glass = breakGlassReach(eb, actor);
    if (glass) ors.push(glass);
    return ors.length === 0 ? sql<SqlBool>`false` : eb.or(ors);
  };
}

/** The reason that grants the actor access to each row, as a selected column `access_reason`. */
export function accessReason(actor: Actor) {
  return (eb: ChildrenEB) => {
    if (actor.kind === 'system') return sql<AccessReason>`'system'`.as('access_reason');
    const whens: Array<[Expression<SqlBool>, AccessReason]> = [];
    if (actor.roles.includes('supervisor') || actor.roles.includes('caseworker')) {
      const unit: AccessReason = actor.roles.includes('supervisor') ? 'unit_supervisor' : 'unit_caseworker';
      whens.push([eb('c.owner_id', '=', actor.userId), 'owner']);
      whens.push([eb.and([eb('c.country', '=', actor.country), eb('c.unit_id', '=', actor.organisationId)]), unit]);
    }
    for (const reason of grantReasons(actor.roles)) whens.push([grantExists(eb, actor, [reason]), reason]);
    const glass = breakGlassReach(eb, actor);
    if (glass) whens.push([glass, BREAK_GLASS_REASON]);
    if (whens.length === 0) return sql<AccessReason | null>`null`.as('access_reason');
    const cases = sql.join(whens.map(([cond, reason]) => sql`WHEN ${cond} THEN ${sql.lit(reason)}`), sql` `);
    return sql<AccessReason | null>`CASE ${cases} ELSE NULL END`.as('access_reason');
  };
}
