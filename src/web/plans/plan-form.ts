import { ASSESSMENT_DOMAINS } from '../../cases/case-workflow.ts';
import { PlanActionInput, PlanGoalInput, PlanInput } from '../../plans/plan-schema.ts';
import { type EveryInputKey, fieldNames } from '../app/form-schema.ts';
import { type Issue, orNull } from '../cases/form-kit.ts';
import type { PlanView } from './types.ts';

/** The plan editor's values: strings as the inputs hold them; `toPlanInput` makes the API's PlanInput. */
export interface PlanFormValues {
  goals: { id: string; domain: string; description: string }[];
  actions: {
    id: string;
    goalIndex: string;
    service: string;
    description: string;
    responsibleOrgId: string;
    responsibleName: string;
    dueDate: string;
    status: string;
  }[];
  childParticipation: string;
  childViews: string;
  caregiverParticipation: string;
  caregiverViews: string;
}

/** Every field of PlanInput (the version of a saved plan is the editor's). */
export const PLAN_FIELDS = fieldNames(PlanInput);

export function planToValues(plan: PlanView | null): PlanFormValues {
  if (!plan) {
    return {
      goals: [{ id: '', domain: ASSESSMENT_DOMAINS[0], description: '' }], actions: [],
      childParticipation: '', childViews: '', caregiverParticipation: '', caregiverViews: '',
    };
  }
  const goalIndexOf = (a: PlanView['actions'][number]) => {
    const i = a.goalIndex ?? (a.goalId ? plan.goals.findIndex((g) => g.id === a.goalId) : -1);
    return i >= 0 ? String(i) : '';
  };
  return {
    goals: plan.goals.map((g) => ({ id: g.id, domain: g.domain, description: g.description })),
    actions: plan.actions.map((a) => ({
      id: a.id, goalIndex: goalIndexOf(a), service: a.service, description: a.description,
      responsibleOrgId: a.responsibleOrgId ?? '', responsibleName: a.responsibleName ?? '', dueDate: a.dueDate, status: a.status,
    })),
    childParticipation: plan.childParticipation ?? '', childViews: plan.childViews ?? '',
    caregiverParticipation: plan.caregiverParticipation ?? '', caregiverViews: plan.caregiverViews ?? '',
  };
}

/** A goal, an action and the plan as the API takes them: each names every key of its schema (EveryInputKey). */
const toGoalInput = (g: PlanFormValues['goals'][number]): EveryInputKey<typeof PlanGoalInput> =>
  ({ id: g.id || undefined, domain: g.domain as never, description: g.description.trim() });

const toActionInput = (a: PlanFormValues['actions'][number]): EveryInputKey<typeof PlanActionInput> => ({
  id: a.id || undefined,
  goalIndex: a.goalIndex !== '' ? Number(a.goalIndex) : undefined,
  service: a.service as never,
  description: a.description.trim(),
  responsibleOrgId: orNull(a.responsibleOrgId),
  // The editor names an organisation or a person; a responsible user is given through the API only.
  responsibleUserId: undefined,
  responsibleName: orNull(a.responsibleName),
  dueDate: a.dueDate,
  status: a.status as never,
});

export function toPlanInput(v: PlanFormValues): EveryInputKey<typeof PlanInput> {
  return {
    goals: v.goals.map(toGoalInput),
    actions: v.actions.map(toActionInput),
    childParticipation: orNull(v.childParticipation),
    childViews: orNull(v.childViews),
    caregiverParticipation: orNull(v.caregiverParticipation),
    caregiverViews: orNull(v.caregiverViews),
  };
}

export function checkPlan(v: PlanFormValues, required: string): Issue[] {
  const issues: Issue[] = [];
  v.goals.forEach((g, i) => {
    if (!g.domain) issues.push({ path: `goals.${i}.domain`, message: required });
    if (!g.description.trim()) issues.push({ path: `goals.${i}.description`, message: required });
  });
  v.actions.forEach((a, i) => {
    if (!a.service) issues.push({ path: `actions.${i}.service`, message: required });
    if (!a.description.trim()) issues.push({ path: `actions.${i}.description`, message: required });
    if (!a.dueDate) issues.push({ path: `actions.${i}.dueDate`, message: required });
      });
  return issues;
}
