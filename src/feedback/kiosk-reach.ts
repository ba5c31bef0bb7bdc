import type { UserActor } from '../policy/actor.ts';
import type { Tx } from '../policy/door.ts';
import { protectionUnitFor } from '../organisations/protection-unit.ts';

/**
 * Whose children's free texts a unit's supervisor reviews (issue 14 §1, safeguarding): the
 * unit's own kiosks, and the kiosks of the providers (every organisation that is not a Child
 * Protection Unit) of the municipality for which the unit is responsible — a child may disclose
 * harm by a worker of the provider, so its own staff never read them. The responsible unit is the
 * municipality's first active Child Protection Unit (protectionUnitFor, as for signals and
 * shelter stays). A provider whose jurisdiction is a region or the
 * country has no such unit: its texts wait unread (the README says so).
 */
/** The organisations whose kiosks' free texts this unit supervisor reviews: its unit, and the providers of the municipality it is responsible for. */
export async function reviewedOrganisations(tx: Tx, supervisor: UserActor): Promise<string[]> {
  if (await protectionUnitFor(tx, supervisor.country, supervisor.jurisdictionCode) !== supervisor.organisationId) return [supervisor.organisationId];
  const providers = await tx.selectFrom('organisations').select('id').where('country', '=', supervisor.country)
    .where('jurisdiction_code', '=', supervisor.jurisdictionCode).where('is_protection_unit', '=', false).execute();
  return [supervisor.organisationId, ...providers.map((p) => p.id)];
}
