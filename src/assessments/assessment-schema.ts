import { z } from 'zod';
import { ASSESSMENT_DOMAINS, ASSESSMENT_KINDS, NEED_LEVELS, PROTECTIVE_FACTORS, RISK_FACTORS, suggestRiskLevel } from '../cases/case-workflow.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';
import { Id, Instant, OptProse } from '../domain/common-schema.ts';

/**
 * Assessments of a case (initial, comprehensive by the seven domains, structured risk), as the
 * API and the web app exchange them. The same schema validates the form and the request, so the
 * rules below (all seven domains, the child heard or why not, a reason when the worker departs
 * from the suggested risk level) show on the form exactly as the server applies them.
 */

export const DomainEntry = z.strictObject({
  level: z.enum(NEED_LEVELS),
  needs: OptProse(5_000),
  strengths: OptProse(5_000),
});
export type DomainEntry = z.infer<typeof DomainEntry>;

/** One entry per domain; each is optional here and required for a comprehensive assessment. */
export const AssessmentDomains = z.strictObject({
  safety: DomainEntry.optional(),
  health: DomainEntry.optional(),
  education: DomainEntry.optional(),
  psychosocial: DomainEntry.optional(),
  family_caregiving: DomainEntry.optional(),
  economic: DomainEntry.optional(),
  legal_documents: DomainEntry.optional(),
});
export type AssessmentDomains = z.infer<typeof AssessmentDomains>;

export const AssessmentInput = z.strictObject({
  kind: z.enum(ASSESSMENT_KINDS),
  assessedAt: Instant,
  /** Required for the initial and the comprehensive assessment. */
  summary: OptProse(10_000),
  /** Comprehensive: all seven ASSESSMENT_DOMAINS. */
  domains: AssessmentDomains.nullable().optional(),
  /** Risk: the factors checked; the rule (suggestRiskLevel) suggests a level from them. */
  riskFactors: z.array(z.enum(RISK_FACTORS)).max(RISK_FACTORS.length).default([]),
  protectiveFactors: z.array(z.enum(PROTECTIVE_FACTORS)).max(PROTECTIVE_FACTORS.length).default([]),
  /** Risk: the level the worker sets. */
  riskLevel: z.enum(TAXONOMIES.riskLevel).nullable().optional(),
  /** Risk: required when riskLevel differs from the suggested level. */
  levelReason: OptProse(5_000),
  /** The child's own views, or why they could not be heard: one of the two on every assessment. */
  childViews: OptProse(10_000),
  childNotHeardReason: OptProse(5_000),
}).superRefine((v, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  // A small allowance for clock drift between the worker's device and the server.
  if (new Date(v.assessedAt).getTime() > Date.now() + 5 * 60_000) issue(['assessedAt'], 'cannot be in the future');
  if (!v.childViews && !v.childNotHeardReason) issue(['childViews'], "is required (or say why the child could not be heard)");
  if (v.kind !== 'risk') {
    if (!v.summary) issue(['summary'], 'is required');
    if (v.riskFactors.length || v.protectiveFactors.length) issue(['riskFactors'], 'belong to a risk assessment only');
    if (v.riskLevel) issue(['riskLevel'], 'is set by a risk assessment only');
  }
  if (v.kind === 'comprehensive') {
    for (const d of ASSESSMENT_DOMAINS) if (!v.domains?.[d]) issue(['domains', d], 'is required: assess all seven domains');
  } else if (v.domains) {
    issue(['domains'], 'belong to a comprehensive assessment only');
  }
  if (v.kind === 'risk') {
    if (new Set(v.riskFactors).size !== v.riskFactors.length) issue(['riskFactors'], 'lists a factor twice');
    if (new Set(v.protectiveFactors).size !== v.protectiveFactors.length) issue(['protectiveFactors'], 'lists a factor twice');
    if (!v.riskLevel) issue(['riskLevel'], 'is required');
    else if (v.riskLevel !== suggestRiskLevel(v.riskFactors, v.protectiveFactors) && !v.levelReason) {
      issue(['levelReason'], 'is required when the level differs from the suggested one');
    }
  }
});
export type AssessmentInput = z.input<typeof AssessmentInput>;
export type AssessmentInputParsed = z.output<typeof AssessmentInput>;

export const AssessmentView = z.object({
  id: Id,
  caseId: Id,
  kind: z.enum(ASSESSMENT_KINDS),
  assessedAt: z.string(),
  summary: z.string().nullable(),
  domains: AssessmentDomains.nullable(),
  riskFactors: z.array(z.enum(RISK_FACTORS)),
  protectiveFactors: z.array(z.enum(PROTECTIVE_FACTORS)),
  suggestedLevel: z.enum(TAXONOMIES.riskLevel).nullable(),
  riskLevel: z.enum(TAXONOMIES.riskLevel).nullable(),
  levelReason: z.string().nullable(),
  childViews: z.string().nullable(),
  childNotHeardReason: z.string().nullable(),
  authorName: z.string().nullable(),
  authorOrgName: z.string().nullable(),
  createdAt: z.string(),
});
export type AssessmentView = z.infer<typeof AssessmentView>;

export const RISK_LEVEL_SOURCES = ['screening', 'opening', 'risk_assessment', 'plan_review', 'import'] as const;
export const RiskHistoryEntry = z.object({
  level: z.enum(TAXONOMIES.riskLevel),
  source: z.enum(RISK_LEVEL_SOURCES),
  setAt: z.string(),
  setByName: z.string().nullable(),
});
export type RiskHistoryEntry = z.infer<typeof RiskHistoryEntry>;

/** The case's assessments (newest first) and its risk level history (oldest first). */
export const AssessmentList = z.object({ items: z.array(AssessmentView), riskHistory: z.array(RiskHistoryEntry) });
export type AssessmentList = z.infer<typeof AssessmentList>;
