import { unitTimeZone } from '../cases/case-context.ts';
import type { Door } from '../policy/door.ts';
import { type DueState, NO_SUBJECT, type TaskSubject, dueStateOf, taskSubjects } from './task-subjects.ts';

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

/** A task as listed: what its source made, with who and what it is about and when it falls due. */
export type ListedTask = Task & TaskSubject & { dueState: DueState };

/** Sources read child data, so they live in their capability's folder and run in the caller's Door. */
export type TaskSource = (door: Door, scope: 'mine' | 'unit', now: Date) => Promise<Task[]>;

/** Capabilities register their source here. */
export const TASK_SOURCES: TaskSource[] = [];

export function registerTaskSource(source: TaskSource): void {
  TASK_SOURCES.push(source);
}

export async function tasksFor(door: Door, scope: 'mine' | 'unit', now = new Date()): Promise<ListedTask[]> {
  const all: Task[] = [];
  // One after another: on PGlite there is one session, and each source opens a transaction.
  for (const source of TASK_SOURCES) all.push(...(await source(door, scope, now)));
  const subjects = await taskSubjects(door, all);
  const actor = door.actor;
  const zone = actor.kind === 'user' ? await door.transaction((tx) => unitTimeZone(tx, actor.organisationId)) : 'UTC';
  return all
    .map((t) => ({ ...t, ...(subjects.get(`${t.kind}:${t.id}`) ?? NO_SUBJECT), dueState: dueStateOf(t.dueAt, t.overdue, now, zone) }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt));
}

/**
 * The one count of overdue work per worker: the overdue tasks whose worker (task-subjects.ts) is
 * that user; key null for the unit's shared work. The caseload counts with it, over the unit's
 * list; a worker's own list holds every task counted for them.
 */
export function overdueByWorker(tasks: ReadonlyArray<Pick<ListedTask, 'overdue' | 'workerId'>>): Map<string | null, number> {
  const out = new Map<string | null, number>();
  for (const t of tasks) if (t.overdue) out.set(t.workerId, (out.get(t.workerId) ?? 0) + 1);
  return out;
}
