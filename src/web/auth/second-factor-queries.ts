import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../app/api.ts';
import { authKeys } from './queries.ts';
import { type Session, meOf } from './types.ts';

/** Whether sign-in with the identity provider is offered (no secrets), for the sign-in page. */
export function useSingleSignOn() {
  return useQuery({
    queryKey: [...authKeys.all, 'oidc'],
    queryFn: () => api<{ enabled: boolean; name: string | null }>('/auth/oidc'),
    staleTime: Infinity,
    retry: false,
  });
}

export function useStartSecondFactor() {
  return useMutation({
    mutationFn: () => api<{ secret: string; uri: string; qrSvg: string }>('/auth/2fa/setup', { method: 'POST', body: {} }),
  });
}

export function useEnableSecondFactor() {
  return useMutation({
    mutationFn: (code: string) => api<{ recoveryCodes: string[] }>('/auth/2fa/enable', { method: 'POST', body: { code } }),
  });
}

export function useRenewRecoveryCodes() {
  return useMutation({
    mutationFn: () => api<{ recoveryCodes: string[] }>('/auth/2fa/recovery-codes', { method: 'POST', body: {} }),
  });
}

export function useVerifySecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api<Session>('/auth/2fa/verify', { method: 'POST', body: { code } }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(authKeys.me(), meOf(session));
    },
  });
}

/** The session's state again (after enrolment: it passed; the recovery codes left). */
export function useRefreshMe() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: authKeys.me() });
}
