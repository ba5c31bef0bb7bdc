import type { ASSESSMENT_DOMAINS, ASSESSMENT_KINDS, CONSENT_ANSWERS, NEED_LEVELS } from '../../cases/case-workflow.ts';

/** The casework views, from the shared API schemas (src/domain/schemas/{assessment,plan,referral,contact}.ts). */
export type { AssessmentList, AssessmentView, RiskHistoryEntry } from '../../assessments/assessment-schema.ts';
export type { PlanActionDetail, PlanActionView, PlanList, PlanReviewView, PlanView } from '../../plans/plan-schema.ts';
export type { ContactView } from '../../contacts/contact-schema.ts';
export type { PlacementView } from '../../placements/placement-schema.ts';
export type { ReferralList, ReferralServiceView, ReferralView } from '../../referrals/referral-schema.ts';

export type RiskLevel = 'low' | 'medium' | 'high';
export type NeedLevel = (typeof NEED_LEVELS)[number];
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];
export type DomainCode = (typeof ASSESSMENT_DOMAINS)[number];
export type ConsentAnswer = (typeof CONSENT_ANSWERS)[number];

/** What the provider picker needs of GET /organisations (open to every signed-in user). */
export interface OrganisationOption { id: string; name: string; sector: string; isProtectionUnit: boolean }
