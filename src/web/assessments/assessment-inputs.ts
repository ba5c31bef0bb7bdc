import type { z } from 'zod';
import { ASSESSMENT_DOMAINS, type ProtectiveFactor, type RiskFactor } from '../../cases/case-workflow.ts';
import { AssessmentInput } from '../../assessments/assessment-schema.ts';
import { type EveryInputKey, fieldNames, sameKeys } from '../app/form-schema.ts';
import { asList, type ChildHeard, heardViews, notHeardReason, orNull } from '../cases/form-kit.ts';
import { withLocalOffset } from '../signals/signal-form.ts';
import type { AssessmentKind, DomainCode, RiskLevel } from './types.ts';

/**
 * The assessment form's values (as the inputs hold them), its fields (read from the input schema)
 * and its mapper to the API input. The mapper returns `EveryInputKey<typeof AssessmentInput>`: a
 * field of the schema it forgets (or one the schema does not have) does not compile. A field that
 * does not apply (the domains of a risk assessment) is named and left undefined, which JSON drops.
 */

/** A chosen level other than the suggested one needs a reason (brief: levelReason). */
export function riskReasonRequired(chosen: string, suggested: RiskLevel): boolean {
  return chosen !== '' && chosen !== suggested;
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
