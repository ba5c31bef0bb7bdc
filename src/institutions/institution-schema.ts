import { z } from 'zod';
import { Code, Id, IsoDate, OptProse, OptText, PastDate, Prose, Text } from '../domain/common-schema.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';
import { declareSharing } from '../policy/field-sharing.ts';

/**
 * Deinstitutionalisation (issue 13 §3), as the API and the web app exchange it: the residents of
 * residential care institutions, their DI assessments and individual care plans, the transition
 * out of the institution (a placement of the child's case) and the follow-up visits after it.
 */

export const ParentalRights = z.enum(TAXONOMIES.parentalRights);
export const FamilyContact = z.enum(TAXONOMIES.familyContact);
export const DiTarget = z.enum(TAXONOMIES.diTarget);
export const AdmissionReason = z.enum(TAXONOMIES.diAdmissionReason);
export const FollowUpOutcome = z.enum(TAXONOMIES.followUpOutcome);
export const BreakdownDestination = z.enum(TAXONOMIES.breakdownDestination);

/** A resident_ref of the interchange format. */
export const ResidentRef = Code(1, 60).refine((v) => v.length > 0, { message: 'must not be empty' });

/** Admitting a child of a case to an institution: the residence is the case's placement. */
export const ResidentInput = z.strictObject({
  institutionId: Id,
  admittedOn: PastDate,
  admissionReasons: z.array(AdmissionReason).min(1).max(TAXONOMIES.diAdmissionReason.length),
  parentalRights: ParentalRights,
  familyContact: FamilyContact,
  ref: ResidentRef.nullable().optional(),
});
export type ResidentInput = z.infer<typeof ResidentInput>;

/** What the institution or the unit keeps up to date about a resident. */
export const ResidentUpdate = z.strictObject({
  admissionReasons: z.array(AdmissionReason).min(1).max(TAXONOMIES.diAdmissionReason.length),
  parentalRights: ParentalRights,
  familyContact: FamilyContact,
});
export type ResidentUpdate = z.infer<typeof ResidentUpdate>;

export const DiAssessmentInput = z.strictObject({
  assessedOn: PastDate,
  /** Who assessed (name and role). */
  assessor: Text(200),
  findings: Prose(10_000),
});
export type DiAssessmentInput = z.infer<typeof DiAssessmentInput>;

export const CarePlanStepInput = z.strictObject({
  description: Text(500),
  owner: Text(200),
  dueOn: IsoDate,
  doneOn: PastDate.nullable().optional(),
});
export const CarePlanInput = z.strictObject({
  target: DiTarget,
  targetDate: IsoDate,
  steps: z.array(CarePlanStepInput).max(50),
});
export type CarePlanInput = z.infer<typeof CarePlanInput>;

/** The transition out of the institution: the residence ends and the next placement starts, that day. */
export const TransitionInput = z.strictObject({
  target: DiTarget,
  on: PastDate,
  /** A small group home, supported-living service or NGO that hosts the child … */
  providerOrgId: Id.nullable().optional(),
  /** … or the family (kinship, foster or adoptive carers); none for a return to the birth family. */
  carerName: OptText(200),
  notes: OptProse(5_000),
}).superRefine((v, ctx) => {
  if (v.target === 'reunification') {
    if (v.providerOrgId || v.carerName) ctx.addIssue({ code: 'custom', path: ['carerName'], message: 'a return to the birth family names no carer or provider' });
    return;
  }
  if (!v.providerOrgId && !v.carerName) ctx.addIssue({ code: 'custom', path: ['carerName'], message: 'name the carer or the provider organisation' });
  if (v.providerOrgId && v.carerName) ctx.addIssue({ code: 'custom', path: ['carerName'], message: 'name either the provider organisation or the carer, not both' });
});
export type TransitionInput = z.infer<typeof TransitionInput>;

export const FollowUpInput = z.strictObject({
  /** Which follow-up: months after the transition (the country's, 3, 6 and 12 by default). */
  months: z.number().int().min(1).max(60),
  visitedOn: PastDate,
  outcome: FollowUpOutcome,
  /** Where the child went, when the placement broke down (required then, refused otherwise). */
  wentTo: BreakdownDestination.nullable().optional(),
  notes: OptProse(5_000),
}).superRefine((v, ctx) => {
  if (v.outcome === 'broken_down' && !v.wentTo) ctx.addIssue({ code: 'custom', path: ['wentTo'], message: 'say where the child went' });
  if (v.outcome !== 'broken_down' && v.wentTo) ctx.addIssue({ code: 'custom', path: ['wentTo'], message: 'only when the placement broke down' });
});
export type FollowUpInput = z.infer<typeof FollowUpInput>;

export const DiAssessmentView = z.object({ id: Id, assessedOn: z.string(), assessor: z.string(), findings: z.string(), authorOrgName: z.string().nullable() });
export const CarePlanStepView = z.object({ id: Id, description: z.string(), owner: z.string(), dueOn: z.string(), doneOn: z.string().nullable(), overdue: z.boolean() });
export const CarePlanView = z.object({ target: DiTarget, targetDate: z.string(), updatedAt: z.string(), steps: z.array(CarePlanStepView) });
export const TransitionView = z.object({
  id: Id, target: DiTarget, on: z.string(), nextPlacementKind: z.string().nullable(), placeName: z.string().nullable(),
});
export const FollowUpView = z.object({
  months: z.number().int(), dueOn: z.string(), overdue: z.boolean(),
  visitedOn: z.string().nullable(), outcome: FollowUpOutcome.nullable(), wentTo: BreakdownDestination.nullable(), notes: z.string().nullable(),
});

export const ResidentView = z.object({
  id: Id,
  ref: z.string().nullable(),
  /** The case (the unit's): left out for readers outside the unit. */
  caseId: Id.optional(),
  child: z.object({ id: Id, name: z.string(), sex: z.string(), birthDate: z.string().nullable() }),
  institutionId: Id,
  institutionName: z.string(),
  admittedOn: z.string(),
  leftOn: z.string().nullable(),
  current: z.boolean(),
  admissionReasons: z.array(AdmissionReason),
  parentalRights: ParentalRights,
  familyContact: FamilyContact,
  unitName: z.string(),
  caseOwnerName: z.string().nullable(),
  assessments: z.array(DiAssessmentView),
  carePlan: CarePlanView.nullable(),
  transition: TransitionView.nullable(),
  /** The follow-ups after the transition (done, and due): the unit's. */
  followUps: z.array(FollowUpView).optional(),
  /** What the reader may do: record (assessments, plan, details) and move (transition, follow-ups). */
  canRecord: z.boolean(),
  canMove: z.boolean(),
  withheld: z.array(z.string()),
});
export type ResidentView = z.infer<typeof ResidentView>;

/**
 * The institution sees what it needs to care for the child and plan the leaving (the child, the
 * admission, legal situation, assessments, plan, where the child went); the follow-up visits
 * after the child left are the owning unit's work. The case's own narrative is never in the view.
 */
export const RESIDENT_SHARING = declareSharing<ResidentView>('institution_resident', 'omit', {
  id: 'all', ref: 'all', caseId: 'unit_unlisted', child: 'all', institutionId: 'all', institutionName: 'all',
  admittedOn: 'all', leftOn: 'all', current: 'all', admissionReasons: 'all', parentalRights: 'all', familyContact: 'all',
  unitName: 'all', caseOwnerName: 'all', assessments: 'all', carePlan: 'all', transition: 'all', followUps: 'unit',
  canRecord: 'all', canMove: 'all', withheld: 'all',
});

export const ResidentRow = z.object({
  id: Id, ref: z.string().nullable(), child: z.object({ id: Id, name: z.string(), birthDate: z.string().nullable() }),
  institutionName: z.string(), admittedOn: z.string(), leftOn: z.string().nullable(), current: z.boolean(),
  parentalRights: ParentalRights, familyContact: FamilyContact, carePlanTarget: DiTarget.nullable(), transitionTarget: DiTarget.nullable(),
});
export type ResidentRow = z.infer<typeof ResidentRow>;
export const ResidentList = z.object({ items: z.array(ResidentRow) });

export const InstitutionView = z.object({ id: Id, name: z.string(), jurisdictionCode: z.string(), beds: z.number().int().nullable(), residents: z.number().int() });
export const InstitutionList = z.object({ items: z.array(InstitutionView) });
export type InstitutionView = z.infer<typeof InstitutionView>;
