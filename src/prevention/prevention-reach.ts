import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor, UserActor } from '../policy/actor.ts';

/**
 * Who records and who reads prevention activities (issue 14 §4). Aggregate records (no child is
 * named), yet kept to those who do the work: a Child Protection Unit's caseworkers and
 * supervisors, and the staff of providers (`provider`) and NGOs (`partner` of sector `ngo`),
 * record them for a municipality of their organisation's jurisdiction. An organisation reads and
 * changes its own activities; a unit also reads those of the other organisations in its
 * jurisdiction (what the NGOs do in its municipality). Monitors see the figures of their
 * jurisdiction in the services report, never the records; a system handle reads all.
 */
type AEB = ExpressionBuilder<DB & { a: DB['prevention_activities'] }, 'a'>;

export const PREVENTION_ROLES = ['caseworker', 'supervisor', 'provider', 'partner'] as const;

export function isUnitStaff(actor: Actor): boolean {
  return actor.kind === 'user' && actor.isProtectionUnit && actor.roles.some((r) => r === 'caseworker' || r === 'supervisor');
}

/** Whether the actor records prevention activities: unit staff, a provider's staff, an NGO's staff. */
export function mayRecordPrevention(actor: Actor): actor is UserActor {
  if (actor.kind !== 'user') return false;
  return isUnitStaff(actor) || actor.roles.includes('provider') || (actor.roles.includes('partner') && actor.sector === 'ngo');
}

/** The rows the actor reaches: its organisation's own; for a unit, also the others' within its jurisdiction. */
export function activityInReach(actor: Actor) {
  return (eb: AEB): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<SqlBool>`true`;
    if (!mayRecordPrevention(actor)) return sql<SqlBool>`false`;
    const ors: Expression<SqlBool>[] = [eb('a.org_id', '=', actor.organisationId)];
    if (isUnitStaff(actor)) ors.push(covers(eb, actor.jurisdictionCode));
    return eb.and([eb('a.country', '=', actor.country), eb.or(ors)]);
  };
}

/** The activity's municipality is the jurisdiction, or in it (its region, or the whole country). */
function covers(eb: AEB, jurisdiction: string): Expression<SqlBool> {
  return eb.or([eb('a.municipality_code', '=', jurisdiction), eb('a.region_code', '=', jurisdiction), eb('a.country', '=', jurisdiction)]);
}

/** Whether an organisation of `jurisdiction` may record for a municipality (code, region, country). */
export function jurisdictionCovers(jurisdiction: string, m: { code: string; region: string; country: string }): boolean {
  return jurisdiction === m.code || jurisdiction === m.region || jurisdiction === m.country;
}
