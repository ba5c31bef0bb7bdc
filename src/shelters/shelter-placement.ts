import { recordCaseEvent } from '../cases/case-context.ts';
import { ConflictError } from '../errors.ts';
import type { Door, Tx } from '../policy/door.ts';

/**
 * One record, one number: a stay linked to a case IS the case's placement of kind
 * emergency_shelter. The placement row is written here only, from the admission (its start is
 * the admission's day, its end the discharge's), and names it (placements.admission_id); the
 * unit neither records nor ends such a placement by hand (placements.ts refuses both).
 */
type Stay = {
  country: string; id: string; shelter_org_id: string; admitted_on: string | Date; discharged_on: string | Date | null; author_id: string | null;
};

/** Writes the case's placement for a stay just linked to it (admitted with the case, or linked later). */
export async function placementFromAdmission(door: Door, tx: Tx, stay: Stay, caseId: string): Promise<string> {
  const current = await tx.selectFrom('placements').select('id')
    .where('country', '=', stay.country).where('case_id', '=', caseId).where('ended_on', 'is', null).forUpdate().executeTakeFirst();
  if (current && stay.discharged_on == null) {
    throw new ConflictError('The case already has a current placement; the unit ends it before the shelter stay is linked', { allowed: [] });
  }
  const discharged = stay.discharged_on == null ? null : String(stay.discharged_on);
  const row = await tx.insertInto('placements').values({
    country: stay.country,
    case_id: caseId,
    kind: 'emergency_shelter',
    provider_org_id: stay.shelter_org_id,
    started_on: String(stay.admitted_on),
    ended_on: discharged,
    end_code: discharged ? 'shelter_discharge' : null,
    author_id: stay.author_id,
    author_org_id: stay.shelter_org_id,
    admission_id: stay.id,
  }).returning('id').executeTakeFirstOrThrow();
  await recordCaseEvent(door, tx, { country: stay.country, id: caseId }, 'placement_started', { entity: 'placement', entityId: row.id, detail: { kind: 'emergency_shelter', via: 'shelter_admission' } });
  return row.id;
}

/** Ends the stay's placement (if linked) on the discharge's day. */
export async function endPlacementOnDischarge(door: Door, tx: Tx, stay: { country: string; id: string; case_id: string | null }, dischargedOn: string): Promise<void> {
  if (!stay.case_id) return;
  const ended = await tx.updateTable('placements').set({ ended_on: dischargedOn, end_reason: null, end_code: 'shelter_discharge' })
    .where('country', '=', stay.country).where('admission_id', '=', stay.id).returning('id').executeTakeFirst();
  if (ended) await recordCaseEvent(door, tx, { country: stay.country, id: stay.case_id }, 'placement_ended', { entity: 'placement', entityId: ended.id, detail: { kind: 'emergency_shelter', ending: 'shelter_discharge' } });
}
