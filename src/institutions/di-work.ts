import { sql } from 'kysely';
import { actorUserId, authorOrg, recordCaseEvent, unitTimeZone } from '../cases/case-context.ts';
import { localDay } from '../domain/deadlines.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors.ts';
import { PLACEMENT_SECTORS } from '../placements/placement-schema.ts';
import type { PlacementKind } from '../cases/case-workflow.ts';
import type { Door } from '../policy/door.ts';
import type { CarePlanInput, DiAssessmentInput, FollowUpInput, ResidentView, TransitionInput } from './institution-schema.ts';
import { isUnitMember } from './institution-reach.ts';
import { followUpMonthsFor } from './resident-view.ts';
import { mayRecord, residentEntry, viewOf, withResident } from './residents.ts';

/**
 * The deinstitutionalisation work on a resident: DI assessments and the individual care plan
 * (recorded by the institution's staff or the unit), the transition out of the institution and
 * the follow-up visits after it (the unit's: they are placements of the child's case).
 */

/** The placement a care plan's target becomes; none for a return to the birth family. */
export const NEXT_PLACEMENT: Record<TransitionInput['target'], PlacementKind | null> = {
  reunification: null,
  kinship_care: 'kinship_care',
  foster_care: 'foster_care',
  adoption: 'adoptive_family',
  supported_living: 'supported_living',
  small_group_home: 'small_group_home',
};

function refuseUnlessRecorder(door: Door) {
  if (!mayRecord(door)) throw new ForbiddenError('Only the institution\'s staff and the child\'s unit record this');
}

export async function addAssessment(door: Door, id: string, input: DiAssessmentInput): Promise<ResidentView> {
  refuseUnlessRecorder(door);
  await withResident(door, id, 'record_di_assessment', async (tx, r) => {
    if (input.assessedOn < String(r.started_on)) throw new InputError('The assessment is before the admission', [{ path: 'assessedOn', message: 'cannot be before the admission' }]);
    await tx.insertInto('di_assessments').values({
      country: r.country, resident_id: r.id, assessed_on: input.assessedOn, assessor: input.assessor, findings: input.findings,
      author_id: actorUserId(door), author_org_id: authorOrg(door, { unit_id: r.unit_id }),
    }).execute();
  });
  return door.read((tx) => viewOf(door, tx, id));
}

export async function saveCarePlan(door: Door, id: string, input: CarePlanInput): Promise<ResidentView> {
  refuseUnlessRecorder(door);
  await withResident(door, id, 'save_di_care_plan', async (tx, r) => {
    const admitted = String(r.started_on);
    if (input.targetDate < admitted) throw new InputError('The target date is before the admission', [{ path: 'targetDate', message: 'cannot be before the admission' }]);
    input.steps.forEach((s, i) => {
      if (s.dueOn < admitted) throw new InputError('A step is due before the admission', [{ path: `steps.${i}.dueOn`, message: 'cannot be before the admission' }]);
    });
    const author = { author_id: actorUserId(door), author_org_id: authorOrg(door, { unit_id: r.unit_id }) };
    const plan = await tx.insertInto('di_care_plans')
      .values({ country: r.country, resident_id: r.id, target: input.target, target_date: input.targetDate, ...author })
      .onConflict((oc) => oc.columns(['country', 'resident_id']).doUpdateSet({ target: input.target, target_date: input.targetDate, ...author, updated_at: sql<Date>`now()` }))
      .returning('id').executeTakeFirstOrThrow();
    await tx.deleteFrom('di_plan_steps').where('country', '=', r.country).where('plan_id', '=', plan.id).execute();
    if (input.steps.length > 0) {
      await tx.insertInto('di_plan_steps').values(input.steps.map((s, i) => ({
        country: r.country, plan_id: plan.id, position: i, description: s.description, owner: s.owner, due_on: s.dueOn, done_on: s.doneOn ?? null,
      }))).execute();
    }
  });
  return door.read((tx) => viewOf(door, tx, id));
}

/**
 * The transition out of the institution, in one transaction: the residence (the case's current
 * placement) ends on the day, the placement of the target kind starts that day, the transition
 * links both. The unit's: a placement of its case.
 */
export async function recordTransition(door: Door, id: string, input: TransitionInput): Promise<ResidentView> {
  if (!isUnitMember(door.actor) && door.actor.kind !== 'system') throw new ForbiddenError('The child\'s unit records the transition');
  await withResident(door, id, 'record_di_transition', async (tx, r, audit) => {
    if (r.reach === 'institution') throw new ForbiddenError('The child\'s unit records the transition');
    if (r.case_status === 'closed') throw new ConflictError('The case is closed', { allowed: [] });
    if (r.ended_on != null) throw new ConflictError('The child has already left the institution', { allowed: [] });
    if (input.on < String(r.started_on)) throw new InputError('The transition is before the admission', [{ path: 'on', message: 'cannot be before the admission' }]);
    if (input.providerOrgId) {
      const org = await tx.selectFrom('organisations').select(['sector', 'active', 'country']).where('id', '=', input.providerOrgId).executeTakeFirst();
      if (!org || !org.active || org.country !== r.country || !(PLACEMENT_SECTORS as readonly string[]).includes(org.sector) || input.providerOrgId === r.institution_id) {
        throw new InputError('The provider is not valid', [{ path: 'providerOrgId', message: 'must be another active shelter, residential care or NGO organisation of this country' }]);
      }
    }
    const author = { author_id: actorUserId(door), author_org_id: authorOrg(door, { unit_id: r.unit_id }) };
    await tx.updateTable('placements').set({ ended_on: input.on, end_reason: `Left the institution: ${input.target}` })
      .where('country', '=', r.country).where('id', '=', r.placement_id).execute();
    const kase = { country: r.country, id: r.case_id };
    await recordCaseEvent(door, tx, kase, 'placement_ended', { entity: 'placement', entityId: r.placement_id, detail: { kind: 'residential_institution', ending: 'di_transition' } });
    const kind = NEXT_PLACEMENT[input.target];
    let next: string | null = null;
    if (kind) {
      next = (await tx.insertInto('placements').values({
        country: r.country, case_id: r.case_id, kind, provider_org_id: input.providerOrgId ?? null,
        carer_name: input.providerOrgId ? null : (input.carerName ?? null), started_on: input.on, notes: input.notes ?? null, ...author,
      }).returning('id').executeTakeFirstOrThrow()).id;
      await recordCaseEvent(door, tx, kase, 'placement_started', { entity: 'placement', entityId: next, detail: { kind } });
    }
    await tx.insertInto('di_transitions').values({ country: r.country, resident_id: r.id, target: input.target, next_placement_id: next, ...author }).execute();
    await audit([{ ...residentEntry(r, 'record_placement'), entity: 'case', entityId: r.case_id, detail: { kind: kind ?? 'none' } }]);
  });
  return door.read((tx) => viewOf(door, tx, id));
}

/** A follow-up visit after a transition (by the transition's id): unknown or out of reach → 404. */
export async function recordFollowUp(door: Door, transitionId: string, input: FollowUpInput): Promise<ResidentView> {
  if (!isUnitMember(door.actor) && door.actor.kind !== 'system') throw new ForbiddenError('The child\'s unit records the follow-up visits');
  const found = await door.read((tx) => tx.selectFrom('di_transitions').select(['resident_id'])
    .where('id', '=', transitionId).$if(door.actor.kind === 'user', (q) => q.where('country', '=', door.actor.kind === 'user' ? door.actor.country : '')).executeTakeFirst());
  if (!found) {
    await door.auditAlone([{ action: 'record_di_follow_up', entity: 'di_transition', entityId: transitionId, outcome: 'denied' }]);
    throw new NotFoundError('transition');
  }
  await withResident(door, found.resident_id, 'record_di_follow_up', async (tx, r) => {
    if (r.reach === 'institution') throw new NotFoundError('transition');
    const months = followUpMonthsFor(r.country);
    if (!months.includes(input.months)) throw new InputError('Not a follow-up of this country', [{ path: 'months', message: `must be one of ${months.join(', ')}` }]);
    if (r.ended_on == null || input.visitedOn < String(r.ended_on)) throw new InputError('The visit is before the transition', [{ path: 'visitedOn', message: 'cannot be before the transition' }]);
    const today = localDay(new Date(), await unitTimeZone(tx, r.unit_id));
    if (input.visitedOn > today) throw new InputError('The visit is in the future', [{ path: 'visitedOn', message: 'must not be in the future' }]);
    const dup = await tx.selectFrom('di_follow_ups').select('id').where('country', '=', r.country).where('transition_id', '=', transitionId).where('months', '=', input.months).executeTakeFirst();
    if (dup) throw new InputError('This follow-up is recorded', [{ path: 'months', message: 'this follow-up has already been recorded' }]);
    await tx.insertInto('di_follow_ups').values({
      country: r.country, transition_id: transitionId, months: input.months, visited_on: input.visitedOn, outcome: input.outcome,
      went_to: input.outcome === 'broken_down' ? (input.wentTo ?? null) : null, notes: input.notes ?? null,
      author_id: actorUserId(door), author_org_id: authorOrg(door, { unit_id: r.unit_id }),
    }).execute();
  });
  return door.read((tx) => viewOf(door, tx, found.resident_id));
}
