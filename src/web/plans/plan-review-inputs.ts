import type { z } from 'zod';
import { PlanReviewInput } from '../../plans/plan-schema.ts';
import { type EveryInputKey, fieldNames, sameKeys } from '../app/form-schema.ts';
import { type ChildHeard, heardViews, notHeardReason } from '../cases/form-kit.ts';
import { withLocalOffset } from '../signals/signal-form.ts';

/**
 * The plan review form's values (as the inputs hold them), its fields (read from the input schema) and
 * its mapper to the API input. The mapper returns `EveryInputKey<typeof X>`: a field of the schema
 * it forgets (or one the schema does not have) does not compile.
 */

export interface ReviewValues { reviewedAt: string; summary: string; riskLevel: string; childHeard: ChildHeard; childViews: string; childNotHeardReason: string }
export const REVIEW_FIELDS = [...fieldNames(PlanReviewInput), 'childHeard'] as const;
sameKeys<Omit<ReviewValues, 'childHeard'>, z.input<typeof PlanReviewInput>>();

export function toReviewInput(v: ReviewValues): EveryInputKey<typeof PlanReviewInput> {
  return {
    reviewedAt: withLocalOffset(v.reviewedAt),
    summary: v.summary.trim(),
    childViews: heardViews(v.childHeard, v.childViews),
    childNotHeardReason: notHeardReason(v.childHeard, v.childNotHeardReason),
    riskLevel: (v.riskLevel || null) as never,
  };
}
