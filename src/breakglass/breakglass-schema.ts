import { z } from 'zod';
import { Id, Name, PastDate, Prose } from '../domain/common-schema.ts';
import { ChildView } from '../children/child-schema.ts';
import type { Role } from '../domain/roles.ts';

/**
 * Break-glass (emergency) access, issue 15 §6. A professional who cannot reach a child names the
 * child (given and family name and birth date, matched as the duplicate check matches) and says
 * why; each matching record out of their reach becomes a grant: read-only access to the child and
 * a summary of the child's cases, until the grant expires. The owning unit's supervisors are told
 * at once and review each grant as justified or not.
 */

/** Professional roles that may ask (DOMAIN.md): never monitors, trainers, admins or anyone signed out. */
export const BREAK_GLASS_ROLES = ['caseworker', 'supervisor', 'partner', 'provider', 'police_support'] as const satisfies readonly Role[];
/** The shortest reason accepted: a sentence, not a word. */
export const REASON_MIN = 20;
/** At most this many records become grants for one request (the same name and birth date, rarely more than one). */
export const MAX_MATCHES = 5;

export const BreakGlassRequest = z.strictObject({
  givenName: Name,
  familyName: Name,
  birthDate: PastDate,
  reason: Prose(2000).min(REASON_MIN, { message: `must be at least ${REASON_MIN} characters` }),
});
export type BreakGlassRequest = z.infer<typeof BreakGlassRequest>;

export const REVIEW_VERDICTS = ['justified', 'unjustified'] as const;
export const BreakGlassReviewInput = z.strictObject({
  verdict: z.enum(REVIEW_VERDICTS),
  note: Prose(2000),
});
export type BreakGlassReviewInput = z.infer<typeof BreakGlassReviewInput>;

/** A grant as its requester and the reviewing unit see it: who, why, until when, the review. No child data. */
export const BreakGlassGrant = z.object({
  id: Id,
  childId: Id,
  requesterName: z.string(),
  organisationName: z.string(),
  unitName: z.string(),
  reason: z.string(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  active: z.boolean(),
  review: z.enum(REVIEW_VERDICTS).nullable(),
  reviewNote: z.string().nullable(),
  reviewerName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});
export type BreakGlassGrant = z.infer<typeof BreakGlassGrant>;

/** The answer to a request: the same shape with or without a match. `inReach`: records the caller already reaches (no grant needed). */
export const BreakGlassAnswer = z.object({
  grants: z.array(BreakGlassGrant),
  inReach: z.array(z.object({ childId: Id })),
});

export const BreakGlassGrantList = z.object({ items: z.array(BreakGlassGrant) });

/**
 * A case as shown through a grant: enough to coordinate — whether it is open, its risk level, the
 * unit and worker who own it. No narrative: assessments, plans, contacts and notes stay with the
 * unit (DOMAIN.md: sensitive fields stay with the CPU); the requester calls the worker named here.
 */
export const BreakGlassCase = z.object({
  id: Id,
  ref: z.string(),
  status: z.string(),
  riskLevel: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  unitName: z.string(),
  ownerName: z.string().nullable(),
});
export type BreakGlassCase = z.infer<typeof BreakGlassCase>;

export const BreakGlassRecord = z.object({
  grant: BreakGlassGrant,
  child: ChildView,
  cases: z.array(BreakGlassCase),
});
export type BreakGlassRecord = z.infer<typeof BreakGlassRecord>;

export const ReviewState = z.enum(['pending', 'reviewed', 'all']);
export const ReviewQuery = z.strictObject({ state: ReviewState.default('all') });
/** A grant on the unit's child, for its supervisor: the child's name as the supervisor sees it. */
export const BreakGlassReviewRow = BreakGlassGrant.extend({ childName: z.string().nullable() });
export const BreakGlassReviewList = z.object({ items: z.array(BreakGlassReviewRow) });

/** Per user: how often they broke the glass and how the reviews went. */
export const BreakGlassUserRow = z.object({
  userId: Id,
  name: z.string(),
  username: z.string(),
  organisationName: z.string(),
  grants: z.number(),
  justified: z.number(),
  unjustified: z.number(),
  pending: z.number(),
});
export const BreakGlassUserList = z.object({ items: z.array(BreakGlassUserRow) });
