import { z } from 'zod';
import { ErrorBody, Id, PastDate } from '../domain/common-schema.ts';
import {
  AdmissionCreated, AdmissionInput, AdmissionList, AdmissionQuery, AdmissionView, BedsFreeList, BedsFreeQuery, DischargeInput, FollowUpInput,
  LinkInput, PlanInput, StepInput,
} from './shelter-schema.ts';
import { admitChildren, getAdmission, linkAdmission, listAdmissions } from './admissions.ts';
import { addPlanStep, completePlanStep, dischargeChild, recordFollowUp, setPlanGoal } from './shelter-stay.ts';
import { bedsFree } from './shelter-capacity.ts';
import { shelterLinkTasks } from './shelter-tasks.ts';
import { registerTaskSource } from '../tasks/task-sources.ts';
import { requestDoor, UNIT_ROLES, WRITE_ERRORS } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';

registerTaskSource(shelterLinkTasks);

const tags = ['shelters'];
const Params = z.strictObject({ id: Id });
/** The shelter's staff are `provider`s of a shelter organisation (each function checks the sector); the responsible unit reads and links. */
const READ_ROLES = ['caseworker', 'supervisor', 'provider'] as const;
const STAFF = ['provider'] as const;

/** The emergency shelter: admissions, the stay's plan, discharge and follow-up; beds free now. */
export async function sheltersRoutes(app: App) {
  const door = requestDoor(app);

  app.get('/shelters/beds-free', {
    config: { roles: ['caseworker', 'supervisor', 'police_support', 'provider'] },
    schema: { operationId: 'shelterBedsFree', tags, summary: "Beds and mother-and-child places free now in the shelters of the reader's country (or a region): counts only", querystring: BedsFreeQuery, response: { 200: BedsFreeList, 403: ErrorBody } },
    handler: (request) => bedsFree(door(request), request.query.region),
  });

  app.get('/shelter-admissions', {
    config: { roles: READ_ROLES },
    schema: { operationId: 'listShelterAdmissions', tags, summary: "The shelter's stays (its staff) or the stays of the unit's children (the unit); current ones by default", querystring: AdmissionQuery, response: { 200: AdmissionList } },
    handler: (request) => listAdmissions(door(request), request.query),
  });

  app.post('/shelter-admissions', {
    config: { roles: STAFF },
    schema: {
      operationId: 'admitToShelter', tags, summary: 'Admits a child, or siblings together; an emergency admission (no case yet) is to be linked to a case within the country deadline',
      body: AdmissionInput, response: { 201: AdmissionCreated, ...WRITE_ERRORS },
    },
    handler: async (request, reply) => reply.code(201).send(await admitChildren(door(request), request.body)),
  });

  app.get('/shelter-admissions/:id', {
    config: { roles: READ_ROLES },
    schema: { operationId: 'getShelterAdmission', tags, summary: 'One stay, as the reader may see it', params: Params, response: { 200: AdmissionView, 404: ErrorBody } },
    handler: (request) => getAdmission(door(request), request.params.id),
  });

  app.post('/shelter-admissions/:id/link', {
    config: { roles: UNIT_ROLES },
    schema: { operationId: 'linkShelterAdmission', tags, summary: "The responsible unit links the stay to its case of the child: the case's placement is written from it", params: Params, body: LinkInput, response: { 200: AdmissionView, ...WRITE_ERRORS } },
    handler: (request) => linkAdmission(door(request), request.params.id, request.body),
  });

  app.post('/shelter-admissions/:id/plan', {
    config: { roles: STAFF },
    schema: { operationId: 'setShelterPlanGoal', tags, summary: "Sets the goal of the stay's reintegration plan", params: Params, body: PlanInput, response: { 200: AdmissionView, ...WRITE_ERRORS } },
    handler: (request) => setPlanGoal(door(request), request.params.id, request.body.goal),
  });

  app.post('/shelter-admissions/:id/plan/steps', {
    config: { roles: STAFF },
    schema: { operationId: 'addShelterPlanStep', tags, summary: 'Adds a step to the reintegration plan, with its owner and date', params: Params, body: StepInput, response: { 200: AdmissionView, ...WRITE_ERRORS } },
    handler: (request) => addPlanStep(door(request), request.params.id, request.body),
  });

  app.post('/shelter-admissions/:id/plan/steps/done', {
    config: { roles: STAFF },
    schema: {
      operationId: 'completeShelterPlanStep', tags, summary: 'Marks a step of the reintegration plan done', params: Params,
      body: z.strictObject({ stepId: Id, doneOn: PastDate }), response: { 200: AdmissionView, ...WRITE_ERRORS },
    },
    handler: (request) => completePlanStep(door(request), request.params.id, request.body.stepId, request.body.doneOn),
  });

  app.post('/shelter-admissions/:id/discharge', {
    config: { roles: STAFF },
    schema: { operationId: 'dischargeFromShelter', tags, summary: "Discharges the child (date, destination, with whom); the case's placement ends the same day", params: Params, body: DischargeInput, response: { 200: AdmissionView, ...WRITE_ERRORS } },
    handler: (request) => dischargeChild(door(request), request.params.id, request.body),
  });

  app.post('/shelter-admissions/:id/follow-up', {
    config: { roles: STAFF },
    schema: { operationId: 'recordShelterFollowUp', tags, summary: 'Records the follow-up contact after the discharge', params: Params, body: FollowUpInput, response: { 200: AdmissionView, ...WRITE_ERRORS } },
    handler: (request) => recordFollowUp(door(request), request.params.id, request.body),
  });
}
