import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { authKeys } from '../auth/queries.ts';
import { isApiError } from './api.ts';

/**
 * One cache for all server state. A 401 from any request means the session ended (expired,
 * signed out elsewhere): forget the user, and the app shows the login page.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onError(error) }),
    mutationCache: new MutationCache({ onError: (error) => onError(error) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retrying a 4xx only repeats the same answer.
        retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
  function onError(error: unknown): void {
    if (isApiError(error, 401) && client.getQueryData(authKeys.me())) {
      client.setQueryData(authKeys.me(), null);
    }
  }
  return client;
}
