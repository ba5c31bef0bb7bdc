import { z } from 'zod';
import { ErrorBody, Id } from '../domain/common-schema.ts';
import { DuplicateConflict } from '../children/child-schema.ts';
import { requestDoor } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';
import { IntakeFigures, IntakeFiguresQuery, IntakeInput, IntakeList, IntakeListQuery, IntakeView } from './intake-schema.ts';
import { teamFigures } from './intake-figures.ts';
import { getIntake, listIntakes, recordIntake } from './intakes.ts';

const tags = ['intakes'];
const Params = z.strictObject({ id: Id });
/** The team that writes intakes, and the units that receive them as signals. */
const READ_ROLES = ['police_support', 'caseworker', 'supervisor'] as const;

/** Police-station intakes by the 24/7 psychosocial team. Every handler goes through the policy door. */
export async function intakesRoutes(app: App) {
  const door = requestDoor(app);

  app.post('/intakes', {
    config: { roles: ['police_support'] },
    schema: {
      operationId: 'recordIntake',
      tags,
      summary: 'Records a police-station intake and refers it to the Child Protection Unit of the child\'s municipality as a signal',
      body: IntakeInput,
      response: { 201: IntakeView, 400: ErrorBody, 403: ErrorBody, 409: DuplicateConflict },
    },
    handler: async (request, reply) => reply.code(201).send(await recordIntake(door(request), request.body)),
  });

  app.get('/intakes', {
    config: { roles: READ_ROLES },
    schema: {
      operationId: 'listIntakes',
      tags,
      summary: 'Intakes in reach, newest call first, with their follow-up (no child names in the list)',
      querystring: IntakeListQuery,
      response: { 200: IntakeList, 400: ErrorBody },
    },
    handler: (request) => listIntakes(door(request), request.query),
  });

  app.get('/intakes/figures', {
    config: { roles: ['police_support'] },
    schema: {
      operationId: 'intakeTeamFigures',
      tags,
      summary: 'The team\'s own figures for a period of local days: by station and month, situation with the law, hour and day of the call, response time, follow-up',
      querystring: IntakeFiguresQuery,
      response: { 200: IntakeFigures, 400: ErrorBody },
    },
    handler: async (request) => ({ tables: await teamFigures(door(request), request.query) }),
  });

  app.get('/intakes/:id', {
    config: { roles: READ_ROLES },
    schema: { operationId: 'getIntake', tags, params: Params, response: { 200: IntakeView, 404: ErrorBody } },
    handler: (request) => getIntake(door(request), request.params.id),
  });
}
