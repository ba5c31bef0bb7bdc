import { z } from 'zod';
import {
  AssignableUsers, CaseAssignInput, CaseBulkAssignInput, CaseBulkAssignResult, CaseList, CaseListQuery, CaseOpenInput, CaseTimeline, CaseView, Caseload, ClosureRequestInput, DecisionInput, ReopenInput, ReturnInput,
} from './case-schema.ts';
import { ErrorBody, Id } from '../domain/common-schema.ts';
import { openCase } from './case-open.ts';
import { assignCases } from './case-bulk-assign.ts';
import { approveClosure, assignCase, assignableUsers, reopenCase, requestClosure, returnClosure } from './case-decisions.ts';
import { caseTimeline, caseViewAfterWrite, getCase, listCases } from './case-records.ts';
import { caseDeadlineTasks, caseload } from './case-tasks.ts';
import { caseFileName, readCaseFile } from './case-print.ts';
import { renderCaseFilePdf } from './case-print-pdf.ts';
import { LANGUAGES, isLanguage } from '../domain/i18n/i18n-resources.ts';
import { requestDoor, UNIT_ROLES, WRITE_ERRORS } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';
import { registerTaskSource } from '../tasks/task-sources.ts';

// Case deadlines and closures awaiting approval go on the task lists; registered once, when the routes load.
registerTaskSource(caseDeadlineTasks);

const tags = ['cases'];
const Params = z.strictObject({ id: Id });
const PrintQuery = z.strictObject({ lang: z.enum(LANGUAGES).optional() });
/** Partners and providers reach a case only through a grant (a meeting, a referral): the policy decides. */
const READ_ROLES = ['caseworker', 'supervisor', 'partner', 'provider', 'police_support'] as const;

/** Cases: the case itself, its list, timeline and caseload, and the actions on the case row. */
export async function casesRoutes(app: App) {
  const door = requestDoor(app);

  app.get('/cases', {
    config: { roles: READ_ROLES },
    schema: {
      operationId: 'listCases',
      tags,
      summary: "Cases in reach, newest first; owner=me|unassigned|<user id>, status (or 'active'), risk, overdue, q (part of the child's name)",
      querystring: CaseListQuery,
      response: { 200: CaseList, 400: ErrorBody },
    },
    handler: (request) => listCases(door(request), request.query),
  });

  app.post('/cases/search', {
    config: { roles: READ_ROLES },
    schema: {
      operationId: 'searchCases',
      tags,
      summary: 'The case list with its filters in the body: a name searched for stays out of URLs and access logs',
      body: CaseListQuery,
      response: { 200: CaseList, 400: ErrorBody },
    },
    handler: (request) => listCases(door(request), request.body),
  });

  app.post('/cases', {
    config: { roles: UNIT_ROLES },
    schema: { operationId: 'openCase', tags, summary: 'Opens a case for a child of the unit', body: CaseOpenInput, response: { 201: CaseView, ...WRITE_ERRORS } },
    handler: async (request, reply) => {
      const d = door(request);
      const kase = await openCase(d, request.body);
      return reply.code(201).send(await caseViewAfterWrite(d, kase.id));
    },
  });

  app.post('/cases/assign', {
    config: { roles: UNIT_ROLES },
    schema: {
      operationId: 'assignCases',
      tags,
      summary: 'The supervisor assigns up to 100 cases to one worker of the unit, all or none (404/409 name the refused ones by their index in caseIds)',
      body: CaseBulkAssignInput,
      response: { 200: CaseBulkAssignResult, ...WRITE_ERRORS },
    },
    handler: (request) => assignCases(door(request), request.body),
  });

  // Declared before /cases/:id; Fastify prefers the static segment anyway.
  app.get('/cases/caseload', {
    config: { roles: ['supervisor'] },
    schema: { operationId: 'getCaseload', tags, summary: "Each worker's active cases and overdue items in the supervisor's unit", response: { 200: Caseload, 403: ErrorBody } },
    handler: (request) => caseload(door(request)),
  });

  app.get('/cases/:id', {
    config: { roles: READ_ROLES },
    schema: { operationId: 'getCase', tags, params: Params, response: { 200: CaseView, 404: ErrorBody } },
    handler: (request) => getCase(door(request), request.params.id),
  });

  app.get('/cases/:id/print.pdf', {
    config: { roles: READ_ROLES },
    schema: {
      operationId: 'printCaseFile',
      tags,
      summary: "The case file as a PDF (for a court hearing or a supervision meeting) in `lang` (default: your language): only what you may see of the case and its sections, dates in the unit's time zone; audited (print_case). Named by the case's reference, never the child's name",
      params: Params,
      querystring: PrintQuery,
      response: { 200: z.any().describe('the case file as a PDF'), 400: ErrorBody, 404: ErrorBody },
    },
    handler: async (request, reply) => {
      const file = await readCaseFile(door(request), request.params.id);
      const language = request.query.lang ?? (isLanguage(file.readerLanguage) ? file.readerLanguage : 'en');
      const pdf = await renderCaseFilePdf(file, language);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${caseFileName(file.view)}"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  });

  app.get('/cases/:id/timeline', {
    config: { roles: READ_ROLES },
    schema: {
      operationId: 'getCaseTimeline',
      tags,
      summary: "Every step of the case, newest first (outside the unit: only the steps of the reader's organisation)",
      params: Params,
      response: { 200: CaseTimeline, 404: ErrorBody },
    },
    handler: (request) => caseTimeline(door(request), request.params.id),
  });

  app.get('/cases/:id/assignable-users', {
    config: { roles: ['supervisor'] },
    schema: {
      operationId: 'listCaseAssignableUsers',
      tags,
      summary: "Who may own the case: the active caseworkers and supervisors of its unit (for the supervisor assigning it; 409 when the case's status does not allow assigning)",
      params: Params,
      response: { 200: AssignableUsers, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
    handler: (request) => assignableUsers(door(request), request.params.id),
  });

  app.post('/cases/:id/assign', {
    config: { roles: UNIT_ROLES },
    schema: { operationId: 'assignCase', tags, summary: 'The supervisor assigns the case to a worker of the unit', params: Params, body: CaseAssignInput, response: { 200: CaseView, ...WRITE_ERRORS } },
    handler: (request) => assignCase(door(request), request.params.id, request.body),
  });

  app.post('/cases/:id/closure', {
    config: { roles: UNIT_ROLES },
    schema: { operationId: 'requestCaseClosure', tags, params: Params, body: ClosureRequestInput, response: { 200: CaseView, ...WRITE_ERRORS } },
    handler: (request) => requestClosure(door(request), request.params.id, request.body),
  });

  app.post('/cases/:id/closure/approve', {
    config: { roles: UNIT_ROLES },
    schema: {
      operationId: 'approveCaseClosure',
      tags,
      summary: "The supervisor closes the case; its referrals still open are withdrawn ('case_closed') and their providers' sight of them ends",
      params: Params,
      body: DecisionInput,
      response: { 200: CaseView, ...WRITE_ERRORS },
    },
    handler: (request) => approveClosure(door(request), request.params.id, request.body),
  });

  app.post('/cases/:id/closure/return', {
    config: { roles: UNIT_ROLES },
    schema: { operationId: 'returnCaseClosure', tags, params: Params, body: ReturnInput, response: { 200: CaseView, ...WRITE_ERRORS } },
    handler: (request) => returnClosure(door(request), request.params.id, request.body),
  });

  app.post('/cases/:id/reopen', {
    config: { roles: UNIT_ROLES },
    schema: { operationId: 'reopenCase', tags, params: Params, body: ReopenInput, response: { 200: CaseView, ...WRITE_ERRORS } },
    handler: (request) => reopenCase(door(request), request.params.id, request.body),
  });
}
