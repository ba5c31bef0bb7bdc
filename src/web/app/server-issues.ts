import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { type ApiIssue, isApiError } from './api.ts';
import { i18n } from './i18n.ts';

/** Rules the server names by code, said in the reader's language (`password.common` → passwordRules.common). */
const TRANSLATED_RULES: Record<string, string> = {
  password: 'passwordRules',
};

export function issueText(issue: ApiIssue): string {
  // A broken validation rule (`validation.tooShort`, with its values) is said as the forms say it.
  if (issue.code?.startsWith('validation.') && i18n.exists(issue.code, issue.params)) return i18n.t(issue.code, issue.params);
  // A capability's own rule, named by the key of its words (`attachments.problem.typeMismatch`).
  if (issue.code?.includes('.problem.') && i18n.exists(issue.code, issue.params)) return i18n.t(issue.code, issue.params);
  const [family, rule] = (issue.code ?? '').split('.', 2);
  const prefix = family ? TRANSLATED_RULES[family] : undefined;
  return prefix && rule && i18n.exists(`${prefix}.${rule}`) ? i18n.t(`${prefix}.${rule}`) : issue.message;
}

/**
 * An import problem in the reader's language: the server names each by a stable code with its
 * values (src/interchange/issue-codes.ts); its English `message` stays for a code this app does
 * not know yet.
 */
export function importProblemText(problem: { message: string; code?: string; params?: Record<string, string | number> }): string {
  const key = `interchange.problems.${problem.code ?? ''}`;
  return problem.code && i18n.exists(key, problem.params) ? i18n.t(key, problem.params) : problem.message;
}

/**
 * Puts a 400 answer's issues back on the form fields they name. Returns true when every issue
 * found a field; otherwise the caller shows a form-level error as well.
 */
export function applyServerIssues<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
): boolean {
  if (!isApiError(error, 400) || error.issues.length === 0) return false;
  let allPlaced = true;
  for (const issue of error.issues) {
    // "languages.0" belongs to the "languages" field; "/birthDate" to "birthDate".
    const path = issue.path.replace(/^\//, '').replace(/\//g, '.');
    const field = fields.find((f) => path === f || path.startsWith(`${f}.`));
    if (field) setError(field as Path<T>, { type: 'server', message: issueText(issue) });
    else allPlaced = false;
  }
  return allPlaced;
}
