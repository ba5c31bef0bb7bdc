import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { isApiError } from './api.ts';

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
    if (field) setError(field as Path<T>, { type: 'server', message: issue.message });
    else allPlaced = false;
  }
  return allPlaced;
}
