import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor, UserActor } from '../policy/actor.ts';

/**
 * Who manages and who reads child consultation boards (issue 14 §3). A board is convened by a
 * Child Protection Unit (its caseworkers and supervisors) or by an NGO (its staff: `partner` or
 * `provider` of sector `ngo`); that organisation manages it and alone reads its members,
 * attendance and views. The supervisors of the unit whose jurisdiction covers an NGO board's
 * municipality read it too (the unit supervisor of seed 004's boards), without changing it.
 * Everyone else (other units, other organisations, monitors) gets the figures only, in the
 * services report (boards-figures.ts): for them a board is absent (404), or the route is refused
 * (403) to roles that hold no boards at all. A system handle reads all.
 */
type BEB = ExpressionBuilder<DB & { b: DB['consultation_boards'] }, 'b'>;

export const BOARD_ROLES = ['caseworker', 'supervisor', 'provider', 'partner'] as const;
/** Days a view waits for an answer before it is overdue on the convening organisation's task list. */
export const BOARD_ANSWER_DAYS = 60;

function isUnitStaff(actor: UserActor): boolean {
  return actor.isProtectionUnit && actor.roles.some((r) => r === 'caseworker' || r === 'supervisor');
}

/** Whether the actor's organisation convenes boards: unit staff, NGO staff. */
export function mayManageBoards(actor: Actor): actor is UserActor {
  if (actor.kind !== 'user') return false;
  return isUnitStaff(actor) || (actor.sector === 'ngo' && actor.roles.some((r) => r === 'partner' || r === 'provider'));
}

/** A unit's supervisor: reads the NGO boards of the unit's jurisdiction. */
function isUnitSupervisor(actor: UserActor): boolean {
  return actor.isProtectionUnit && actor.roles.includes('supervisor');
}

/** The boards the actor reads: its organisation's own; a unit's supervisor also the NGO boards of its jurisdiction. */
export function boardInReach(actor: Actor) {
  return (eb: BEB): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<SqlBool>`true`;
    if (!mayManageBoards(actor)) return sql<SqlBool>`false`;
    const ors: Expression<SqlBool>[] = [eb('b.org_id', '=', actor.organisationId)];
    if (isUnitSupervisor(actor)) {
      const j = actor.jurisdictionCode;
      ors.push(eb.and([
        eb.exists(eb.selectFrom('organisations as ob').select('ob.id').whereRef('ob.id', '=', 'b.org_id').where('ob.sector', '=', 'ngo')),
        eb.or([eb('b.municipality_code', '=', j), eb('b.region_code', '=', j), eb('b.country', '=', j)]),
      ]));
    }
    return eb.and([eb('b.country', '=', actor.country), eb.or(ors)]);
  };
}

/** Whether the actor changes the board: staff of the convening organisation. */
export function mayChangeBoard(actor: Actor, board: { org_id: string }): boolean {
  return mayManageBoards(actor) && actor.organisationId === board.org_id;
}

/** An ISO day plus `n` days. */
export function plusDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
