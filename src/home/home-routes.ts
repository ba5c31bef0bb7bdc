import { openDoor } from '../policy/door.ts';
import type { App } from '../server/types.ts';
import { HomeSummary } from './home-schema.ts';
import { homeSummary } from './home-summary.ts';

export async function homeRoutes(app: App) {
  app.get('/home', {
    schema: {
      operationId: 'getHome',
      tags: ['home'],
      summary: "What the signed-in user should look at first: one block per role they hold, each figure with the link of its list",
      response: { 200: HomeSummary },
    },
    handler: async (request) => homeSummary(openDoor(app.database.db, request.actor!), app.database.db),
  });
}
