/**
 * Spreadsheet formula injection: a cell that starts with = + - @, a tab or a carriage return may
 * be run as a formula by Excel or LibreOffice when a CSV or XLSX export is opened. Such a text
 * cell gets a leading single quote, so it shows as the text it is. Numbers pass unchanged (a
 * negative number is a number, not a formula); null and undefined become empty cells.
 * Every CSV and XLSX export of Safetynet writes its text cells through `safeCell`.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: string | number | boolean | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return FORMULA_START.test(value) ? `'${value}` : value;
}
