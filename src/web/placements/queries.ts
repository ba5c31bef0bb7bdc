import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../app/api.ts';
import { enc, sectionKeys, useCasePost, useInvalidate } from '../cases/section-queries.ts';
import type { PlacementView } from './types.ts';

/** Key factory of the case's placements. */
export const placementKeys = {
  list: (caseId: string) => sectionKeys.section(caseId, 'placements'),
};

export function usePlacements(caseId: string) {
  return useQuery({
    queryKey: placementKeys.list(caseId),
    queryFn: ({ signal }) => api<{ items: PlacementView[] }>(`/cases/${enc(caseId)}/placements`, { signal }),
  });
}
export const useStartPlacement = (caseId: string) =>
  useCasePost<unknown, PlacementView>(placementKeys.list(caseId), `/cases/${enc(caseId)}/placements`, 'POST', true);
export function useEndPlacement(caseId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ placementId, ...body }: { placementId: string; endedOn: string; endReason: string }) =>
      api<PlacementView>(`/cases/${enc(caseId)}/placements/${enc(placementId)}/end`, { method: 'POST', body }),
    onSuccess: () => invalidate(placementKeys.list(caseId)),
  });
}
