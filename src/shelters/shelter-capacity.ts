import { sql } from 'kysely';
import { ForbiddenError } from '../errors.ts';
import type { Door, Tx } from '../policy/door.ts';
import { isShelterStaff, isUnitMember } from './shelter-reach.ts';

/**
 * Beds free now: for the shelters of the reader's country (or one region of it), the capacity and
 * what is free — counts only, never who occupies a bed. A group admitted with a mother or
 * caregiver takes one mother-and-child place; a child admitted alone takes a bed.
 */

/** Beds and mother-and-child places in use per shelter, from the current admissions. */
export async function occupancy(tx: Tx, shelterIds: string[]): Promise<Map<string, { beds: number; motherChild: number }>> {
  const out = new Map<string, { beds: number; motherChild: number }>();
  if (shelterIds.length === 0) return out;
  const rows = await tx.selectFrom('shelter_admissions')
    .select(['shelter_org_id',
      sql<string>`count(*) FILTER (WHERE companion_name IS NULL)`.as('beds'),
      sql<string>`count(DISTINCT group_id) FILTER (WHERE companion_name IS NOT NULL)`.as('mother_child')])
    .where('shelter_org_id', 'in', shelterIds).where('discharged_on', 'is', null)
    .groupBy('shelter_org_id').execute();
  for (const r of rows) out.set(r.shelter_org_id, { beds: Number(r.beds), motherChild: Number(r.mother_child) });
  return out;
}

/** Who may see beds free: a unit's caseworkers and supervisors, the police-station team, a shelter's staff. */
export function maySeeBedsFree(door: Door): boolean {
  const a = door.actor;
  return a.kind === 'system' || isUnitMember(a) || isShelterStaff(a) || (a.kind === 'user' && a.roles.includes('police_support'));
}

export async function bedsFree(door: Door, region?: string) {
  const actor = door.actor;
  if (!maySeeBedsFree(door) || actor.kind !== 'user') throw new ForbiddenError('Beds free are for units, police-station teams and shelters');
  return door.read(async (tx, audit) => {
    let q = tx.selectFrom('organisations as o').innerJoin('jurisdictions as j', 'j.code', 'o.jurisdiction_code')
      .select(['o.id', 'o.name', 'o.jurisdiction_code', 'j.name_local', 'o.beds', 'o.mother_child_places'])
      .where('o.country', '=', actor.country).where('o.sector', '=', 'shelter').where('o.active', '=', true);
    if (region) q = q.where((eb) => eb.or([eb('o.jurisdiction_code', '=', region), eb('o.jurisdiction_code', 'like', `${region}-%`)]));
    const shelters = await q.orderBy('o.name').execute();
    const used = await occupancy(tx, shelters.map((s) => s.id));
    await audit([{ chain: actor.country, action: 'read', entity: 'shelter_beds_free', outcome: 'ok', detail: { shelters: shelters.length, region: region ?? null } }]);
    return {
      items: shelters.map((s) => {
        const u = used.get(s.id) ?? { beds: 0, motherChild: 0 };
        return {
          id: s.id, name: s.name, jurisdictionCode: s.jurisdiction_code, jurisdictionName: s.name_local,
          beds: s.beds, bedsFree: s.beds == null ? null : Math.max(0, s.beds - u.beds), bedsOver: s.beds == null ? 0 : Math.max(0, u.beds - s.beds),
          motherChildPlaces: s.mother_child_places, motherChildFree: s.mother_child_places == null ? null : Math.max(0, s.mother_child_places - u.motherChild),
        };
      }),
    };
  });
}
