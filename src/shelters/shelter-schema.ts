import { z } from 'zod';
import { CLOCK_SKEW_MS, Id, Instant, IsoDate, Name, OptProse, OptText, PastDate, ShortText, Text } from '../domain/common-schema.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';
import { NotDuplicate } from '../children/child-schema.ts';
import { declareSharing } from '../policy/field-sharing.ts';

/**
 * The emergency shelter (issue 13 §2), as the API and the web app exchange it: admissions (one
 * per child; siblings admitted together share a group), the reintegration plan of a stay, the
 * discharge and a follow-up contact, and the beds free now.
 */

import { COMPANION_RELATIONS, DESTINATIONS, PLAN_GOALS, REFERRED_BY } from './shelter-codes.ts';

export { COMPANION_RELATIONS, DESTINATIONS, PLAN_GOALS, REFERRED_BY };
/** Sectors whose organisations have beds (residential care institutions too); mother-and-child places are a shelter's only. */
export const BED_SECTORS = ['shelter', 'residential_care'] as const;

/** A child just arrived, not yet in any record the shelter reaches: registered in the responsible unit's records. */
const NewChild = z.strictObject({
  givenName: Name,
  familyName: Name,
  sex: z.enum(TAXONOMIES.sex),
  birthDate: PastDate.nullable().optional(),
  birthDateEstimated: z.boolean().optional(),
  municipalityCode: Text(40),
  languages: z.array(z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code')).max(10).optional(),
  notDuplicate: NotDuplicate.optional(),
});

/** One child of the admission: a child the shelter reaches (a unit's referral), or a new record. */
const AdmittedChild = z.strictObject({
  childId: Id.optional(),
  newChild: NewChild.optional(),
  /** The unit's case that referred the child (a case the shelter reaches); none for an emergency admission. */
  caseId: Id.optional(),
}).superRefine((v, ctx) => {
  // The child of the referring case, a child the shelter reaches, or a new record: one of them.
  if ((v.childId && v.newChild) || (!v.childId && !v.newChild && !v.caseId)) {
    ctx.addIssue({ code: 'custom', path: ['childId'], message: 'name a child the shelter reaches, the case that referred the child, or a new child' });
  }
});

const notFuture = (v: string) => Number.isNaN(Date.parse(v)) || Date.parse(v) <= Date.now() + CLOCK_SKEW_MS;

export const AdmissionInput = z.strictObject({
  /** Siblings admitted together: one admission each, one group. */
  children: z.array(AdmittedChild).min(1, 'admit at least one child').max(10),
  admittedAt: Instant.refine(notFuture, { message: 'must not be in the future' }),
  referredBy: z.enum(REFERRED_BY),
  harmTypes: z.array(z.enum(TAXONOMIES.harmType)).min(1, 'name at least one harm type').max(TAXONOMIES.harmType.length),
  /** A mother or caregiver who came with the children (not a child record): the group takes a mother-and-child place. */
  companionName: OptText(200),
  companionRelation: z.enum(COMPANION_RELATIONS).nullable().optional(),
  /** Required when the shelter is full: the admission is allowed over capacity, with the reason. */
  overCapacityReason: OptProse(2_000),
}).superRefine((v, ctx) => {
  if (!v.companionName !== !v.companionRelation) ctx.addIssue({ code: 'custom', path: [v.companionName ? 'companionRelation' : 'companionName'], message: 'name the companion and the relation, or neither' });
  if (v.referredBy === 'unit_case' && v.children.some((c) => !c.caseId)) {
    const i = v.children.findIndex((c) => !c.caseId);
    ctx.addIssue({ code: 'custom', path: ['children', i, 'caseId'], message: "a referral by a unit's case names the case" });
  }
});
export type AdmissionInput = z.infer<typeof AdmissionInput>;

export const LinkInput = z.strictObject({ caseId: Id });
export type LinkInput = z.infer<typeof LinkInput>;

export const PlanInput = z.strictObject({ goal: z.enum(PLAN_GOALS).nullable() });
export const StepInput = z.strictObject({ description: ShortText, ownerName: Text(200), dueOn: IsoDate });
export type StepInput = z.infer<typeof StepInput>;
export const StepDoneInput = z.strictObject({ doneOn: PastDate });

export const DischargeInput = z.strictObject({
  dischargedOn: PastDate,
  destination: z.enum(DESTINATIONS),
  /** With whom the child left (a person's name and relation, or a service). */
  dischargedWith: Text(200),
});
export type DischargeInput = z.infer<typeof DischargeInput>;

export const FollowUpInput = z.strictObject({ followUpOn: PastDate, note: Text(2_000) });
export type FollowUpInput = z.infer<typeof FollowUpInput>;

export const PlanStepView = z.object({ id: Id, description: z.string(), ownerName: z.string(), dueOn: z.string(), doneOn: z.string().nullable() });

export const AdmissionView = z.object({
  id: Id,
  ref: z.string().nullable(),
  shelterId: Id,
  shelterName: z.string(),
  groupId: Id,
  child: z.object({ id: Id, givenName: z.string(), familyName: z.string(), sex: z.string(), birthDate: z.string().nullable() }),
  /** The child's vulnerabilities as the unit recorded them (the unit's only). */
  vulnerabilities: z.array(z.string()).optional(),
  /** The other children admitted with this one. */
  siblings: z.array(z.object({ admissionId: Id, givenName: z.string(), familyName: z.string() })),
  companionName: z.string().nullable(),
  companionRelation: z.enum(COMPANION_RELATIONS).nullable(),
  admittedAt: z.string(),
  admittedOn: z.string(),
  referredBy: z.enum(REFERRED_BY),
  harmTypes: z.array(z.string()),
  emergency: z.boolean(),
  responsibleUnitId: Id,
  responsibleUnitName: z.string(),
  /** The case it is linked to (the unit follows it there; the shelter sees only that it is linked, and who owns it). */
  caseId: Id.nullable().optional(),
  linked: z.boolean(),
  caseOwnerName: z.string().nullable(),
  /** The responsible unit's open cases of this child, to link an emergency admission to (the unit's only). */
  unitCases: z.array(z.object({ id: Id, ref: z.string().nullable(), status: z.string(), openedAt: z.string() })).optional(),
  linkDueAt: z.string().nullable(),
  linkOverdue: z.boolean(),
  overCapacityReason: z.string().nullable(),
  planGoal: z.enum(PLAN_GOALS).nullable(),
  steps: z.array(PlanStepView),
  /** Days in the shelter so far (or until the discharge), against the country's standard. */
  stayDays: z.number().int(),
  standardDays: z.number().nullable(),
  stayExceeded: z.boolean(),
  current: z.boolean(),
  dischargedOn: z.string().nullable(),
  destination: z.enum(DESTINATIONS).nullable(),
  dischargedWith: z.string().nullable(),
  followUpOn: z.string().nullable(),
  followUpNote: z.string().nullable(),
  version: z.number(),
  withheld: z.array(z.string()),
});
export type AdmissionView = z.infer<typeof AdmissionView>;

/**
 * What the shelter sees of a stay: everything it needs to care for the child and plan the
 * return; the unit's own record of the child (vulnerabilities) and the link into the unit's case
 * file stay with the unit.
 */
export const ADMISSION_SHARING = declareSharing<AdmissionView>('shelter_admission', 'omit', {
  id: 'all', ref: 'all', shelterId: 'all', shelterName: 'all', groupId: 'all', child: 'all', vulnerabilities: 'unit', siblings: 'all',
  companionName: 'all', companionRelation: 'all', admittedAt: 'all', admittedOn: 'all', referredBy: 'all', harmTypes: 'all',
  emergency: 'all', responsibleUnitId: 'all', responsibleUnitName: 'all', caseId: 'unit_unlisted', linked: 'all', caseOwnerName: 'all', unitCases: 'unit_unlisted',
  linkDueAt: 'all', linkOverdue: 'all', overCapacityReason: 'all', planGoal: 'all', steps: 'all', stayDays: 'all', standardDays: 'all',
  stayExceeded: 'all', current: 'all', dischargedOn: 'all', destination: 'all', dischargedWith: 'all', followUpOn: 'all',
  followUpNote: 'all', version: 'all', withheld: 'all',
});

export const AdmissionList = z.object({ items: z.array(AdmissionView), total: z.number() });
export const AdmissionQuery = z.strictObject({
  status: z.enum(['current', 'discharged', 'unlinked', 'all']).default('current'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const AdmissionCreated = z.object({ items: z.array(AdmissionView) });

/** One shelter's capacity and what is free now: counts only, never who occupies them. */
export const BedsFree = z.object({
  id: Id,
  name: z.string(),
  jurisdictionCode: z.string(),
  jurisdictionName: z.string(),
  beds: z.number().nullable(),
  bedsFree: z.number().nullable(),
  /** Children admitted beyond the beds (each with its reason). */
  bedsOver: z.number(),
  motherChildPlaces: z.number().nullable(),
  motherChildFree: z.number().nullable(),
});
export const BedsFreeList = z.object({ items: z.array(BedsFree) });
export const BedsFreeQuery = z.strictObject({ region: z.string().regex(/^[A-Z]{2}(-\d{2}){0,2}$/, 'must be a region code').optional() });
