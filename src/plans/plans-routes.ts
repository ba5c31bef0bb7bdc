import { z } from 'zod';
import { DecisionInput, ReturnInput } from '../cases/case-schema.ts';
import { ErrorBody, Id } from '../domain/common-schema.ts';
import { PlanActionDetail, PlanActionPatch, PlanActionView, PlanConflict, PlanExistsConflict, PlanInput, PlanList, PlanReviewInput, PlanUpdateInput, PlanView } from './plan-schema.ts';
import { getPlanAction, patchPlanAction, planTasks } from './plan-actions.ts';
import { listPlans } from './plan-views.ts';
import { approvePlan, createPlan, returnPlan, reviewPlan, savePlan, submitPlan } from './plans.ts';
import { requestDoor } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';
import { registerTaskSource } from '../tasks/task-sources.ts';

// Plans awaiting approval and plan actions coming due; registered once, when the routes load.
registerTaskSource(planTasks);

const tags = ['plans'];
const CaseParams = z.strictObject({ id: Id });
const PlanParams = z.strictObject({ id: Id, planId: Id });
const UNIT = ['caseworker', 'supervisor'] as const;
/** Readers outside the unit see only the actions their organisation is responsible for. */
const READ_ROLES = ['caseworker', 'supervisor', 'partner', 'provider', 'police_support'] as const;
const WriteErrors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } as const;

/** The plans capability's routes (under /api/v1): the Individual Protection Plan of a case. */
export async function plansRoutes(app: App) {
  const door = requestDoor(app);

  app.get('/cases/:id/plans', {
    config: { roles: READ_ROLES },
    schema: { operationId: 'listCasePlans', tags, summary: "A case's plans, newest first", params: CaseParams, response: { 200: PlanList, 404: ErrorBody } },
    handler: (request) => listPlans(door(request), request.params.id),
  });

  app.post('/cases/:id/plans', {
    config: { roles: UNIT },
    schema: { operationId: 'createCasePlan', tags, summary: 'Starts a plan (one in preparation at a time)', params: CaseParams, body: PlanInput, response: { 201: PlanView, ...WriteErrors, 409: PlanExistsConflict } },
    handler: async (request, reply) => reply.code(201).send(await createPlan(door(request), request.params.id, request.body)),
  });

  app.put('/cases/:id/plans/:planId', {
    config: { roles: UNIT },
    schema: {
      operationId: 'saveCasePlan',
      tags,
      summary: 'Saves the whole plan over the version opened; a stale version answers 409 with the current plan and who changed it',
      params: PlanParams,
      body: PlanUpdateInput,
      response: { 200: PlanView, ...WriteErrors, 409: PlanConflict },
    },
    handler: (request) => {
      const { version, ...plan } = request.body;
      return savePlan(door(request), request.params.id, request.params.planId, { ...plan, version });
    },
  });

  app.post('/cases/:id/plans/:planId/submit', {
    config: { roles: UNIT },
    schema: { operationId: 'submitCasePlan', tags, params: PlanParams, body: DecisionInput, response: { 200: PlanView, ...WriteErrors } },
    handler: (request) => submitPlan(door(request), request.params.id, request.params.planId, request.body.version),
  });

  app.post('/cases/:id/plans/:planId/approve', {
    config: { roles: UNIT },
    schema: { operationId: 'approveCasePlan', tags, summary: 'A supervisor of the owning unit puts the plan in force', params: PlanParams, body: DecisionInput, response: { 200: PlanView, ...WriteErrors } },
    handler: (request) => approvePlan(door(request), request.params.id, request.params.planId, request.body.version),
  });

  app.post('/cases/:id/plans/:planId/return', {
    config: { roles: UNIT },
    schema: { operationId: 'returnCasePlan', tags, params: PlanParams, body: ReturnInput, response: { 200: PlanView, ...WriteErrors } },
    handler: (request) => returnPlan(door(request), request.params.id, request.params.planId, request.body),
  });

  app.post('/cases/:id/plans/:planId/reviews', {
    config: { roles: UNIT },
    schema: { operationId: 'reviewCasePlan', tags, summary: 'Records a review of the plan in force', params: PlanParams, body: PlanReviewInput, response: { 201: PlanView, ...WriteErrors } },
    handler: async (request, reply) => reply.code(201).send(await reviewPlan(door(request), request.params.id, request.params.planId, request.body)),
  });

  app.get('/plan-actions/:id', {
    config: { roles: READ_ROLES },
    schema: {
      operationId: 'getPlanAction',
      tags,
      summary: "One plan action: for the organisation responsible for it (with no other reach to the case) and the case's readers who see it; only the action, its goal, due date and status, and the child's identity fields shared with the reader's sector",
      params: CaseParams,
      response: { 200: PlanActionDetail, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    handler: (request) => getPlanAction(door(request), request.params.id),
  });

  app.patch('/plan-actions/:id', {
    config: { roles: READ_ROLES },
    schema: {
      operationId: 'updatePlanAction',
      tags,
      summary: "Records an action's status: the owning unit, or the organisation responsible for it",
      params: CaseParams,
      body: PlanActionPatch,
      response: { 200: PlanActionView, ...WriteErrors },
    },
    handler: (request) => patchPlanAction(door(request), request.params.id, request.body),
  });
}
