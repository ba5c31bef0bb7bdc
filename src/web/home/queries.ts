import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api.ts';
import type { HomeSummary } from '../../home/home-schema.ts';

export type { HomeSummary };

/** GET /home: the signed-in user's blocks (src/home/home-summary.ts). */
export function useHome() {
  return useQuery({
    queryKey: ['home'],
    queryFn: ({ signal }) => api<HomeSummary>('/home', { signal }),
    // Deadlines pass while the page is open.
    refetchInterval: 5 * 60_000,
  });
}
