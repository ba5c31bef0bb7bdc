import { z } from 'zod';
import { ErrorBody, Id } from '../domain/common-schema.ts';
import { ScreeningInput, SignalInput, SignalList, SignalListQuery, SignalView } from './signal-schema.ts';
import { DuplicateConflict } from '../children/child-schema.ts';
import { registerSignal } from './signal-register.ts';
import { getSignal, listSignals, signalScreeningTasks } from './signal-records.ts';
import { screenSignal } from './signal-screening.ts';
import { requestDoor } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';
import { registerTaskSource } from '../tasks/task-sources.ts';

// Unscreened signals are the unit's first task; registered once, when the routes load.
registerTaskSource(signalScreeningTasks);

const tags = ['signals'];
const Params = z.strictObject({ id: Id });
const READ_ROLES = ['caseworker', 'supervisor', 'partner', 'police_support'] as const;

/** Signals (reports of concern) and their screening. Every handler goes through the policy door. */
export async function signalsRoutes(app: App) {
  const door = requestDoor(app);

  app.post('/signals', {
    config: { roles: READ_ROLES },
    schema: {
      operationId: 'registerSignal',
      tags,
      summary: 'Registers a signal; the same `ref` twice answers the first signal (200) instead of a duplicate',
      body: SignalInput,
      response: { 200: SignalView, 201: SignalView, 400: ErrorBody, 403: ErrorBody, 409: DuplicateConflict },
    },
    handler: async (request, reply) => {
      const { signal, created } = await registerSignal(door(request), request.body);
      return reply.code(created ? 201 : 200).send(signal);
    },
  });

  app.get('/signals', {
    config: { roles: READ_ROLES },
    schema: {
      operationId: 'listSignals',
      tags,
      summary: 'Signals in reach, newest first (no child names in the list)',
      querystring: SignalListQuery,
      response: { 200: SignalList, 400: ErrorBody },
    },
    handler: (request) => listSignals(door(request), request.query),
  });

  app.get('/signals/:id', {
    config: { roles: READ_ROLES },
    schema: { operationId: 'getSignal', tags, params: Params, response: { 200: SignalView, 404: ErrorBody } },
    handler: (request) => getSignal(door(request), request.params.id),
  });

  app.post('/signals/:id/screening', {
    config: { roles: ['caseworker', 'supervisor'] },
    schema: {
      operationId: 'screenSignal',
      tags,
      summary: 'Screens an unscreened signal: open or attach to a case, refer elsewhere, or no further action',
      params: Params,
      body: ScreeningInput,
      response: {
        200: SignalView,
        400: ErrorBody,
        403: ErrorBody,
        404: ErrorBody,
        409: ErrorBody.extend({ current: SignalView.optional() }),
      },
    },
    handler: (request) => screenSignal(door(request), request.params.id, request.body),
  });
}
