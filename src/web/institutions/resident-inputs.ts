import type { z } from 'zod';
import {
  CarePlanInput, DiAssessmentInput, FollowUpInput, ResidentInput, ResidentUpdate, TransitionInput,
} from '../../institutions/institution-schema.ts';
import { type EveryInputKey, fieldNames, sameKeys } from '../app/form-schema.ts';
import { asList, orNull } from '../cases/form-kit.ts';

/**
 * The deinstitutionalisation forms' values (as the inputs hold them), their fields (read from the
 * input schemas) and their mappers to the API inputs: a field of a schema a mapper forgets does not compile.
 */

export interface AdmitValues { institutionId: string; admittedOn: string; admissionReasons: string[] | string | false; parentalRights: string; familyContact: string; ref: string }
export const ADMIT_FIELDS = [...fieldNames(ResidentInput), 'caseId'];
sameKeys<AdmitValues, z.input<typeof ResidentInput>>();
export function toResidentInput(v: AdmitValues): EveryInputKey<typeof ResidentInput> {
  return {
    institutionId: v.institutionId, admittedOn: v.admittedOn, admissionReasons: asList(v.admissionReasons) as never,
    parentalRights: v.parentalRights as never, familyContact: v.familyContact as never, ref: orNull(v.ref),
  };
}

export type DetailsValues = Pick<AdmitValues, 'admissionReasons' | 'parentalRights' | 'familyContact'>;
export const DETAILS_FIELDS = fieldNames(ResidentUpdate);
sameKeys<DetailsValues, z.input<typeof ResidentUpdate>>();
export function toResidentUpdate(v: DetailsValues): EveryInputKey<typeof ResidentUpdate> {
  return { admissionReasons: asList(v.admissionReasons) as never, parentalRights: v.parentalRights as never, familyContact: v.familyContact as never };
}

export interface AssessmentValues { assessedOn: string; assessor: string; findings: string }
export const ASSESSMENT_FIELDS = fieldNames(DiAssessmentInput);
sameKeys<AssessmentValues, z.input<typeof DiAssessmentInput>>();
export function toAssessmentInput(v: AssessmentValues): EveryInputKey<typeof DiAssessmentInput> {
  return { assessedOn: v.assessedOn, assessor: v.assessor.trim(), findings: v.findings.trim() };
}

export interface StepValues { description: string; owner: string; dueOn: string; doneOn: string }
export interface PlanValues { target: string; targetDate: string; steps: StepValues[] }
export const PLAN_FIELDS = fieldNames(CarePlanInput);
sameKeys<PlanValues, z.input<typeof CarePlanInput>>();
export function toCarePlanInput(v: PlanValues): EveryInputKey<typeof CarePlanInput> {
  return {
    target: v.target as never, targetDate: v.targetDate,
    steps: v.steps.map((s) => ({ description: s.description.trim(), owner: s.owner.trim(), dueOn: s.dueOn, doneOn: s.doneOn || null })),
  };
}

export interface TransitionValues { target: string; on: string; providerOrgId: string; carerName: string; notes: string }
export const TRANSITION_FIELDS = fieldNames(TransitionInput);
sameKeys<TransitionValues, z.input<typeof TransitionInput>>();
export function toTransitionInput(v: TransitionValues): EveryInputKey<typeof TransitionInput> {
  const home = v.target === 'reunification';
  return {
    target: v.target as never, on: v.on,
    providerOrgId: home || !v.providerOrgId ? undefined : v.providerOrgId,
    carerName: home || v.providerOrgId ? undefined : v.carerName.trim(),
    notes: orNull(v.notes),
  };
}

export interface FollowUpValues { months: number; visitedOn: string; outcome: string; wentTo: string; notes: string }
export const FOLLOW_UP_FIELDS = fieldNames(FollowUpInput);
sameKeys<FollowUpValues, z.input<typeof FollowUpInput>>();
export function toFollowUpInput(v: FollowUpValues): EveryInputKey<typeof FollowUpInput> {
  return {
    months: v.months, visitedOn: v.visitedOn, outcome: v.outcome as never,
    wentTo: v.outcome === 'broken_down' ? ((v.wentTo || null) as never) : null, notes: orNull(v.notes),
  };
}
