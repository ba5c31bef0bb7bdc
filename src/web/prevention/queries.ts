import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api.ts';
import type { ActivityView } from '../../prevention/prevention-schema.ts';

/** The prevention pages: the list (with the address's filters), one activity, recording and changing (TanStack Query keys). */
export type Activity = ActivityView;
export type ActivityFilters = { from?: string | undefined; to?: string | undefined; municipality?: string | undefined; topic?: string | undefined; limit: number; offset: number };

const enc = encodeURIComponent;
export const preventionKeys = {
  all: ['prevention'] as const,
  list: (f: ActivityFilters) => ['prevention', 'list', f] as const,
  one: (id: string) => ['prevention', 'one', id] as const,
};

export function useActivities(f: ActivityFilters) {
  return useQuery({
    queryKey: preventionKeys.list(f),
    queryFn: ({ signal }) => api<{ items: Activity[]; total: number }>('/prevention-activities', { query: { ...f }, signal }),
  });
}

export function useActivity(id: string) {
  return useQuery({ queryKey: preventionKeys.one(id), queryFn: ({ signal }) => api<Activity>(`/prevention-activities/${enc(id)}`, { signal }) });
}

/** Records a new activity (no id) or changes one (with its version). */
export function useSaveActivity(id?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => id
      ? api<Activity>(`/prevention-activities/${enc(id)}`, { method: 'PUT', body })
      : api<Activity>('/prevention-activities', { method: 'POST', body, idempotent: true }),
    onSuccess: (saved) => {
      client.setQueryData(preventionKeys.one(saved.id), saved);
      return client.invalidateQueries({ queryKey: preventionKeys.all, predicate: (q) => q.queryKey[1] !== 'one' });
    },
  });
}
