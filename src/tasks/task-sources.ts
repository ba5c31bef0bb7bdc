import type { Door } from '../policy/door.ts';

/**
 * One task list per user: each capability contributes the open items it knows of (a signal to
 * screen, an action item to do, …). `scope: 'mine'` is the user's own work; `scope: 'unit'` is
 * the supervisor's view of the whole unit. Overdue first, then by due time.
 */
export type Task = {
  kind: string;
  id: string;
  /** What to open, as a path in the web app (ids only, never names). */
  link: string;
  title: string;
  dueAt: string;
  overdue: boolean;
  ownerName: string | null;
};

/** Sources read child data, so they live in their capability's folder and run in the caller's Door. */
export type TaskSource = (door: Door, scope: 'mine' | 'unit', now: Date) => Promise<Task[]>;

/** Capabilities register their source here. */
export const TASK_SOURCES: TaskSource[] = [];

export function registerTaskSource(source: TaskSource): void {
  TASK_SOURCES.push(source);
}

export async function tasksFor(door: Door, scope: 'mine' | 'unit', now = new Date()): Promise<Task[]> {
  const all: Task[] = [];
  // One after another: on PGlite there is one session, and each source opens a transaction.
  for (const source of TASK_SOURCES) all.push(...(await source(door, scope, now)));
  return all.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt));
}
