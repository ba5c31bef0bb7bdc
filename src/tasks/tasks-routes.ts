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
