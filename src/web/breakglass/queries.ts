import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  BreakGlassAnswer, BreakGlassGrant, BreakGlassGrantList, BreakGlassRecord, BreakGlassRequest, BreakGlassReviewInput, BreakGlassReviewList,
  BreakGlassUserList,
} from '../../breakglass/breakglass-schema.ts';
import { api } from '../app/api.ts';

export type ReviewState = 'pending' | 'reviewed' | 'all';

export const breakGlassKeys = {
  all: ['break-glass'] as const,
  mine: () => [...breakGlassKeys.all, 'mine'] as const,
  record: (id: string) => [...breakGlassKeys.all, 'record', id] as const,
  reviews: (state: ReviewState) => [...breakGlassKeys.all, 'reviews', state] as const,
  users: () => [...breakGlassKeys.all, 'users'] as const,
};

export function useMyGrants() {
  return useQuery({ queryKey: breakGlassKeys.mine(), queryFn: ({ signal }) => api<z.infer<typeof BreakGlassGrantList>>('/break-glass/grants', { signal }) });
}

export function useGrantRecord(id: string) {
  return useQuery({ queryKey: breakGlassKeys.record(id), queryFn: ({ signal }) => api<BreakGlassRecord>(`/break-glass/grants/${encodeURIComponent(id)}`, { signal }), retry: false });
}

export function useReviews(state: ReviewState) {
  return useQuery({ queryKey: breakGlassKeys.reviews(state), queryFn: ({ signal }) => api<z.infer<typeof BreakGlassReviewList>>('/break-glass/reviews', { query: { state }, signal }) });
}

export function useBreakGlassUsers() {
  return useQuery({ queryKey: breakGlassKeys.users(), queryFn: ({ signal }) => api<z.infer<typeof BreakGlassUserList>>('/break-glass/users', { signal }) });
}

export function useRequestBreakGlass() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BreakGlassRequest) => api<z.infer<typeof BreakGlassAnswer>>('/break-glass/requests', { method: 'POST', body }),
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: breakGlassKeys.mine() }); },
  });
}

export function useReviewGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: BreakGlassReviewInput }) => api<BreakGlassGrant>(`/break-glass/grants/${encodeURIComponent(id)}/review`, { method: 'POST', body }),
    onSettled: () => { void queryClient.invalidateQueries({ queryKey: breakGlassKeys.all }); void queryClient.invalidateQueries({ queryKey: ['tasks'] }); },
  });
}
