import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ChildInput, type ChildView } from '../../children/child-schema.ts';
import { type EveryInputKey, fieldNames } from '../app/form-schema.ts';
import { zodErrors } from '../app/validation.ts';

/** What the child form edits: ChildInput as the inputs hold it before validation. */
export type ChildFormValues = z.input<typeof ChildInput>;

/** Every field of ChildInput, read from the schema: what a patch compares and where a 400's issues land. */
export const CHILD_FORM_FIELDS = fieldNames(ChildInput);
export type ChildFormField = (typeof CHILD_FORM_FIELDS)[number];

/** Languages a child may speak, offered as choices (ISO 639-1; labels come from Intl). */
export const CHILD_LANGUAGES = ['sq', 'bg', 'en', 'el', 'it', 'mk', 'sr', 'tr', 'ro', 'de', 'ru', 'uk', 'ar'] as const;

/** Names every field of ChildInput (EveryInputKey): a field added to the schema does not compile until it is here. */
export function emptyChild(municipalityCode: string): EveryInputKey<typeof ChildInput> {
  return {
    givenName: '',
    familyName: '',
    sex: 'unknown',
    birthDate: null,
    birthDateEstimated: false,
    municipalityCode,
    address: null,
    languages: [],
    inSchool: null,
    schoolName: null,
    vulnerabilities: [],
    notes: null,
  };
}

/** The form's starting values for a record as the reader sees it (withheld fields stay empty). */
export function childToForm(child: ChildView): EveryInputKey<typeof ChildInput> {
  return {
    givenName: child.givenName ?? '',
    familyName: child.familyName ?? '',
    sex: (child.sex ?? 'unknown') as ChildFormValues['sex'],
    birthDate: child.birthDate ?? null,
    birthDateEstimated: child.birthDateEstimated ?? false,
    municipalityCode: child.municipalityCode ?? '',
    address: child.address ?? null,
    languages: child.languages ?? [],
    inSchool: child.inSchool ?? null,
    schoolName: child.schoolName ?? null,
    vulnerabilities: (child.vulnerabilities ?? []) as ChildFormValues['vulnerabilities'],
    notes: child.notes ?? null,
  };
}

/** The fields whose value differs from where the editor started: what a PATCH sends. */
export function changedFields(values: ChildInput, base: ChildFormValues, skip: readonly string[]): Partial<ChildInput> {
  const patch: Record<string, unknown> = {};
  for (const field of CHILD_FORM_FIELDS) {
    if (skip.includes(field)) continue;
    const now = values[field] ?? null;
    const before = base[field] ?? null;
    if (JSON.stringify(now) !== JSON.stringify(before)) patch[field] = values[field];
  }
  return patch as Partial<ChildInput>;
}

export function useChildForm(defaultValues: ChildFormValues) {
  return useForm<ChildFormValues, unknown, ChildInput>({
    resolver: zodResolver(ChildInput, zodErrors),
    defaultValues,
  });
}
export type ChildForm = ReturnType<typeof useChildForm>;

/** An empty input means "no value": null, never an empty string the server would reject. */
export const emptyToNull = (value: unknown) => (value === '' || value === undefined ? null : value);
export const toTriState = (value: unknown) =>
  value === '' || value === null || value === undefined ? null : value === true || value === 'true';
