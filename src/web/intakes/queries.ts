import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { IntakeFigures, IntakeInput, IntakeList, IntakeView } from '../../intakes/intake-schema.ts';
import { api } from '../app/api.ts';

/** Filters of the intakes list: codes, ids and days only, never child data (they go in the URL). */
export interface IntakeListParams {
  limit: number;
  offset: number;
  stationId?: string | undefined;
  legalSituation?: string | undefined;
  screened?: 'true' | 'false' | undefined;
  followedUp?: 'true' | 'false' | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export const intakeKeys = {
  all: ['intakes'] as const,
  lists: () => [...intakeKeys.all, 'list'] as const,
  list: (params: IntakeListParams) => [...intakeKeys.lists(), params] as const,
  detail: (id: string) => [...intakeKeys.all, 'detail', id] as const,
  figures: (from: string, to: string) => [...intakeKeys.all, 'figures', from, to] as const,
};

export function useIntakes(params: IntakeListParams) {
  return useQuery({
    queryKey: intakeKeys.list(params),
    queryFn: ({ signal }) => api<z.infer<typeof IntakeList>>('/intakes', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useIntake(id: string) {
  return useQuery({
    queryKey: intakeKeys.detail(id),
    queryFn: ({ signal }) => api<IntakeView>(`/intakes/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useIntakeFigures(from: string, to: string) {
  return useQuery({
    queryKey: intakeKeys.figures(from, to),
    queryFn: ({ signal }) => api<z.infer<typeof IntakeFigures>>('/intakes/figures', { query: { from, to }, signal }),
  });
}

export function useRecordIntake() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: IntakeInput) => api<IntakeView>('/intakes', { method: 'POST', body: input, idempotent: true }),
    onSuccess: (intake) => {
      queryClient.setQueryData(intakeKeys.detail(intake.id), intake);
      void queryClient.invalidateQueries({ queryKey: intakeKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['signals'] });
      void queryClient.invalidateQueries({ queryKey: ['children'] });
    },
  });
}
