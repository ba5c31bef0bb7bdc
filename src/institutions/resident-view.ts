import { addMonths } from 'date-fns';
import { deadlinesFor, localDay } from '../domain/deadlines.ts';
import { iso } from '../domain/dates.ts';
import type { Actor } from '../policy/actor.ts';
import type { Tx } from '../policy/door.ts';
import { shareFields } from '../policy/field-sharing.ts';
import { RESIDENT_SHARING, type ResidentRow, type ResidentView } from './institution-schema.ts';
import { type ResidentReach, isUnitMember, residentsInReach } from './institution-reach.ts';

/** The months after a transition when a follow-up is due, in the country's configuration. */
export function followUpMonthsFor(country: string): number[] {
  return deadlinesFor(country).diFollowUpMonths ?? [3, 6, 12];
}

/** A day `months` months after an ISO day (the end of a shorter month when the day does not exist). */
export function addMonthsToDay(day: string, months: number): string {
  return addMonths(new Date(`${day}T12:00:00Z`), months).toISOString().slice(0, 10);
}

export function residentSelect(actor: Actor, tx: Tx) {
  return residentsInReach(actor, tx).selectAll('r').select([
    'p.started_on', 'p.ended_on', 'p.provider_org_id as institution_id', 'inst.name as institution_name',
    'k.child_id', 'k.unit_id', 'k.owner_id', 'k.status as case_status', 'unit.name as unit_name', 'owner.display_name as owner_name',
    'ch.given_name', 'ch.family_name', 'ch.sex', 'ch.birth_date',
  ]);
}
export type ResidentDbRow = Awaited<ReturnType<ReturnType<typeof residentSelect>['executeTakeFirstOrThrow']>>;

export function residentRow(r: ResidentDbRow & { plan_target: string | null; transition_target: string | null }): ResidentRow {
  return {
    id: r.id,
    ref: r.ref,
    child: { id: r.child_id, name: `${r.given_name} ${r.family_name}`.trim(), birthDate: r.birth_date == null ? null : String(r.birth_date) },
    institutionName: r.institution_name,
    admittedOn: String(r.started_on),
    leftOn: r.ended_on == null ? null : String(r.ended_on),
    current: r.ended_on == null,
    parentalRights: r.parental_rights,
    familyContact: r.family_contact,
    carePlanTarget: (r.plan_target ?? null) as ResidentRow['carePlanTarget'],
    transitionTarget: (r.transition_target ?? null) as ResidentRow['transitionTarget'],
  };
}

/** The whole resident as its reader may see it: assessments, plan, transition and follow-ups (due and done). */
export async function residentView(tx: Tx, actor: Actor, r: ResidentDbRow, zone: string): Promise<ResidentView> {
  const country = r.country;
  const assessments = await tx.selectFrom('di_assessments as a').leftJoin('organisations as o', 'o.id', 'a.author_org_id')
    .select(['a.id', 'a.assessed_on', 'a.assessor', 'a.findings', 'o.name as org_name'])
    .where('a.country', '=', country).where('a.resident_id', '=', r.id).orderBy('a.assessed_on', 'desc').orderBy('a.created_at', 'desc').execute();
  const plan = await tx.selectFrom('di_care_plans').selectAll().where('country', '=', country).where('resident_id', '=', r.id).executeTakeFirst();
  const steps = plan ? await tx.selectFrom('di_plan_steps').selectAll().where('country', '=', country).where('plan_id', '=', plan.id).orderBy('position').execute() : [];
  const transition = await tx.selectFrom('di_transitions as t')
    .leftJoin('placements as np', (j) => j.onRef('np.country', '=', 't.country').onRef('np.id', '=', 't.next_placement_id'))
    .leftJoin('organisations as no', 'no.id', 'np.provider_org_id')
    .select(['t.id', 't.target', 'np.kind as next_kind', 'np.carer_name', 'no.name as next_org'])
    .where('t.country', '=', country).where('t.resident_id', '=', r.id).executeTakeFirst();
  const today = localDay(new Date(), zone);
  const transitionOn = r.ended_on == null ? null : String(r.ended_on);
  const followUps: NonNullable<ResidentView['followUps']> = [];
  if (transition && transitionOn) {
    const done = await tx.selectFrom('di_follow_ups').selectAll().where('country', '=', country).where('transition_id', '=', transition.id).orderBy('months').execute();
    const months = [...new Set([...followUpMonthsFor(country), ...done.map((d) => d.months)])].sort((a, b) => a - b);
    for (const m of months) {
      const f = done.find((d) => d.months === m);
      const dueOn = addMonthsToDay(transitionOn, m);
      followUps.push({
        months: m, dueOn, overdue: !f && dueOn < today,
        visitedOn: f ? String(f.visited_on) : null, outcome: f?.outcome ?? null, wentTo: f?.went_to ?? null, notes: f?.notes ?? null,
      });
    }
  }
  const reach = r.reach as ResidentReach;
  const whole: ResidentView = {
    id: r.id,
    ref: r.ref,
    caseId: r.case_id,
    child: { id: r.child_id, name: `${r.given_name} ${r.family_name}`.trim(), sex: r.sex, birthDate: r.birth_date == null ? null : String(r.birth_date) },
    institutionId: r.institution_id!,
    institutionName: r.institution_name,
    admittedOn: String(r.started_on),
    leftOn: transitionOn,
    current: r.ended_on == null,
    admissionReasons: r.admission_reasons as ResidentView['admissionReasons'],
    parentalRights: r.parental_rights,
    familyContact: r.family_contact,
    unitName: r.unit_name,
    caseOwnerName: r.owner_name ?? null,
    assessments: assessments.map((a) => ({ id: a.id, assessedOn: String(a.assessed_on), assessor: a.assessor, findings: a.findings, authorOrgName: a.org_name ?? null })),
    carePlan: plan ? {
      target: plan.target, targetDate: String(plan.target_date), updatedAt: iso(plan.updated_at),
      steps: steps.map((s) => ({ id: s.id, description: s.description, owner: s.owner, dueOn: String(s.due_on), doneOn: s.done_on == null ? null : String(s.done_on), overdue: s.done_on == null && String(s.due_on) < today })),
    } : null,
    transition: transition && transitionOn ? {
      id: transition.id, target: transition.target, on: transitionOn, nextPlacementKind: transition.next_kind ?? null,
      placeName: transition.next_org ?? transition.carer_name ?? null,
    } : null,
    followUps,
    canRecord: reach !== 'system' && r.case_status !== 'closed',
    canMove: reach === 'unit' && isUnitMember(actor) && r.case_status !== 'closed',
    withheld: [],
  };
  return shareFields(RESIDENT_SHARING, whole, { whole: reach !== 'institution', sector: actor.kind === 'user' ? actor.sector : 'other' });
}
