import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api.ts';

/** A task as GET /tasks returns it (src/tasks/task-sources.ts, src/tasks/task-subjects.ts). */
export interface TaskItem {
  kind: string;
  id: string;
  link: string;
  title: string;
  dueAt: string;
  overdue: boolean;
  ownerName: string | null;
  /** The first child concerned, when the reader reaches the child; the name when sharing lets the reader see it. */
  child: { id: string; name: string | null } | null;
  childCount: number;
  subjectKind: 'case' | 'signal' | 'meeting' | null;
  subjectRef: string | null;
  riskLevel: 'high' | 'medium' | 'low' | null;
  urgency: 'immediate' | 'urgent' | 'normal' | null;
  workerId: string | null;
  dueState: DueState;
}

export type DueState = 'overdue' | 'today' | 'week' | 'later';
export const DUE_STATES: readonly DueState[] = ['overdue', 'today', 'week', 'later'];

export type TaskScope = 'mine' | 'unit';

export const taskKeys = {
  all: ['tasks'] as const,
  list: (scope: TaskScope) => [...taskKeys.all, scope] as const,
};

export function useTasks(scope: TaskScope) {
  return useQuery({
    queryKey: taskKeys.list(scope),
    queryFn: ({ signal }) => api<{ items: Array<Partial<TaskItem> & Pick<TaskItem, 'kind' | 'id' | 'link' | 'title' | 'dueAt' | 'overdue' | 'ownerName'>> }>('/tasks', { query: { scope }, signal })
      .then((r) => r.items.map(complete)),
    // Deadlines pass while the page is open.
    refetchInterval: 5 * 60_000,
  });
}

/** A task from a server that does not say who or what yet (an older one): nothing named, the due state from `overdue`. */
function complete(x: Partial<TaskItem> & Pick<TaskItem, 'kind' | 'id' | 'link' | 'title' | 'dueAt' | 'overdue' | 'ownerName'>): TaskItem {
  return {
    child: null, childCount: 0, subjectKind: null, subjectRef: null, riskLevel: null, urgency: null, workerId: null,
    dueState: x.overdue ? 'overdue' : 'later', ...x,
  };
}
