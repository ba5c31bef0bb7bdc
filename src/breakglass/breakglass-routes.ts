import { z } from 'zod';
import { ErrorBody, Id } from '../domain/common-schema.ts';
import { requestDoor } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';
import { registerTaskSource } from '../tasks/task-sources.ts';
import { requestBreakGlass, myGrants, grantRecord } from './breakglass.ts';
import { breakGlassTasks, perUser, reviewGrant, unitGrants } from './breakglass-reviews.ts';
import {
  BREAK_GLASS_ROLES, BreakGlassAnswer, BreakGlassGrant, BreakGlassGrantList, BreakGlassRecord, BreakGlassRequest, BreakGlassReviewInput,
  BreakGlassReviewList, BreakGlassUserList, ReviewQuery,
} from './breakglass-schema.ts';

registerTaskSource(breakGlassTasks);

const tags = ['break-glass'];
const Params = z.strictObject({ id: Id });

/** Break-glass (emergency) access: ask, read through a grant, review, and the per-user counts. */
export async function breakGlassRoutes(app: App) {
  const door = requestDoor(app);

  app.post('/break-glass/requests', {
    config: { roles: BREAK_GLASS_ROLES },
    schema: {
      operationId: 'requestBreakGlass',
      tags,
      summary: 'Asks for emergency read-only access to a child out of reach, named by given and family name and birth date, with a reason; each matching record out of reach becomes a grant (the same answer shape with or without a match)',
      body: BreakGlassRequest,
      response: { 200: BreakGlassAnswer, 400: ErrorBody, 403: ErrorBody },
    },
    handler: (request) => requestBreakGlass(door(request), request.body, app.config.breakGlassHours),
  });

  app.get('/break-glass/grants', {
    config: { roles: BREAK_GLASS_ROLES },
    schema: { operationId: 'listMyBreakGlassGrants', tags, summary: 'The caller\'s own emergency access grants, newest first', response: { 200: BreakGlassGrantList } },
    handler: async (request) => ({ items: await myGrants(door(request)) }),
  });

  app.get('/break-glass/grants/:id', {
    config: { roles: BREAK_GLASS_ROLES },
    schema: {
      operationId: 'getBreakGlassRecord',
      tags,
      summary: 'The child\'s record through one of the caller\'s active grants: the child and a summary of the child\'s cases (read-only; 404 once expired)',
      params: Params,
      response: { 200: BreakGlassRecord, 404: ErrorBody },
    },
    handler: (request) => grantRecord(app.database.db, door(request), request.params.id),
  });

  app.get('/break-glass/reviews', {
    config: { roles: ['supervisor'] },
    schema: { operationId: 'listBreakGlassReviews', tags, summary: 'Emergency access grants on the unit\'s children, for its supervisor to review', querystring: ReviewQuery, response: { 200: BreakGlassReviewList, 400: ErrorBody } },
    handler: async (request) => ({ items: await unitGrants(door(request), request.query.state) }),
  });

  app.post('/break-glass/grants/:id/review', {
    config: { roles: ['supervisor'] },
    schema: {
      operationId: 'reviewBreakGlass',
      tags,
      summary: 'Reviews a grant on the unit\'s child as justified or not justified, with a note (once; a second review answers 409)',
      params: Params,
      body: BreakGlassReviewInput,
      response: { 200: BreakGlassGrant, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody.extend({ current: BreakGlassGrant.optional() }) },
    },
    handler: (request) => reviewGrant(door(request), request.params.id, request.body),
  });

  app.get('/break-glass/users', {
    config: { roles: ['supervisor', 'admin'] },
    schema: { operationId: 'listBreakGlassUsers', tags, summary: 'Per user: emergency access grants, justified, not justified and waiting for review (the unit\'s children; every unit for an administrator)', response: { 200: BreakGlassUserList } },
    handler: async (request) => ({ items: await perUser(door(request)) }),
  });
}
