import { InputError, ConflictError } from '../errors.ts';
import type { Door } from '../policy/door.ts';
import type { AdmissionView, DischargeInput, FollowUpInput, StepInput } from './shelter-schema.ts';
import { type AdmissionRow, isShelterStaff } from './shelter-reach.ts';
import { withAdmission } from './admissions.ts';
import { endPlacementOnDischarge } from './shelter-placement.ts';

/**
 * A stay's work, by the shelter's staff: the reintegration plan (its goal, steps with an owner
 * and a date), the discharge (date, destination, with whom; it ends the case's placement on the
 * same day) and a follow-up contact after the discharge.
 */
function staffOf(door: Door) {
  const actor = door.actor;
  return (row: AdmissionRow) => actor.kind === 'user' && isShelterStaff(actor) && actor.organisationId === row.shelter_org_id;
}

const bad = (path: string, message: string) => new InputError('The stay record is not valid', [{ path, message }]);

export function setPlanGoal(door: Door, id: string, goal: AdmissionView['planGoal']): Promise<AdmissionView> {
  return withAdmission(door, id, 'shelter_plan_goal', staffOf(door), async (tx, row) => {
    await tx.updateTable('shelter_admissions').set({ plan_goal: goal }).where('country', '=', row.country).where('id', '=', row.id).execute();
    return { goal };
  });
}

export function addPlanStep(door: Door, id: string, input: StepInput): Promise<AdmissionView> {
  return withAdmission(door, id, 'shelter_plan_step', staffOf(door), async (tx, row) => {
    if (input.dueOn < String(row.admitted_on)) throw bad('dueOn', 'cannot be before the admission');
    await tx.insertInto('shelter_plan_steps').values({
      country: row.country, admission_id: row.id, description: input.description, owner_name: input.ownerName, due_on: input.dueOn,
      author_id: door.actor.kind === 'user' ? door.actor.userId : null,
    }).execute();
  });
}

export function completePlanStep(door: Door, id: string, stepId: string, doneOn: string): Promise<AdmissionView> {
  return withAdmission(door, id, 'shelter_plan_step_done', staffOf(door), async (tx, row) => {
    const step = await tx.selectFrom('shelter_plan_steps').select(['id', 'done_on']).where('country', '=', row.country)
      .where('admission_id', '=', row.id).where('id', '=', stepId).executeTakeFirst();
    if (!step) throw bad('stepId', 'is not a step of this plan');
    if (step.done_on != null) throw new ConflictError('This step is already done', { allowed: [] });
    if (doneOn < String(row.admitted_on)) throw bad('doneOn', 'cannot be before the admission');
    await tx.updateTable('shelter_plan_steps').set({ done_on: doneOn }).where('country', '=', row.country).where('id', '=', step.id).execute();
  });
}

export function dischargeChild(door: Door, id: string, input: DischargeInput): Promise<AdmissionView> {
  return withAdmission(door, id, 'shelter_discharge', staffOf(door), async (tx, row) => {
    if (row.discharged_on != null) throw new ConflictError('This child has already been discharged', { allowed: [] });
    if (input.dischargedOn < String(row.admitted_on)) throw bad('dischargedOn', 'cannot be before the admission');
    await tx.updateTable('shelter_admissions').set({ discharged_on: input.dischargedOn, destination: input.destination, discharged_with: input.dischargedWith })
      .where('country', '=', row.country).where('id', '=', row.id).execute();
    await endPlacementOnDischarge(door, tx, row, input.dischargedOn);
    return { destination: input.destination };
  });
}

export function recordFollowUp(door: Door, id: string, input: FollowUpInput): Promise<AdmissionView> {
  return withAdmission(door, id, 'shelter_follow_up', staffOf(door), async (tx, row) => {
    if (row.discharged_on == null) throw bad('followUpOn', 'a follow-up comes after the discharge');
    if (input.followUpOn < String(row.discharged_on)) throw bad('followUpOn', 'cannot be before the discharge');
    await tx.updateTable('shelter_admissions').set({ follow_up_on: input.followUpOn, follow_up_note: input.note })
      .where('country', '=', row.country).where('id', '=', row.id).execute();
  });
}
