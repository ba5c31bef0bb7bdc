import { z } from 'zod';
import { AssessmentInput, AssessmentList, AssessmentView } from './assessment-schema.ts';
import { ErrorBody, Id } from '../domain/common-schema.ts';
import { listAssessments, recordAssessment } from './assessments.ts';
import { requestDoor } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';

const tags = ['assessments'];
const Params = z.strictObject({ id: Id });
/** Readers outside the unit get only what their organisation wrote (usually nothing). */
const READ_ROLES = ['caseworker', 'supervisor', 'partner', 'provider', 'police_support'] as const;

/** The assessments capability's routes (under /api/v1): initial, comprehensive and risk assessments of a case. */
export async function assessmentsRoutes(app: App) {
  const door = requestDoor(app);

  app.get('/cases/:id/assessments', {
    config: { roles: READ_ROLES },
    schema: {
      operationId: 'listCaseAssessments',
      tags,
      summary: "A case's assessments (newest first) and its risk level history",
      params: Params,
      response: { 200: AssessmentList, 404: ErrorBody },
    },
    handler: (request) => listAssessments(door(request), request.params.id),
  });

  app.post('/cases/:id/assessments', {
    config: { roles: ['caseworker', 'supervisor'] },
    schema: {
      operationId: 'recordCaseAssessment',
      tags,
      summary: 'Records an assessment; the initial one moves an open case to assessed, a risk assessment sets the risk level',
      params: Params,
      body: AssessmentInput,
      response: { 201: AssessmentView, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await recordAssessment(door(request), request.params.id, request.body)),
  });
}
