import type { z } from 'zod';
import { ASSESSMENT_DOMAINS, type ProtectiveFactor, type RiskFactor } from '../../cases/case-workflow.ts';
import { AssessmentInput } from '../../assessments/assessment-schema.ts';
import { ContactInput } from '../../contacts/contact-schema.ts';
import { PlacementInput } from '../../placements/placement-schema.ts';
import { PlanReviewInput } from '../../plans/plan-schema.ts';
import { ReferralInput } from '../../referrals/referral-schema.ts';
import { type EveryInputKey, fieldNames, sameKeys } from '../app/form-schema.ts';
import { withLocalOffset } from '../signals/signal-form.ts';
import { consentNeedsReason, orNull, riskReasonRequired } from '../cases/form-kit.ts';
import type { AssessmentKind, ConsentAnswer, DomainCode, RiskLevel } from './types.ts';

/**
 * The casework forms' values (as the inputs hold them), their fields (read from the input
 * schemas) and their mappers to the API input. Each mapper returns `EveryInputKey<typeof X>`: a
 * field of the schema it forgets (or one the schema does not have) does not compile. A field that
 * does not apply (the domains of a risk assessment) is named and left undefined, which JSON drops.
 */

/** Whether the child was heard: a form-only choice that says which of childViews / childNotHeardReason applies. */
type ChildHeard = '' | 'yes' | 'no';
const heardViews = (heard: ChildHeard, views: string) => (heard === 'yes' ? views.trim() : null);
const notHeardReason = (heard: ChildHeard, reason: string) => (heard === 'no' ? reason.trim() : null);

/** react-hook-form gives a lone checkbox's value as a string, a group's as a list. */
export function asList<T extends string>(v: T[] | T | false | undefined): T[] {
  return Array.isArray(v) ? v : v ? [v] : [];
}

export interface AssessmentValues {
  assessedAt: string;
  summary: string;
  domains: Record<DomainCode, { level: string; needs: string; strengths: string }>;
  riskFactors: RiskFactor[];
  protectiveFactors: ProtectiveFactor[];
  riskLevel: string;
  levelReason: string;
  childHeard: ChildHeard;
  childViews: string;
  childNotHeardReason: string;
}
/** The kind is the page's; `childHeard` is the form's own question. */
export const ASSESSMENT_FIELDS = [...fieldNames(AssessmentInput, ['kind']), 'childHeard'] as const;
sameKeys<Omit<AssessmentValues, 'childHeard'>, Omit<z.input<typeof AssessmentInput>, 'kind'>>();

export function toAssessmentInput(v: AssessmentValues, kind: AssessmentKind, suggested: RiskLevel): EveryInputKey<typeof AssessmentInput> {
  const risk = kind === 'risk';
  const domains = Object.fromEntries(ASSESSMENT_DOMAINS.map((d) => [d, { level: v.domains[d].level, needs: orNull(v.domains[d].needs), strengths: orNull(v.domains[d].strengths) }]));
  return {
    kind,
    assessedAt: withLocalOffset(v.assessedAt),
    summary: orNull(v.summary),
    domains: kind === 'comprehensive' ? (domains as never) : undefined,
    riskFactors: risk ? asList(v.riskFactors) : undefined,
    protectiveFactors: risk ? asList(v.protectiveFactors) : undefined,
    riskLevel: risk ? (v.riskLevel as never) : undefined,
    levelReason: risk ? (riskReasonRequired(v.riskLevel, suggested) ? v.levelReason.trim() : null) : undefined,
    childViews: heardViews(v.childHeard, v.childViews),
    childNotHeardReason: notHeardReason(v.childHeard, v.childNotHeardReason),
  };
}

export interface ContactValues { kind: string; occurredAt: string; present: string; childSeen: boolean; childHeardAlone: boolean; notHeardReason: string; notes: string }
export const CONTACT_FIELDS = fieldNames(ContactInput);
sameKeys<ContactValues, z.input<typeof ContactInput>>();

export function toContactInput(v: ContactValues): EveryInputKey<typeof ContactInput> {
  return {
    kind: v.kind as never,
    occurredAt: withLocalOffset(v.occurredAt),
    present: v.present.split(/[,\n]/).map((p) => p.trim()).filter(Boolean),
    childSeen: v.childSeen,
    childHeardAlone: v.childHeardAlone,
    notHeardReason: v.childHeardAlone ? null : v.notHeardReason.trim(),
    notes: orNull(v.notes),
  };
}

export interface PlacementValues { kind: string; providerOrgId: string; carerName: string; startedOn: string; notes: string }
export const PLACEMENT_FIELDS = fieldNames(PlacementInput);
sameKeys<PlacementValues, z.input<typeof PlacementInput>>();

/** A provider organisation or a carer, not both: the one not chosen is left out. */
export function toPlacementInput(v: PlacementValues): EveryInputKey<typeof PlacementInput> {
  return {
    kind: v.kind as never,
    providerOrgId: v.providerOrgId || undefined,
    carerName: v.providerOrgId ? undefined : v.carerName.trim(),
    startedOn: v.startedOn,
    notes: orNull(v.notes),
  };
}

export interface ReferralValues { providerOrgId: string; service: string; request: string; consentChild: ConsentAnswer | ''; consentCaregiver: ConsentAnswer | ''; bestInterestsReason: string }
export const REFERRAL_FIELDS = fieldNames(ReferralInput);
sameKeys<ReferralValues, z.input<typeof ReferralInput>>();

export function toReferralInput(v: ReferralValues): EveryInputKey<typeof ReferralInput> {
  return {
    providerOrgId: v.providerOrgId,
    service: v.service as never,
    request: v.request.trim(),
    consentChild: v.consentChild as never,
    consentCaregiver: v.consentCaregiver as never,
    bestInterestsReason: consentNeedsReason(v.consentChild, v.consentCaregiver) ? orNull(v.bestInterestsReason) : null,
  };
}

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
