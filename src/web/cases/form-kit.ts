import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import { isApiError } from '../app/api.ts';
import { wallDay } from '../app/time-zone.ts';
import { zodErrors } from '../app/validation.ts';

/**
 * What the case sections' forms share, kept as plain functions so the form, its tests and the page
 * agree with the server's schemas (src/<capability>/<record>-schema.ts) on the same paths: the
 * server stays the authority and its 400 issues land on the same fields.
 */
export interface Issue { path: string; message: string }

export const orNull = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v.trim());

/** Today as YYYY-MM-DD in the unit's calendar (its time zone), whatever the browser's zone. */
export function today(date = new Date()): string {
  return wallDay(date);
}

/** Whether the child was heard: a form-only choice that says which of childViews / childNotHeardReason applies. */
export type ChildHeard = '' | 'yes' | 'no';
export const heardViews = (heard: ChildHeard, views: string) => (heard === 'yes' ? views.trim() : null);
export const notHeardReason = (heard: ChildHeard, reason: string) => (heard === 'no' ? reason.trim() : null);

/** react-hook-form gives a lone checkbox's value as a string, a group's as a list. */
export function asList<T extends string>(v: T[] | T | false | undefined): T[] {
  return Array.isArray(v) ? v : v ? [v] : [];
}

/** Puts issues (ours, or a 400 answer's) on the fields they name; true when every one found a field. */
export function placeIssues<V extends FieldValues>(issues: Issue[], setError: UseFormSetError<V>, fields: readonly string[]): boolean {
  let all = true;
  for (const issue of issues) {
    const path = issue.path.replace(/^\//, '').replace(/\//g, '.');
    if (fields.some((f) => path === f || path.startsWith(`${f}.`))) setError(path as Path<V>, { type: 'server', message: issue.message });
    else all = false;
  }
  return all;
}

export function serverIssues(error: unknown): Issue[] {
  return isApiError(error, 400) ? error.issues : [];
}

/**
 * Runs the shared API schema over the body the form will send, so the form refuses what the
 * server refuses, at the same paths. `custom` says the schema's own (English) rule messages in
 * the reader's language; issues already found by the form's own checks keep their first message.
 */
export function withSchemaIssues(schema: z.ZodType, body: unknown, issues: Issue[], custom: Record<string, string> = {}): Issue[] {
  const result = schema.safeParse(body, zodErrors);
  if (result.success) return issues;
  const taken = new Set(issues.map((i) => i.path));
  const more = result.error.issues
    .map((i) => ({ path: i.path.join('.'), message: custom[i.message] ?? i.message }))
    .filter((i) => !taken.has(i.path) && (taken.add(i.path), true));
  return [...issues, ...more];
}
