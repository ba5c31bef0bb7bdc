import { z } from 'zod';
import { ErrorBody, Id } from '../domain/common-schema.ts';
import { ActivityEdit, ActivityInput, ActivityList, ActivityQuery, ActivityView } from './prevention-schema.ts';
import { getActivity, listActivities, recordActivity, updateActivity } from './activities.ts';
import { PREVENTION_ROLES } from './prevention-reach.ts';
import { requestDoor, WRITE_ERRORS } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';

const tags = ['prevention'];
const Params = z.strictObject({ id: Id });

/** Prevention and awareness activities (issue 14 §4): unit, provider and NGO staff (each function checks the organisation). */
export async function preventionRoutes(app: App) {
  const door = requestDoor(app);

  app.get('/prevention-activities', {
    config: { roles: PREVENTION_ROLES },
    schema: { operationId: 'listPreventionActivities', tags, summary: "The organisation's prevention activities (a unit: also those of others in its jurisdiction), newest first, filtered by period, municipality and topic", querystring: ActivityQuery, response: { 200: ActivityList, 403: ErrorBody } },
    handler: (request) => listActivities(door(request), request.query),
  });

  app.post('/prevention-activities', {
    config: { roles: PREVENTION_ROLES },
    schema: { operationId: 'recordPreventionActivity', tags, summary: 'Records a prevention activity for a municipality of the organisation\'s jurisdiction: children reached per age group and sex, adults reached, no child named', body: ActivityInput, response: { 201: ActivityView, ...WRITE_ERRORS } },
    handler: async (request, reply) => reply.code(201).send(await recordActivity(door(request), request.body)),
  });

  app.get('/prevention-activities/:id', {
    config: { roles: PREVENTION_ROLES },
    schema: { operationId: 'getPreventionActivity', tags, summary: 'One prevention activity', params: Params, response: { 200: ActivityView, 403: ErrorBody, 404: ErrorBody } },
    handler: (request) => getActivity(door(request), request.params.id),
  });

  app.put('/prevention-activities/:id', {
    config: { roles: PREVENTION_ROLES },
    schema: { operationId: 'updatePreventionActivity', tags, summary: 'Changes an activity of the organisation (the whole activity, with the version read)', params: Params, body: ActivityEdit, response: { 200: ActivityView, ...WRITE_ERRORS } },
    handler: (request) => {
      const { version, ...activity } = request.body;
      return updateActivity(door(request), request.params.id, activity, version);
    },
  });
}
