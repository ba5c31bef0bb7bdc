import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AssignableUsers, CaseBulkAssignInput, CaseBulkAssignResult, CaseList, CaseListQuery, CaseOpenInput, CaseTimeline, CaseView, Caseload } from '../../cases/case-schema.ts';
import type { CrossBorderList, TransferUnits } from '../../transfers/transfer-schema.ts';
import { api } from '../app/api.ts';
import { invalidateAfterChange } from '../app/query-client.ts';

/**
 * Filters of the case list. All but `q` are codes; `q` (part of a child's name) is child data, so
 * a search by name goes in a POST body (/cases/search), never in a URL.
 */
export type CaseListParams = { limit: number; offset: number } & Partial<Pick<z.input<typeof CaseListQuery>, 'status' | 'owner' | 'riskLevel' | 'overdue' | 'q' | 'sort'>>;


export const caseKeys = {
  all: ['cases'] as const,
  lists: () => [...caseKeys.all, 'list'] as const,
  list: (params: CaseListParams) => [...caseKeys.lists(), params] as const,
  detail: (id: string) => [...caseKeys.all, 'detail', id] as const,
  timeline: (id: string) => [...caseKeys.all, 'timeline', id] as const,
  crossBorder: (id: string) => [...caseKeys.all, 'cross-border', id] as const,
  assignable: (id: string) => [...caseKeys.all, 'assignable-users', id] as const,
  caseload: () => [...caseKeys.all, 'caseload'] as const,
  transferUnits: () => ['transfer-units'] as const,
};

const TASKS_KEY = ['tasks'] as const;
const enc = encodeURIComponent;

export function useCases(params: CaseListParams) {
  return useQuery({
    queryKey: caseKeys.list(params),
    queryFn: ({ signal }) => {
      const { q, ...codes } = params;
      return q
        ? api<z.infer<typeof CaseList>>('/cases/search', { method: 'POST', body: { ...codes, q }, signal })
        : api<z.infer<typeof CaseList>>('/cases', { query: { ...codes }, signal });
    },
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string) {
  return useQuery({ queryKey: caseKeys.detail(id), queryFn: ({ signal }) => api<CaseView>(`/cases/${enc(id)}`, { signal }) });
}

export function useCaseTimeline(id: string) {
  return useQuery({
    queryKey: caseKeys.timeline(id),
    queryFn: ({ signal }) => api<z.infer<typeof CaseTimeline>>(`/cases/${enc(id)}/timeline`, { signal }),
  });
}

export function useCaseload(enabled = true) {
  return useQuery({ queryKey: caseKeys.caseload(), queryFn: ({ signal }) => api<Caseload>('/cases/caseload', { signal }), enabled });
}

/** Who may own the case (GET /cases/:id/assignable-users: the unit's active caseworkers and supervisors), for the supervisor's assign form. */
export function useAssignableUsers(caseId: string) {
  return useQuery({
    queryKey: caseKeys.assignable(caseId),
    queryFn: ({ signal }) => api<AssignableUsers>(`/cases/${enc(caseId)}/assignable-users`, { signal }),
  });
}

export function useTransferUnits(enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.transferUnits(),
    queryFn: ({ signal }) => api<z.infer<typeof TransferUnits>>('/transfer-units', { signal }),
    enabled,
  });
}

export function useCrossBorder(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.crossBorder(caseId),
    queryFn: ({ signal }) => api<z.infer<typeof CrossBorderList>>(`/cases/${enc(caseId)}/cross-border`, { signal }),
    enabled,
  });
}

/** After any change to a case, everything derived from it is stale: the case, its timeline, lists, tasks. */
function useInvalidateCase() {
  const queryClient = useQueryClient();
  return (caseId: string, view?: CaseView) => {
    if (view && view.id === caseId) queryClient.setQueryData(caseKeys.detail(caseId), view);
    else void invalidateAfterChange(queryClient, caseKeys.detail(caseId));
    for (const key of [caseKeys.timeline(caseId), caseKeys.crossBorder(caseId), caseKeys.assignable(caseId), caseKeys.lists(), caseKeys.caseload(), TASKS_KEY]) {
      void invalidateAfterChange(queryClient, key);
    }
  };
}

/**
 * One mutation for every button of the action bar: POST `path` with `body`. Case endpoints answer
 * the CaseView (stored at once); transfer and cross-border ones answer their own views, so the case
 * is then fetched again.
 */
export function useCaseCommand(caseId: string) {
  const invalidate = useInvalidateCase();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) =>
      api<unknown>(path, { method: 'POST', body, idempotent: /\/(transfers|cross-border)$/.test(path) }), // the two creates
    onSuccess: (answer) => {
      const view = answer as CaseView | null;
      invalidate(caseId, view && typeof view === 'object' && 'allowed' in view && 'child' in view ? view : undefined);
    },
  });
}

export function useOpenCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CaseOpenInput) => api<CaseView>('/cases', { method: 'POST', body: input, idempotent: true }),
    onSuccess: (view) => {
      queryClient.setQueryData(caseKeys.detail(view.id), view);
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: TASKS_KEY });
    },
  });
}

/** POST /cases/assign: several cases to one worker, all or none (the supervisor's bulk assignment on the list). */
export function useAssignCases() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CaseBulkAssignInput) => api<CaseBulkAssignResult>('/cases/assign', { method: 'POST', body }),
    onSettled: () => {
      for (const key of [caseKeys.all, TASKS_KEY]) void invalidateAfterChange(queryClient, key);
    },
  });
}
