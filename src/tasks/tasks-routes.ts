import { z } from 'zod';
import { openDoor } from '../policy/door.ts';
import type { App } from '../server/types.ts';
import { tasksFor } from './task-sources.ts';

export const TaskSchema = z.object({
  kind: z.string(),
  id: z.string(),
  link: z.string(),
  title: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  ownerName: z.string().nullable(),
  /** The first child concerned, when the reader reaches the child; `name` only when sharing lets the reader see it. */
  child: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  /** How many children the subject concerns. */
  childCount: z.number(),
  /** What the task concerns, and its reference (shown when the child's name is not). */
  subjectKind: z.enum(['case', 'signal', 'meeting']).nullable(),
  subjectRef: z.string().nullable(),
  riskLevel: z.enum(['high', 'medium', 'low']).nullable(),
  urgency: z.enum(['immediate', 'urgent', 'normal']).nullable(),
  /** Whose work it is (the caseload counts each worker's overdue tasks by it); null: the unit's. */
  workerId: z.string().nullable(),
  /** Overdue, due today, within seven days, or later (days in the unit's time zone). */
  dueState: z.enum(['overdue', 'today', 'week', 'later']),
});

export async function tasksRoutes(app: App) {
  app.get('/tasks', {
    config: { roles: ['caseworker', 'supervisor', 'partner', 'provider', 'police_support'] },
    schema: {
      operationId: 'listTasks',
      tags: ['tasks'],
      summary: "The caller's open work, overdue first; scope=unit gives a supervisor the unit's",
      querystring: z.strictObject({ scope: z.enum(['mine', 'unit']).default('mine') }),
      response: { 200: z.object({ items: z.array(TaskSchema) }) },
    },
    handler: async (request) => {
      const actor = request.actor!;
      const scope = request.query.scope === 'unit' && actor.roles.includes('supervisor') ? 'unit' : 'mine';
      return { items: await tasksFor(openDoor(app.database.db, actor), scope) };
    },
  });
}
