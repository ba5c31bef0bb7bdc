import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../app/api.ts';

export type JurisdictionLevel = 'country' | 'region' | 'municipality';

export interface Jurisdiction {
  code: string;
  country: string;
  level: JurisdictionLevel;
  parentCode: string | null;
  nameLocal: string;
  nameEn: string;
}

export interface JurisdictionFilter {
  country?: string;
  parent?: string;
  level?: JurisdictionLevel;
}

export const jurisdictionKeys = {
  all: ['jurisdictions'] as const,
  list: (filter: JurisdictionFilter) => [...jurisdictionKeys.all, 'list', filter] as const,
};

/** Reference data: it changes when a deployment loads a country, so it is cached for long. */
export function useJurisdictions(filter: JurisdictionFilter, enabled = true) {
  return useQuery({
    queryKey: jurisdictionKeys.list(filter),
    queryFn: ({ signal }) =>
      api<{ items: Jurisdiction[] }>('/jurisdictions', { query: { ...filter }, signal }).then((r) => r.items),
    staleTime: 60 * 60_000,
    enabled,
  });
}

/** A code → jurisdiction lookup for one country's municipalities, to show names instead of codes. */
export function useMunicipalityLookup(country: string | undefined) {
  const query = useJurisdictions({ country: country ?? '', level: 'municipality' }, Boolean(country));
  return useMemo(() => new Map((query.data ?? []).map((j) => [j.code, j])), [query.data]);
}

/** A jurisdiction's name as the reader knows it: local name, with the English one beside it. */
export function jurisdictionLabel(j: Jurisdiction | undefined, fallback: string): string {
  if (!j) return fallback;
  return j.nameLocal === j.nameEn ? j.nameLocal : `${j.nameLocal} (${j.nameEn})`;
}
