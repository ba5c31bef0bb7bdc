import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Language } from '../../domain/i18n/languages.ts';
import { api, isApiError, setCsrfToken } from '../app/api.ts';
import { changeLanguage, currentLanguage } from '../app/i18n.ts';
import { setDisplayTimeZone } from '../app/time-zone.ts';
import { type Me, type Session, meOf } from './types.ts';

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

/** The session: the signed-in user, or null when nobody is signed in (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const session = await api<Session>('/auth/me');
    setCsrfToken(session.csrfToken);
    setDisplayTimeZone(session.user.organisation.timeZone);
    return meOf(session);
  } catch (error) {
    if (isApiError(error, 401)) {
      setCsrfToken(null);
      setDisplayTimeZone(undefined);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: authKeys.me(), queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** The signed-in user; only for components rendered inside the signed-in layout. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside the signed-in layout');
  return data;
}

/**
 * Drops everything cached for the previous session (children, users…). The session query itself
 * stays: the layout observes it, and a removed query would leave the layout watching nothing.
 */
function forgetOtherSession(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string; code?: string }) =>
      api<Session>('/auth/login', { method: 'POST', body }),
    onSuccess: async (session) => {
      setCsrfToken(session.csrfToken);
      setDisplayTimeZone(session.user.organisation.timeZone);
      forgetOtherSession(queryClient);
      // The language the sign-in page showed is the one the person chose: keep it, and save it.
      const chosen = currentLanguage();
      if (chosen !== session.user.language) {
        const saved = await api<Session>('/auth/me', { method: 'PATCH', body: { language: chosen } }).catch(() => session);
        queryClient.setQueryData(authKeys.me(), meOf(saved));
        await changeLanguage(saved.user.language);
        return;
      }
      queryClient.setQueryData(authKeys.me(), meOf(session));
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ ok: true }>('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken(null);
      setDisplayTimeZone(undefined);
      forgetOtherSession(queryClient);
      queryClient.setQueryData(authKeys.me(), null);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api<{ ok: true }>('/auth/password', { method: 'POST', body }),
  });
}

/** Saves the user's language on the server; the interface switches at once, not after the answer. */
export function useSaveLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (language: Language) => api<Session>('/auth/me', { method: 'PATCH', body: { language } }),
    onMutate: (language) => changeLanguage(language),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(authKeys.me(), meOf(session));
    },
  });
}
