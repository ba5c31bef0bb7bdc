import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api.ts';
import { invalidateAfterChange } from '../app/query-client.ts';
import type {
  AssessmentList, AssessmentView, ContactView, OrganisationOption, PlacementView, PlanActionDetail, PlanList, PlanView, ReferralList,
  ReferralView,
} from '../assessments/types.ts';

/** Key factory of the case sections and referrals. Ids only: no child data in keys or URLs. */
export const caseworkKeys = {
  all: ['casework'] as const,
  assessments: (caseId: string) => [...caseworkKeys.all, caseId, 'assessments'] as const,
  plans: (caseId: string) => [...caseworkKeys.all, caseId, 'plans'] as const,
  contacts: (caseId: string) => [...caseworkKeys.all, caseId, 'contacts'] as const,
  placements: (caseId: string) => [...caseworkKeys.all, caseId, 'placements'] as const,
  caseReferrals: (caseId: string) => [...caseworkKeys.all, caseId, 'referrals'] as const,
  referralLists: () => ['referrals', 'list'] as const,
  referralList: (direction: string, status: string) => ['referrals', 'list', { direction, status }] as const,
  referral: (id: string) => ['referrals', 'detail', id] as const,
  planActions: () => ['plan-actions'] as const,
  planAction: (id: string) => ['plan-actions', id] as const,
  organisations: (country: string) => ['organisations', { country }] as const,
};

const enc = encodeURIComponent;
/** Every section write moves the case (status, version, timeline, tasks, its plan actions' pages): the case page re-reads them. */
const CASE_KEYS = [['cases'], ['tasks'], ['plan-actions']] as const;

function useInvalidate() {
  const queryClient = useQueryClient();
  return (...keys: readonly (readonly unknown[])[]) => {
    for (const key of [...keys, ...CASE_KEYS]) void invalidateAfterChange(queryClient, key);
  };
}

/** A write on the case; `idempotent` for a create (sent with an Idempotency-Key). */
function useCasePost<I, O>(key: readonly unknown[], path: string, method: 'POST' | 'PUT' | 'PATCH' = 'POST', idempotent = false) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: I) => api<O>(path, { method, body: input, idempotent }),
    onSuccess: () => invalidate(key),
  });
}

export function useAssessments(caseId: string) {
  return useQuery({
    queryKey: caseworkKeys.assessments(caseId),
    queryFn: ({ signal }) => api<AssessmentList>(`/cases/${enc(caseId)}/assessments`, { signal }),
  });
}
export const useRecordAssessment = (caseId: string) =>
  useCasePost<unknown, AssessmentView>(caseworkKeys.assessments(caseId), `/cases/${enc(caseId)}/assessments`, 'POST', true);

export function usePlans(caseId: string) {
  return useQuery({
    queryKey: caseworkKeys.plans(caseId),
    queryFn: ({ signal }) => api<PlanList>(`/cases/${enc(caseId)}/plans`, { signal }),
  });
}
export const useCreatePlan = (caseId: string) =>
  useCasePost<unknown, PlanView>(caseworkKeys.plans(caseId), `/cases/${enc(caseId)}/plans`, 'POST', true);

/** Saving names the version the worker opened; a 409 carries the other's saved plan (handled by the editor). */
export function useSavePlan(caseId: string, planId: string) {
  return useCasePost<unknown, PlanView>(caseworkKeys.plans(caseId), `/cases/${enc(caseId)}/plans/${enc(planId)}`, 'PUT');
}

export type PlanStep = 'submit' | 'approve' | 'return' | 'reviews';
export function usePlanStep(caseId: string, planId: string, step: PlanStep) {
  return useCasePost<unknown, unknown>(caseworkKeys.plans(caseId), `/cases/${enc(caseId)}/plans/${enc(planId)}/${step}`, 'POST', step === 'reviews');
}

export function useUpdatePlanAction(caseId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ actionId, ...body }: { actionId: string; status: string; note: string | null }) =>
      api<unknown>(`/plan-actions/${enc(actionId)}`, { method: 'PATCH', body }),
    onSuccess: () => invalidate(caseworkKeys.plans(caseId)),
  });
}

/** One plan action (GET /plan-actions/:id): the responsible organisation's page of it. */
export function usePlanAction(id: string) {
  return useQuery({
    queryKey: caseworkKeys.planAction(id),
    queryFn: ({ signal }) => api<PlanActionDetail>(`/plan-actions/${enc(id)}`, { signal }),
  });
}

export function useContacts(caseId: string) {
  return useQuery({
    queryKey: caseworkKeys.contacts(caseId),
    queryFn: ({ signal }) => api<{ items: ContactView[] }>(`/cases/${enc(caseId)}/contacts`, { signal }),
  });
}
export const useRecordContact = (caseId: string) =>
  useCasePost<unknown, ContactView>(caseworkKeys.contacts(caseId), `/cases/${enc(caseId)}/contacts`, 'POST', true);

export function usePlacements(caseId: string) {
  return useQuery({
    queryKey: caseworkKeys.placements(caseId),
    queryFn: ({ signal }) => api<{ items: PlacementView[] }>(`/cases/${enc(caseId)}/placements`, { signal }),
  });
}
export const useStartPlacement = (caseId: string) =>
  useCasePost<unknown, PlacementView>(caseworkKeys.placements(caseId), `/cases/${enc(caseId)}/placements`, 'POST', true);
export function useEndPlacement(caseId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ placementId, ...body }: { placementId: string; endedOn: string; endReason: string }) =>
      api<PlacementView>(`/cases/${enc(caseId)}/placements/${enc(placementId)}/end`, { method: 'POST', body }),
    onSuccess: () => invalidate(caseworkKeys.placements(caseId)),
  });
}

export function useCaseReferrals(caseId: string) {
  return useQuery({
    queryKey: caseworkKeys.caseReferrals(caseId),
    queryFn: ({ signal }) => api<ReferralList>(`/cases/${enc(caseId)}/referrals`, { signal }),
  });
}
export function useRefer(caseId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: unknown) => api<ReferralView>(`/cases/${enc(caseId)}/referrals`, { method: 'POST', body: input, idempotent: true }),
    onSuccess: () => invalidate(caseworkKeys.caseReferrals(caseId), caseworkKeys.referralLists()),
  });
}

export function useReferrals(direction: 'incoming' | 'outgoing', status: string) {
  return useQuery({
    queryKey: caseworkKeys.referralList(direction, status),
    queryFn: ({ signal }) => api<ReferralList>('/referrals', { query: { direction, status: status || undefined }, signal }),
  });
}
export function useReferral(id: string) {
  return useQuery({
    queryKey: caseworkKeys.referral(id),
    queryFn: ({ signal }) => api<ReferralView>(`/referrals/${enc(id)}`, { signal }),
  });
}

export type ReferralStep = 'accept' | 'decline' | 'services' | 'complete' | 'withdraw';
export function useReferralStep(id: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ step, body }: { step: ReferralStep; body: unknown }) =>
      api<ReferralView | unknown>(`/referrals/${enc(id)}/${step}`, { method: 'POST', body }),
    onSuccess: (answer) => {
      if (answer && typeof answer === 'object' && 'allowed' in answer) queryClient.setQueryData(caseworkKeys.referral(id), answer);
      invalidate(caseworkKeys.referral(id), caseworkKeys.referralLists(), caseworkKeys.all);
    },
  });
}

/** Any signed-in user may list organisations (src/organisations/organisations-routes.ts): the provider picker. */
export function useOrganisations(country: string) {
  return useQuery({
    queryKey: caseworkKeys.organisations(country),
    queryFn: ({ signal }) => api<{ items: OrganisationOption[] }>('/organisations', { query: { country }, signal }),
    staleTime: 5 * 60_000,
  });
}
