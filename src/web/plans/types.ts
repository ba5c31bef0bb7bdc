/** The plans' views, from the shared API schemas (src/plans/plan-schema.ts). */
export type { PlanActionDetail, PlanActionView, PlanList, PlanReviewView, PlanView } from '../../plans/plan-schema.ts';
