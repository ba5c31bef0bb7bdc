import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AccessHistory, ChildList, ChildPatch, ChildView, DuplicateList, DuplicateQuery, NewChildInput,
} from '../../children/child-schema.ts';
import { api } from '../app/api.ts';

export interface ChildListParams {
  limit: number;
  offset: number;
  municipalityCode?: string | undefined;
}

/**
 * Query keys for child records. Names typed for the duplicate check sit in the in-memory key
 * only; they are sent in a POST body, never in a URL.
 */
export const childKeys = {
  all: ['children'] as const,
  lists: () => [...childKeys.all, 'list'] as const,
  list: (params: ChildListParams) => [...childKeys.lists(), params] as const,
  details: () => [...childKeys.all, 'detail'] as const,
  detail: (id: string) => [...childKeys.details(), id] as const,
  accessHistory: (id: string) => [...childKeys.detail(id), 'access-history'] as const,
  duplicates: (query: DuplicateQuery) => [...childKeys.all, 'duplicates', query] as const,
};

export function useChildren(params: ChildListParams) {
  return useQuery({
    queryKey: childKeys.list(params),
    queryFn: ({ signal }) => api<z.infer<typeof ChildList>>('/children', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useChild(id: string) {
  return useQuery({
    queryKey: childKeys.detail(id),
    queryFn: ({ signal }) => api<ChildView>(`/children/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useAccessHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: childKeys.accessHistory(id),
    queryFn: ({ signal }) =>
      api<z.infer<typeof AccessHistory>>(`/children/${encodeURIComponent(id)}/access-history`, { signal }),
    enabled,
  });
}

export function useDuplicates(query: DuplicateQuery | null) {
  return useQuery({
    queryKey: childKeys.duplicates(query ?? { givenName: '', familyName: '' }),
    queryFn: ({ signal }) =>
      api<z.infer<typeof DuplicateList>>('/children/duplicates', { method: 'POST', body: query, signal }),
    enabled: query !== null,
    // Typed names should not linger in memory after the form is gone.
    gcTime: 30_000,
    staleTime: 30_000,
  });
}

export function useRegisterChild() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewChildInput) => api<ChildView>('/children', { method: 'POST', body: input, idempotent: true }),
    onSuccess: (child) => {
      queryClient.setQueryData(childKeys.detail(child.id), child);
      void queryClient.invalidateQueries({ queryKey: childKeys.lists() });
    },
  });
}

/** Merges another record of the same child into this one (the unit's supervisor). */
export function useMergeChild(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (duplicateId: string) =>
      api<ChildView>(`/children/${encodeURIComponent(id)}/merge`, { method: 'POST', body: { duplicateId } }),
    onSuccess: (child) => {
      queryClient.setQueryData(childKeys.detail(id), child);
      void queryClient.invalidateQueries({ queryKey: childKeys.all });
    },
  });
}

export function useUpdateChild(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ChildPatch) =>
      api<ChildView>(`/children/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSuccess: (child) => {
      queryClient.setQueryData(childKeys.detail(id), child);
      void queryClient.invalidateQueries({ queryKey: childKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: childKeys.accessHistory(id) });
    },
  });
}
