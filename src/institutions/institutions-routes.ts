import { z } from 'zod';
import { ErrorBody, Id } from '../domain/common-schema.ts';
import { requestDoor, UNIT_ROLES, WRITE_ERRORS } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';
import { registerTaskSource } from '../tasks/task-sources.ts';
import { addAssessment, recordFollowUp, recordTransition, saveCarePlan } from './di-work.ts';
import {
  CarePlanInput, DiAssessmentInput, FollowUpInput, InstitutionList, ResidentInput, ResidentList, ResidentUpdate, ResidentView, TransitionInput,
} from './institution-schema.ts';
import { followUpTasks } from './institution-tasks.ts';
import { admitResident, getResident, listInstitutions, listResidents, updateResident } from './residents.ts';

// Follow-up visits due after a transition; registered once, when the routes load.
registerTaskSource(followUpTasks);

const tags = ['institutions'];
const Params = z.strictObject({ id: Id });
/** The unit and the institutions' staff (providers of a residential care organisation: the reach narrows it). */
const ROLES = ['caseworker', 'supervisor', 'provider'] as const;
const ListQuery = z.strictObject({ current: z.enum(['true', 'false']).optional() });

/** Deinstitutionalisation: institutions, their residents, DI assessments, care plans, transitions, follow-ups. */
export async function institutionsRoutes(app: App) {
  const door = requestDoor(app);

  app.get('/institutions', {
    config: { roles: ROLES },
    schema: { operationId: 'listInstitutions', tags, summary: 'Residential care institutions of the country (a provider: its own), with beds and current residents', response: { 200: InstitutionList } },
    handler: (request) => listInstitutions(door(request)),
  });

  app.get('/institutions/:id/residents', {
    config: { roles: ROLES },
    schema: {
      operationId: 'listResidents', tags, summary: "An institution's residents in the reader's reach, current first",
      params: Params, querystring: ListQuery, response: { 200: ResidentList, 404: ErrorBody },
    },
    handler: (request) => listResidents(door(request), request.params.id, { current: request.query.current === 'true' }),
  });

  app.get('/residents/:id', {
    config: { roles: ROLES },
    schema: { operationId: 'getResident', tags, summary: 'A resident with assessments, care plan, transition and follow-ups', params: Params, response: { 200: ResidentView, 404: ErrorBody } },
    handler: (request) => getResident(door(request), request.params.id),
  });

  app.post('/cases/:id/residents', {
    config: { roles: UNIT_ROLES },
    schema: {
      operationId: 'admitResident', tags, summary: "Admits the case's child to an institution (the case's placement); one current residence per child",
      params: Params, body: ResidentInput, response: { 201: ResidentView, ...WRITE_ERRORS },
    },
    handler: async (request, reply) => reply.code(201).send(await admitResident(door(request), request.params.id, request.body)),
  });

  app.post('/residents/:id', {
    config: { roles: ROLES },
    schema: { operationId: 'updateResident', tags, summary: "Updates the resident's admission reasons, parental rights and contact with the family", params: Params, body: ResidentUpdate, response: { 200: ResidentView, ...WRITE_ERRORS } },
    handler: (request) => updateResident(door(request), request.params.id, request.body),
  });

  app.post('/residents/:id/assessments', {
    config: { roles: ROLES },
    schema: { operationId: 'addDiAssessment', tags, summary: 'Records a DI assessment of the resident', params: Params, body: DiAssessmentInput, response: { 201: ResidentView, ...WRITE_ERRORS } },
    handler: async (request, reply) => reply.code(201).send(await addAssessment(door(request), request.params.id, request.body)),
  });

  app.post('/residents/:id/care-plan', {
    config: { roles: ROLES },
    schema: { operationId: 'saveDiCarePlan', tags, summary: "Saves the resident's individual care plan (target, target date, steps)", params: Params, body: CarePlanInput, response: { 200: ResidentView, ...WRITE_ERRORS } },
    handler: (request) => saveCarePlan(door(request), request.params.id, request.body),
  });

  app.post('/residents/:id/transition', {
    config: { roles: UNIT_ROLES },
    schema: {
      operationId: 'recordDiTransition', tags, summary: 'The transition out of the institution: the residence ends and the placement of the target kind starts',
      params: Params, body: TransitionInput, response: { 201: ResidentView, ...WRITE_ERRORS },
    },
    handler: async (request, reply) => reply.code(201).send(await recordTransition(door(request), request.params.id, request.body)),
  });

  app.post('/transitions/:id/follow-ups', {
    config: { roles: UNIT_ROLES },
    schema: { operationId: 'recordDiFollowUp', tags, summary: 'A follow-up visit after a transition (404 for an unknown transition)', params: Params, body: FollowUpInput, response: { 201: ResidentView, ...WRITE_ERRORS } },
    handler: async (request, reply) => reply.code(201).send(await recordFollowUp(door(request), request.params.id, request.body)),
  });
}
