import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../app/api.ts';
import { enc, sectionKeys, useCasePost, useInvalidate } from '../cases/section-queries.ts';
import type { PlanActionDetail, PlanList, PlanView } from './types.ts';

/** Key factory of the case's plans and of a plan action's page. */
export const planKeys = {
  list: (caseId: string) => sectionKeys.section(caseId, 'plans'),
  actions: () => ['plan-actions'] as const,
  action: (id: string) => ['plan-actions', id] as const,
};

export function usePlans(caseId: string) {
  return useQuery({
    queryKey: planKeys.list(caseId),
    queryFn: ({ signal }) => api<PlanList>(`/cases/${enc(caseId)}/plans`, { signal }),
  });
}
export const useCreatePlan = (caseId: string) =>
  useCasePost<unknown, PlanView>(planKeys.list(caseId), `/cases/${enc(caseId)}/plans`, 'POST', true);

/** Saving names the version the worker opened; a 409 carries the other's saved plan (handled by the editor). */
export function useSavePlan(caseId: string, planId: string) {
  return useCasePost<unknown, PlanView>(planKeys.list(caseId), `/cases/${enc(caseId)}/plans/${enc(planId)}`, 'PUT');
}

export type PlanStep = 'submit' | 'approve' | 'return' | 'reviews';
export function usePlanStep(caseId: string, planId: string, step: PlanStep) {
  return useCasePost<unknown, unknown>(planKeys.list(caseId), `/cases/${enc(caseId)}/plans/${enc(planId)}/${step}`, 'POST', step === 'reviews');
}

export function useUpdatePlanAction(caseId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ actionId, ...body }: { actionId: string; status: string; note: string | null }) =>
      api<unknown>(`/plan-actions/${enc(actionId)}`, { method: 'PATCH', body }),
    onSuccess: () => invalidate(planKeys.list(caseId)),
  });
}

/** One plan action (GET /plan-actions/:id): the responsible organisation's page of it. */
export function usePlanAction(id: string) {
  return useQuery({
    queryKey: planKeys.action(id),
    queryFn: ({ signal }) => api<PlanActionDetail>(`/plan-actions/${enc(id)}`, { signal }),
  });
}
