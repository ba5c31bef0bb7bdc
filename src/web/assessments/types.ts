import type { ASSESSMENT_DOMAINS, ASSESSMENT_KINDS, NEED_LEVELS } from '../../cases/case-workflow.ts';

/** The assessments' views, from the shared API schemas (src/assessments/assessment-schema.ts). */
export type { AssessmentList, AssessmentView, RiskHistoryEntry } from '../../assessments/assessment-schema.ts';

export type RiskLevel = 'low' | 'medium' | 'high';
export type NeedLevel = (typeof NEED_LEVELS)[number];
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];
export type DomainCode = (typeof ASSESSMENT_DOMAINS)[number];
