import { z } from 'zod';
import { CONSENT_ANSWERS, REFERRAL_ACTIONS, REFERRAL_STATUSES, REFERRAL_WITHDRAWAL_CODES, SERVICES } from '../cases/case-workflow.ts';
import { Id, OptProse, PastDate, Prose } from '../domain/common-schema.ts';
import { Version } from '../cases/case-schema.ts';
import { SortParam } from '../domain/list-sort.ts';

/**
 * Referrals of a case's child to a service provider, as the API and the web app exchange them.
 * The provider sees only what a referral shares: the child's identity, the service, the request,
 * the consent and the status — never the case's narrative, assessments or contacts.
 */

export const ReferralInput = z.strictObject({
  providerOrgId: Id,
  service: z.enum(SERVICES),
  /** What is asked of the provider: shared with it. */
  request: Prose(5_000),
  consentChild: z.enum(CONSENT_ANSWERS),
  consentCaregiver: z.enum(CONSENT_ANSWERS),
  /** Required unless both consents are 'given': sharing without consent needs a recorded reason. */
  bestInterestsReason: OptProse(5_000),
}).superRefine((v, ctx) => {
  const consented = v.consentChild === 'given' && v.consentCaregiver === 'given';
  if (!consented && !v.bestInterestsReason) {
    ctx.addIssue({ code: 'custom', path: ['bestInterestsReason'], message: 'is required unless the child and the caregiver both consent' });
  }
});
export type ReferralInput = z.infer<typeof ReferralInput>;

export const ReferralAcceptInput = z.strictObject({ version: Version });
export const ReferralDeclineInput = z.strictObject({ reason: Prose(5_000), version: Version });
export const ReferralCompleteInput = z.strictObject({ outcome: Prose(5_000), version: Version });
export const ReferralWithdrawInput = z.strictObject({ reason: Prose(5_000), version: Version });
export const ReferralServiceInput = z.strictObject({
  deliveredOn: PastDate,
  description: Prose(5_000),
  sessions: z.number().int().min(1).max(1_000).nullable().optional(),
});
export type ReferralDeclineInput = z.infer<typeof ReferralDeclineInput>;
export type ReferralCompleteInput = z.infer<typeof ReferralCompleteInput>;
export type ReferralWithdrawInput = z.infer<typeof ReferralWithdrawInput>;
export type ReferralServiceInput = z.infer<typeof ReferralServiceInput>;

export const ReferralServiceView = z.object({
  id: Id,
  deliveredOn: z.string(),
  description: z.string(),
  sessions: z.number().nullable(),
  recordedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type ReferralServiceView = z.infer<typeof ReferralServiceView>;

export const ReferralView = z.object({
  id: Id,
  caseId: Id,
  /** The child's identity, shared with the provider so it can deliver the service. */
  child: z.object({ id: Id, givenName: z.string(), familyName: z.string(), sex: z.string(), birthDate: z.string().nullable() }),
  unitId: Id,
  unitName: z.string(),
  providerOrgId: Id,
  providerName: z.string(),
  service: z.enum(SERVICES),
  request: z.string(),
  consentChild: z.enum(CONSENT_ANSWERS),
  consentCaregiver: z.enum(CONSENT_ANSWERS),
  bestInterestsReason: z.string().nullable(),
  status: z.enum(REFERRAL_STATUSES),
  referredAt: z.string(),
  referredByName: z.string().nullable(),
  respondBy: z.string(),
  completeBy: z.string().nullable(),
  respondedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  completedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  /** Why it was withdrawn: 'unit' (the reason in words above) or 'case_closed' (the case's closure withdrew it). */
  withdrawnCode: z.enum(REFERRAL_WITHDRAWAL_CODES).nullable(),
  services: z.array(ReferralServiceView),
  /** Pending past respond_by, or accepted and not completed past complete_by. */
  overdue: z.boolean(),
  /** What the reader may do now: REFERRAL_WORKFLOW for the status, narrowed by provider/referrer. */
  allowed: z.array(z.enum(REFERRAL_ACTIONS)),
  version: z.number(),
});
export type ReferralView = z.infer<typeof ReferralView>;

export const ReferralList = z.object({ items: z.array(ReferralView) });
export type ReferralList = z.infer<typeof ReferralList>;

export const REFERRAL_SORTS = ['referredAt', 'respondBy', 'status'] as const;
export const ReferralListQuery = z.strictObject({
  /** incoming: referrals to my organisation (provider); outgoing: referrals my unit made. */
  direction: z.enum(['incoming', 'outgoing']).default('incoming'),
  status: z.enum(REFERRAL_STATUSES).optional(),
  /** Newest first unless given; respondBy: the answer's deadline. */
  sort: SortParam(REFERRAL_SORTS),
});
export type ReferralListQuery = z.infer<typeof ReferralListQuery>;
