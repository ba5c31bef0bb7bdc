import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api.ts';
import { enc, sectionKeys, useInvalidate } from '../cases/section-queries.ts';
import type { ReferralList, ReferralView } from './types.ts';

/** Key factory of the case's referrals and of the referrals pages. */
export const referralKeys = {
  ofCase: (caseId: string) => sectionKeys.section(caseId, 'referrals'),
  lists: () => ['referrals', 'list'] as const,
  list: (direction: string, status: string) => ['referrals', 'list', { direction, status }] as const,
  one: (id: string) => ['referrals', 'detail', id] as const,
};

export function useCaseReferrals(caseId: string) {
  return useQuery({
    queryKey: referralKeys.ofCase(caseId),
    queryFn: ({ signal }) => api<ReferralList>(`/cases/${enc(caseId)}/referrals`, { signal }),
  });
}
export function useRefer(caseId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: unknown) => api<ReferralView>(`/cases/${enc(caseId)}/referrals`, { method: 'POST', body: input, idempotent: true }),
    onSuccess: () => invalidate(referralKeys.ofCase(caseId), referralKeys.lists()),
  });
}

export function useReferrals(direction: 'incoming' | 'outgoing', status: string, sort?: string) {
  return useQuery({
    queryKey: [...referralKeys.list(direction, status), sort ?? ''],
    queryFn: ({ signal }) => api<ReferralList>('/referrals', { query: { direction, status: status || undefined, sort }, signal }),
  });
}
export function useReferral(id: string) {
  return useQuery({
    queryKey: referralKeys.one(id),
    queryFn: ({ signal }) => api<ReferralView>(`/referrals/${enc(id)}`, { signal }),
  });
}

export type ReferralStep = 'accept' | 'decline' | 'services' | 'complete' | 'withdraw';
/** A step re-reads the referral, the referrals lists and every case section. */
export function useReferralStep(id: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ step, body }: { step: ReferralStep; body: unknown }) =>
      api<ReferralView | unknown>(`/referrals/${enc(id)}/${step}`, { method: 'POST', body }),
    onSuccess: (answer) => {
      if (answer && typeof answer === 'object' && 'allowed' in answer) queryClient.setQueryData(referralKeys.one(id), answer);
      invalidate(referralKeys.one(id), referralKeys.lists(), sectionKeys.all);
    },
  });
}
