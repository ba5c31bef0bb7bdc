import { MutationCache, QueryCache, QueryClient, type QueryKey } from '@tanstack/react-query';
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

/**
 * After a change on the server: the queries under `queryKey` are stale, and the active ones are
 * fetched again. A fetch already in flight was sent before the change and would answer the old
 * state; TanStack Query cancels such a fetch for a refetch only once the query has data, and
 * reuses it during the first load (a page just opened, a quick click). That one is cancelled
 * here first, so the page always ends up showing what the change left.
 */
export async function invalidateAfterChange(client: QueryClient, queryKey: QueryKey): Promise<void> {
  await client.cancelQueries({ queryKey, predicate: (query) => query.state.data === undefined });
  await client.invalidateQueries({ queryKey });
}
