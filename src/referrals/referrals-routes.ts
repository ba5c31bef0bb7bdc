import { referralTasks } from './referral-tasks.ts';
import { z } from 'zod';
import { ErrorBody, Id } from '../domain/common-schema.ts';
import {
  ReferralAcceptInput, ReferralCompleteInput, ReferralDeclineInput, ReferralInput, ReferralList, ReferralListQuery,
  ReferralServiceInput, ReferralView, ReferralWithdrawInput,
} from './referral-schema.ts';
import {
  acceptReferral, completeReferral, declineReferral, getReferral, listCaseReferrals, listReferrals, makeReferral,
  recordReferralService, withdrawReferral,
} from './referrals.ts';
import { requestDoor, WRITE_ERRORS } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';
import { registerTaskSource } from '../tasks/task-sources.ts';

// Overdue referrals (the referrer's) and referrals to answer or complete (the provider's).
registerTaskSource(referralTasks);

const tags = ['referrals'];
const Params = z.strictObject({ id: Id });
/** Any organisation may be referred to; the policy decides per referral who is its provider and who its referrer. */
const ROLES = ['caseworker', 'supervisor', 'partner', 'provider'] as const;

/** Referrals: made on a case by its unit ('refer'), then answered and carried out by the provider. */
export async function referralsRoutes(app: App) {
  const door = requestDoor(app);

  app.post('/cases/:id/referrals', {
    config: { roles: ['caseworker', 'supervisor'] },
    schema: {
      operationId: 'makeReferral', tags,
      summary: 'Refers the child to a provider; needs both consents or a best-interests reason; gives the provider sight of the child',
      params: Params, body: ReferralInput, response: { 201: ReferralView, ...WRITE_ERRORS },
    },
    handler: async (request, reply) => reply.code(201).send(await makeReferral(door(request), request.params.id, request.body)),
  });

  app.get('/cases/:id/referrals', {
    config: { roles: ROLES },
    schema: { operationId: 'listCaseReferrals', tags, summary: "The case's referrals the reader may see", params: Params, response: { 200: ReferralList, 404: ErrorBody } },
    handler: (request) => listCaseReferrals(door(request), request.params.id),
  });

  app.get('/referrals', {
    config: { roles: ROLES },
    schema: {
      operationId: 'listReferrals', tags, summary: 'incoming: referrals to my organisation; outgoing: referrals my unit made',
      querystring: ReferralListQuery, response: { 200: ReferralList, 400: ErrorBody },
    },
    handler: (request) => listReferrals(door(request), request.query),
  });

  app.get('/referrals/:id', {
    config: { roles: ROLES },
    schema: { operationId: 'getReferral', tags, params: Params, response: { 200: ReferralView, 404: ErrorBody } },
    handler: (request) => getReferral(door(request), request.params.id),
  });

  app.post('/referrals/:id/accept', {
    config: { roles: ROLES },
    schema: { operationId: 'acceptReferral', tags, summary: 'The provider accepts; the completion deadline starts', params: Params, body: ReferralAcceptInput, response: { 200: ReferralView, ...WRITE_ERRORS } },
    handler: (request) => acceptReferral(door(request), request.params.id, request.body.version),
  });

  app.post('/referrals/:id/decline', {
    config: { roles: ROLES },
    schema: { operationId: 'declineReferral', tags, summary: "The provider declines with a reason; its sight of the child ends", params: Params, body: ReferralDeclineInput, response: { 200: ReferralView, ...WRITE_ERRORS } },
    handler: (request) => declineReferral(door(request), request.params.id, request.body),
  });

  app.post('/referrals/:id/services', {
    config: { roles: ROLES },
    schema: { operationId: 'recordReferralService', tags, summary: 'The provider records a service delivered (accepted referrals)', params: Params, body: ReferralServiceInput, response: { 200: ReferralView, ...WRITE_ERRORS } },
    handler: (request) => recordReferralService(door(request), request.params.id, request.body),
  });

  app.post('/referrals/:id/complete', {
    config: { roles: ROLES },
    schema: { operationId: 'completeReferral', tags, summary: 'The provider completes the referral with its outcome', params: Params, body: ReferralCompleteInput, response: { 200: ReferralView, ...WRITE_ERRORS } },
    handler: (request) => completeReferral(door(request), request.params.id, request.body),
  });

  app.post('/referrals/:id/withdraw', {
    config: { roles: ['caseworker', 'supervisor'] },
    schema: { operationId: 'withdrawReferral', tags, summary: "The referring unit withdraws; the provider's sight of the child ends", params: Params, body: ReferralWithdrawInput, response: { 200: ReferralView, ...WRITE_ERRORS } },
    handler: (request) => withdrawReferral(door(request), request.params.id, request.body),
  });
}
