import type { z } from 'zod';
import { PlacementInput } from '../../placements/placement-schema.ts';
import { type EveryInputKey, fieldNames, sameKeys } from '../app/form-schema.ts';
import { orNull } from '../cases/form-kit.ts';

/**
 * The placement form's values (as the inputs hold them), its fields (read from the input schema) and
 * its mapper to the API input. The mapper returns `EveryInputKey<typeof X>`: a field of the schema
 * it forgets (or one the schema does not have) does not compile.
 */

export interface PlacementValues { kind: string; providerOrgId: string; carerName: string; startedOn: string; notes: string }
export const PLACEMENT_FIELDS = fieldNames(PlacementInput);
sameKeys<PlacementValues, z.input<typeof PlacementInput>>();

/** A provider organisation or a carer, not both: the one not chosen is left out. */
export function toPlacementInput(v: PlacementValues): EveryInputKey<typeof PlacementInput> {
  return {
    kind: v.kind as never,
    providerOrgId: v.providerOrgId || undefined,
    carerName: v.providerOrgId ? undefined : v.carerName.trim(),
    startedOn: v.startedOn,
    notes: orNull(v.notes),
  };
}
