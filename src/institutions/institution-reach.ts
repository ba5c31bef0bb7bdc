import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../policy/actor.ts';
import type { Tx } from '../policy/door.ts';

/**
 * Who reaches an institution's resident, compiled to SQL:
 * - unit: a caseworker or supervisor of the Child Protection Unit that owns the child's case (or
 *   the case's owner) — the unit of the child's municipality of origin;
 * - institution: a provider of the residential care organisation the child lives (or lived) in;
 * - system: a system handle.
 * Anyone else reaches no resident (404 like a missing one); a monitor sees figures only.
 */
export type ResidentReach = 'unit' | 'institution' | 'system';

export function isUnitMember(actor: Actor): boolean {
  return actor.kind === 'user' && actor.isProtectionUnit && actor.roles.some((r) => r === 'caseworker' || r === 'supervisor');
}

export function isInstitutionStaff(actor: Actor): boolean {
  return actor.kind === 'user' && actor.sector === 'residential_care' && actor.roles.includes('provider');
}

function conditions(actor: Actor): { unit: RawBuilder<SqlBool>; institution: RawBuilder<SqlBool> } {
  if (actor.kind === 'system') return { unit: sql<SqlBool>`true`, institution: sql<SqlBool>`false` };
  return {
    unit: isUnitMember(actor)
      ? sql<SqlBool>`((k.country = ${actor.country} AND k.unit_id = ${actor.organisationId}) OR k.owner_id = ${actor.userId})`
      : sql<SqlBool>`false`,
    institution: isInstitutionStaff(actor) ? sql<SqlBool>`(p.provider_org_id = ${actor.organisationId})` : sql<SqlBool>`false`,
  };
}

/** Residents in the actor's reach, with their residence (p), case (k), child (ch), institution, unit and case owner; `reach` per row. */
export function residentsInReach(actor: Actor, tx: Tx) {
  const c = conditions(actor);
  let q = tx
    .selectFrom('institution_residents as r')
    .innerJoin('placements as p', (j) => j.onRef('p.country', '=', 'r.country').onRef('p.id', '=', 'r.placement_id'))
    .innerJoin('cases as k', (j) => j.onRef('k.country', '=', 'r.country').onRef('k.id', '=', 'r.case_id'))
    .innerJoin('children as ch', (j) => j.onRef('ch.country', '=', 'k.country').onRef('ch.id', '=', 'k.child_id'))
    .innerJoin('organisations as inst', 'inst.id', 'p.provider_org_id')
    .innerJoin('organisations as unit', 'unit.id', 'k.unit_id')
    .leftJoin('users as owner', 'owner.id', 'k.owner_id')
    .where('ch.anonymised_at', 'is', null)
    .where(sql<SqlBool>`(${c.unit} OR ${c.institution})`);
  if (actor.kind === 'user') q = q.where('r.country', '=', actor.country);
  const reach = actor.kind === 'system' ? sql<ResidentReach>`'system'` : sql<ResidentReach>`CASE WHEN ${c.unit} THEN 'unit' ELSE 'institution' END`;
  return q.select(reach.as('reach'));
}
