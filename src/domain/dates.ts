/**
 * An instant as ISO 8601 text in UTC, from a Date, a timestamp as the database or a file gives it,
 * or milliseconds since the epoch; `null` and `undefined` stay `null`.
 */
export function iso(at: Date | string | number): string;
export function iso(at: Date | string | number | null | undefined): string | null;
export function iso(at: Date | string | number | null | undefined): string | null {
  if (at == null) return null;
  return (at instanceof Date ? at : new Date(at)).toISOString();
}
