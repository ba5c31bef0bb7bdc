import { type FieldErrors, type Resolver, useForm } from 'react-hook-form';
import { ApiError, isApiError } from '../app/api.ts';
import { i18n } from '../app/i18n.ts';
import type { z } from 'zod';
import { IntakeInput } from '../../intakes/intake-schema.ts';
import type { SignalChildInput } from '../../signals/signal-schema.ts';
import { type EveryInputKey, fieldNames, sameKeys } from '../app/form-schema.ts';
import { type ChildEntry, translatedResolver, withLocalOffset } from '../signals/signal-form.ts';

/**
 * The new-intake form. The inputs hold strings (wall-clock times, "yes"/"no" for each presence,
 * empty strings for "none"); `toIntakeInput` turns them into the API's IntakeInput and the shared
 * schema validates that result, so the form and the server refuse the same things at the same paths.
 */
export interface TeamMemberEntry { name: string; role: string }

export interface IntakeFormValues {
  stationId: string;
  calledAt: string;
  arrivedAt: string;
  teamMembers: TeamMemberEntry[];
  municipalityCode: string;
  children: ChildEntry[];
  legalSituation: string;
  harmTypes: string[];
  urgency: string;
  parentPresent: boolean;
  lawyerPresent: boolean;
  psychologistPresent: boolean;
  childFriendlyRoom: boolean;
  supportGiven: string;
  outcome: string;
  outcomeNote: string;
}

/** The form holds every field of IntakeInput: a field added to the schema must be added here too. */
sameKeys<IntakeFormValues, z.input<typeof IntakeInput>>();

export const INTAKE_FORM_FIELDS = fieldNames(IntakeInput);

const orNull = (v: string) => (v.trim() === '' ? null : v);

function toChildInput(c: ChildEntry): EveryInputKey<typeof SignalChildInput> {
  const known = c.childId !== '';
  return {
    childId: known ? c.childId : undefined,
    givenName: known ? undefined : c.givenName,
    familyName: known ? undefined : c.familyName,
    sex: known ? undefined : c.sex,
    birthDate: known ? undefined : c.birthDate || null,
    notDuplicate: undefined,
  };
}

/** Every field of IntakeInput is named here: leaving one out does not compile (EveryInputKey). */
export function toIntakeInput(v: IntakeFormValues): EveryInputKey<typeof IntakeInput> {
  return {
    stationId: v.stationId,
    calledAt: v.calledAt ? withLocalOffset(v.calledAt) : '',
    arrivedAt: v.arrivedAt ? withLocalOffset(v.arrivedAt) : '',
    teamMembers: v.teamMembers.filter((m) => m.name.trim() !== '' || m.role.trim() !== ''),
    municipalityCode: v.municipalityCode,
    children: v.children.map(toChildInput),
    legalSituation: v.legalSituation as never,
    harmTypes: (v.harmTypes || []) as never,
    urgency: v.urgency as never,
    parentPresent: v.parentPresent,
    lawyerPresent: v.lawyerPresent,
    psychologistPresent: v.psychologistPresent,
    childFriendlyRoom: v.childFriendlyRoom,
    supportGiven: orNull(v.supportGiven),
    outcome: v.outcome as never,
    outcomeNote: v.outcome === 'other' ? orNull(v.outcomeNote) : null,
  };
}

/** The intake's own rules (custom issues) in the reader's language; the signal form's are translated before. */
const INTAKE_MESSAGES: Record<string, string> = {
  'must not be before the call': 'intakes.error.beforeCall',
  'is not a police station of your country': 'intakes.error.station',
  'is required when the outcome is other': 'intakes.error.otherNote',
  'must not be after the intake': 'signals.form.error.bornAfter',
  'is already in this intake': 'signals.form.error.sameChildTwice',
};

export function translateIntakeMessage(message: string | undefined): string | undefined {
  const key = message ? INTAKE_MESSAGES[message] : undefined;
  return key ? i18n.t(key) : message;
}

function translateTree(errors: FieldErrors): void {
  for (const [key, value] of Object.entries(errors)) {
    if (key === 'ref' || !value || typeof value !== 'object') continue;
    const error = value as { message?: unknown };
    if (typeof error.message === 'string') error.message = translateIntakeMessage(error.message);
    translateTree(value as FieldErrors);
  }
}

function intakeResolver(): Resolver<IntakeFormValues, unknown, IntakeInput> {
  const inner = translatedResolver<IntakeFormValues, IntakeInput>(IntakeInput as unknown as z.ZodType<IntakeInput>, toIntakeInput);
  return async (values, context, options) => {
    const result = await inner(values, context, options);
    translateTree(result.errors as FieldErrors);
    return result;
  };
}

export function useIntakeForm(defaults: IntakeFormValues) {
  return useForm<IntakeFormValues, unknown, IntakeInput>({
    resolver: intakeResolver(),
    defaultValues: defaults,
  });
}
export type IntakeForm = ReturnType<typeof useIntakeForm>;

/** A 400 answer with the intake's own messages said in the reader's language (the rest are translated when placed). */
export function withIntakeMessages(error: unknown): unknown {
  if (!isApiError(error, 400)) return error;
  return new ApiError({ status: error.status, message: error.message, issues: error.issues.map((i) => ({ ...i, message: translateIntakeMessage(i.message) ?? i.message })), body: error.body });
}
