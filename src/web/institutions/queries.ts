import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { InstitutionList, ResidentList, ResidentView } from '../../institutions/institution-schema.ts';
import type { CaseList } from '../../cases/case-schema.ts';
import { api } from '../app/api.ts';
import { enc, useInvalidate } from '../cases/section-queries.ts';

export type Resident = z.infer<typeof ResidentView>;
export type ResidentRowItem = z.infer<typeof ResidentList>['items'][number];
export type Institution = z.infer<typeof InstitutionList>['items'][number];

/** Key factory of the institutions pages (ids only: no child data in keys or URLs). */
export const institutionKeys = {
  all: ['institutions'] as const,
  list: () => ['institutions', 'list'] as const,
  residents: (id: string, current: boolean) => ['institutions', 'residents', id, { current }] as const,
  resident: (id: string) => ['institutions', 'resident', id] as const,
};

export function useInstitutions() {
  return useQuery({ queryKey: institutionKeys.list(), queryFn: ({ signal }) => api<z.infer<typeof InstitutionList>>('/institutions', { signal }) });
}

export function useResidents(institutionId: string, current: boolean) {
  return useQuery({
    queryKey: institutionKeys.residents(institutionId, current),
    queryFn: ({ signal }) => api<z.infer<typeof ResidentList>>(`/institutions/${enc(institutionId)}/residents`, { query: { current: current ? 'true' : undefined }, signal }),
  });
}

export function useResident(id: string) {
  return useQuery({ queryKey: institutionKeys.resident(id), queryFn: ({ signal }) => api<Resident>(`/residents/${enc(id)}`, { signal }) });
}

/** The unit's active cases, to choose the child to admit. */
export function useActiveCases(enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'list', { status: 'active', for: 'institution' }],
    queryFn: ({ signal }) => api<z.infer<typeof CaseList>>('/cases', { query: { status: 'active', limit: 200 }, signal }),
    enabled,
  });
}

/** A write on a resident (or admitting one): re-reads the institutions pages, the cases and the tasks. */
export function useResidentWrite<I>(path: string, opts: { idempotent?: boolean } = {}) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: I) => api<Resident>(path, { method: 'POST', body: input, idempotent: opts.idempotent ?? false }),
    onSuccess: () => invalidate(institutionKeys.all),
  });
}
