import type { CaseAction, ProtectiveFactor, RiskFactor } from '../cases/case-workflow.ts';
import { suggestRiskLevel } from '../cases/case-workflow.ts';
import type { AssessmentDomains, AssessmentInput, AssessmentList, AssessmentView, RiskHistoryEntry } from './assessment-schema.ts';
import { AssessmentInput as AssessmentInputSchema } from './assessment-schema.ts';
import { type CaseContext, actorUserId, authorOrg, readCase, withCase } from '../cases/case-context.ts';
import { caseSectionVisible } from '../cases/case-reach.ts';
import type { Door } from '../policy/door.ts';
import { iso } from '../domain/dates.ts';

/**
 * Assessments of a case and its risk level history. Every write goes through withCase with the
 * action of its kind; the initial assessment moves an open case to 'assessed' (statusAfter), and
 * a risk assessment (or a plan review) that changes the level updates the case, appends to its
 * history and puts a 'risk_changed' step on the timeline, in the same transaction.
 */

type Risk = 'high' | 'medium' | 'low';

const ACTION_OF_KIND: Record<'initial' | 'comprehensive' | 'risk', CaseAction> = {
  initial: 'record_initial_assessment',
  comprehensive: 'record_comprehensive_assessment',
  risk: 'record_risk_assessment',
};

/**
 * Sets the case's risk level, inside the caller's withCase: history row always (the level was
 * assessed, even if unchanged), case row and timeline step only when it changed.
 */
export async function setCaseRiskLevel(
  door: Door,
  ctx: CaseContext,
  level: Risk,
  source: 'risk_assessment' | 'plan_review',
  sourceId: string,
): Promise<boolean> {
  const { tx, kase } = ctx;
  await tx
    .insertInto('case_risk_levels')
    .values({ country: kase.country, case_id: kase.id, level, source, source_id: sourceId, set_by: actorUserId(door), author_org_id: authorOrg(door, kase) })
    .execute();
  if (level === kase.risk_level) return false;
  await tx.updateTable('cases').set({ risk_level: level }).where('country', '=', kase.country).where('id', '=', kase.id).execute();
  await ctx.event('risk_changed', { entity: source === 'risk_assessment' ? 'assessment' : 'plan_review', entityId: sourceId, detail: { from: kase.risk_level, to: level, source } });
  return true;
}

/** POST /cases/:id/assessments. */
export async function recordAssessment(door: Door, caseId: string, raw: AssessmentInput): Promise<AssessmentView> {
  // The route validated already; parsing again here keeps the rule in force for any other caller.
  const input = AssessmentInputSchema.parse(raw);
  const action = ACTION_OF_KIND[input.kind];
  const suggested = input.kind === 'risk' ? suggestRiskLevel(input.riskFactors as RiskFactor[], input.protectiveFactors as ProtectiveFactor[]) : null;
  // The risk level and the initial assessment date are the case row's own columns: bump its version.
  const touch = input.kind !== 'comprehensive';
  const id = await withCase(door, caseId, action, async (ctx) => {
    const { tx, kase } = ctx;
    const row = await tx
      .insertInto('assessments')
      .values({
        country: kase.country,
        case_id: kase.id,
        kind: input.kind,
        assessed_at: input.assessedAt,
        summary: input.summary || null,
        domains: input.kind === 'comprehensive' ? JSON.stringify(input.domains) : null,
        risk_factors: input.kind === 'risk' ? input.riskFactors : [],
        protective_factors: input.kind === 'risk' ? input.protectiveFactors : [],
        suggested_level: suggested,
        risk_level: input.kind === 'risk' ? input.riskLevel! : null,
        level_reason: input.kind === 'risk' && input.riskLevel !== suggested ? input.levelReason || null : null,
        child_views: input.childViews || null,
        child_not_heard_reason: input.childViews ? null : input.childNotHeardReason || null,
        author_id: actorUserId(door),
        author_org_id: authorOrg(door, kase),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.kind === 'initial' && !kase.initial_assessment_at) {
      await tx.updateTable('cases').set({ initial_assessment_at: input.assessedAt }).where('country', '=', kase.country).where('id', '=', kase.id).execute();
    }
    await ctx.event('assessment_recorded', { entity: 'assessment', entityId: row.id, detail: { kind: input.kind, ...(input.kind === 'risk' ? { riskLevel: input.riskLevel!, suggested } : {}) } });
    if (input.kind === 'risk') await setCaseRiskLevel(door, ctx, input.riskLevel!, 'risk_assessment', row.id);
    await ctx.audit([{ chain: kase.country, action: 'create', entity: 'assessment', entityId: row.id, childId: kase.child_id, reason: ctx.reason, outcome: 'ok', detail: { kind: input.kind } }]);
    return row.id;
  }, { touch, detail: { kind: input.kind } });
  const list = await listAssessments(door, caseId);
  return list.items.find((a) => a.id === id)!;
}

/** GET /cases/:id/assessments: the unit sees all; another reader only what its organisation wrote. */
export async function listAssessments(door: Door, caseId: string): Promise<AssessmentList> {
  return readCase(door, caseId, 'assessment', async ({ tx, kase, reason }) => {
    const rows = await tx
      .selectFrom('assessments as a')
      .leftJoin('users as u', 'u.id', 'a.author_id')
      .leftJoin('organisations as o', 'o.id', 'a.author_org_id')
      .selectAll('a')
      .select(['u.display_name as author_name', 'o.name as author_org_name'])
      .where('a.country', '=', kase.country)
      .where('a.case_id', '=', kase.id)
      .orderBy('a.assessed_at', 'desc')
      .orderBy('a.created_at', 'desc')
      .execute();
    const history = await tx
      .selectFrom('case_risk_levels as r')
      .leftJoin('users as u', 'u.id', 'r.set_by')
      .select(['r.level', 'r.source', 'r.set_at', 'r.author_org_id', 'u.display_name as set_by_name'])
      .where('r.country', '=', kase.country)
      .where('r.case_id', '=', kase.id)
      .orderBy('r.set_at')
      .execute();
    const reader = { actor: door.actor, reason };
    const items: AssessmentView[] = rows
      .filter((r) => caseSectionVisible(reader, { authorOrgId: r.author_org_id }))
      .map((r) => ({
        id: r.id,
        caseId: r.case_id,
        kind: r.kind,
        assessedAt: iso(r.assessed_at),
        summary: r.summary,
        domains: (r.domains as AssessmentDomains | null) ?? null,
        riskFactors: r.risk_factors as RiskFactor[],
        protectiveFactors: r.protective_factors as ProtectiveFactor[],
        suggestedLevel: r.suggested_level,
        riskLevel: r.risk_level,
        levelReason: r.level_reason,
        childViews: r.child_views,
        childNotHeardReason: r.child_not_heard_reason,
        authorName: r.author_name,
        authorOrgName: r.author_org_name,
        createdAt: iso(r.created_at),
      }));
    const riskHistory: RiskHistoryEntry[] = history
      .filter((h) => caseSectionVisible(reader, { authorOrgId: h.author_org_id }))
      .map((h) => ({ level: h.level, source: h.source, setAt: iso(h.set_at), setByName: h.set_by_name }));
    return { items, riskHistory };
  });
}

