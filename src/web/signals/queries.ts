import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ScreeningInput, SignalInput, SignalList, SignalView } from '../../signals/signal-schema.ts';
import { api } from '../app/api.ts';

/** Filters of the signals list: codes and dates only, never child data (they go in the URL). */
export interface SignalListParams {
  limit: number;
  offset: number;
  status?: 'unscreened' | 'screened' | undefined;
  overdue?: 'true' | undefined;
  harmType?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  urgency?: string | undefined;
  sort?: string | undefined;
}

export const signalKeys = {
  all: ['signals'] as const,
  lists: () => [...signalKeys.all, 'list'] as const,
  list: (params: SignalListParams) => [...signalKeys.lists(), params] as const,
  detail: (id: string) => [...signalKeys.all, 'detail', id] as const,
};

/** Screening or registering changes what the task list holds. */
const TASKS_KEY = ['tasks'] as const;

export function useSignals(params: SignalListParams) {
  return useQuery({
    queryKey: signalKeys.list(params),
    queryFn: ({ signal }) => api<z.infer<typeof SignalList>>('/signals', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSignal(id: string) {
  return useQuery({
    queryKey: signalKeys.detail(id),
    queryFn: ({ signal }) => api<SignalView>(`/signals/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useRegisterSignal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignalInput) => api<SignalView>('/signals', { method: 'POST', body: input, idempotent: true }),
    onSuccess: (signal) => {
      queryClient.setQueryData(signalKeys.detail(signal.id), signal);
      void queryClient.invalidateQueries({ queryKey: signalKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: TASKS_KEY });
      void queryClient.invalidateQueries({ queryKey: ['children'] });
    },
  });
}

export function useScreenSignal(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ScreeningInput) =>
      api<SignalView>(`/signals/${encodeURIComponent(id)}/screening`, { method: 'POST', body: input }),
    onSuccess: (signal) => {
      queryClient.setQueryData(signalKeys.detail(id), signal);
      void queryClient.invalidateQueries({ queryKey: signalKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: TASKS_KEY });
    },
  });
}
