import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api.ts';
import { invalidateAfterChange } from '../app/query-client.ts';

/**
 * What the case page's sections (assessments/, plans/, contacts/, placements/, referrals/) share
 * of TanStack Query: the key every section's keys start with, the write that re-reads the case, and
 * the provider picker. Ids only: no child data in keys or URLs.
 */
export const sectionKeys = {
  all: ['casework'] as const,
  section: (caseId: string, name: string) => [...sectionKeys.all, caseId, name] as const,
  organisations: (country: string) => ['organisations', { country }] as const,
};

export const enc = encodeURIComponent;
/** Every section write moves the case (status, version, timeline, tasks, its plan actions' pages): the case page re-reads them. */
const CASE_KEYS = [['cases'], ['tasks'], ['plan-actions']] as const;

export function useInvalidate() {
  const queryClient = useQueryClient();
  return (...keys: readonly (readonly unknown[])[]) => {
    for (const key of [...keys, ...CASE_KEYS]) void invalidateAfterChange(queryClient, key);
  };
}

/** A write on the case; `idempotent` for a create (sent with an Idempotency-Key). */
export function useCasePost<I, O>(key: readonly unknown[], path: string, method: 'POST' | 'PUT' | 'PATCH' = 'POST', idempotent = false) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: I) => api<O>(path, { method, body: input, idempotent }),
    onSuccess: () => invalidate(key),
  });
}

/** What the provider picker needs of GET /organisations (open to every signed-in user). */
export interface OrganisationOption { id: string; name: string; sector: string; isProtectionUnit: boolean }

/** Any signed-in user may list organisations (src/organisations/organisations-routes.ts): the provider picker. */
export function useOrganisations(country: string) {
  return useQuery({
    queryKey: sectionKeys.organisations(country),
    queryFn: ({ signal }) => api<{ items: OrganisationOption[] }>('/organisations', { query: { country }, signal }),
    staleTime: 5 * 60_000,
  });
}
