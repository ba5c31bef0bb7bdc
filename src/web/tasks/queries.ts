import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api.ts';

/** A task as GET /tasks returns it (src/tasks/task-sources.ts). */
export interface TaskItem {
  kind: string;
  id: string;
  link: string;
  title: string;
  dueAt: string;
  overdue: boolean;
  ownerName: string | null;
}

export type TaskScope = 'mine' | 'unit';

export const taskKeys = {
  all: ['tasks'] as const,
  list: (scope: TaskScope) => [...taskKeys.all, scope] as const,
};

export function useTasks(scope: TaskScope) {
  return useQuery({
    queryKey: taskKeys.list(scope),
    queryFn: ({ signal }) => api<{ items: TaskItem[] }>('/tasks', { query: { scope }, signal }).then((r) => r.items),
    // Deadlines pass while the page is open.
    refetchInterval: 5 * 60_000,
  });
}
