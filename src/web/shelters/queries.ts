import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api.ts';
import type { AdmissionView } from '../../shelters/shelter-schema.ts';

/** The shelter's pages: beds free, the stays, one stay and its steps (key factory, TanStack Query). */
export type Stay = AdmissionView;
export type BedsFree = {
  id: string; name: string; jurisdictionCode: string; jurisdictionName: string;
  beds: number | null; bedsFree: number | null; bedsOver: number; motherChildPlaces: number | null; motherChildFree: number | null;
};
export type StayStatus = 'current' | 'discharged' | 'unlinked' | 'all';

const enc = encodeURIComponent;
export const shelterKeys = {
  all: ['shelters'] as const,
  bedsFree: (region = '') => ['shelters', 'beds-free', region] as const,
  stays: (status: StayStatus) => ['shelters', 'stays', status] as const,
  stay: (id: string) => ['shelters', 'stay', id] as const,
};

export function useBedsFree(region = '') {
  return useQuery({
    queryKey: shelterKeys.bedsFree(region),
    queryFn: ({ signal }) => api<{ items: BedsFree[] }>('/shelters/beds-free', { query: { region: region || undefined }, signal }),
  });
}

export function useStays(status: StayStatus) {
  return useQuery({
    queryKey: shelterKeys.stays(status),
    queryFn: ({ signal }) => api<{ items: Stay[]; total: number }>('/shelter-admissions', { query: { status, limit: 200 }, signal }),
  });
}

export function useStay(id: string) {
  return useQuery({
    queryKey: shelterKeys.stay(id),
    queryFn: ({ signal }) => api<Stay>(`/shelter-admissions/${enc(id)}`, { signal }),
  });
}

export function useAdmit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api<{ items: Stay[] }>('/shelter-admissions', { method: 'POST', body, idempotent: true }),
    onSuccess: () => client.invalidateQueries({ queryKey: shelterKeys.all }),
  });
}

export type StayStep = 'link' | 'plan' | 'plan/steps' | 'plan/steps/done' | 'discharge' | 'follow-up';

/** One step on a stay: the answer is the stay as it now is. */
export function useStayStep(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ step, body }: { step: StayStep; body: unknown }) => api<Stay>(`/shelter-admissions/${enc(id)}/${step}`, { method: 'POST', body }),
    onSuccess: (stay) => {
      client.setQueryData(shelterKeys.stay(id), stay);
      return client.invalidateQueries({ queryKey: shelterKeys.all, predicate: (q) => q.queryKey[1] !== 'stay' });
    },
  });
}
