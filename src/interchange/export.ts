import { safeCell } from '../domain/spreadsheet-safe.ts';
import { InputError } from '../errors.ts';
import type { Door } from '../policy/door.ts';
import './cases-type.ts';
import './meetings-type.ts';
import { type ExportQuery, recordType, recordTypeNames } from './record-types.ts';
import './signals-type.ts';
import '../institutions/residents-type.ts';
import '../shelters/admissions-type.ts';
import '../prevention/prevention-csv.ts';

/**
 * Exports a record type in the interchange format: exactly its columns, UTF-8, comma-separated,
 * `\n` line ends. Every cell goes through safeCell, so a description that starts with "=" opens
 * in a spreadsheet as text, not as a formula (the import drops that quote again).
 */
function csvCell(value: string): string {
  const v = String(safeCell(value));
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replaceAll('"', '""')}"` : v;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\n`;
}

export async function* exportCsv(door: Door, typeName: string, query: ExportQuery): AsyncGenerator<string> {
  const type = recordType(typeName);
  if (!type) throw new InputError(`Unknown record type "${typeName.slice(0, 40)}"`, [{ path: 'type', message: `must be one of: ${recordTypeNames().join(', ')}` }]);
  yield csvLine(type.columns);
  for await (const page of type.exportRows(door, query)) {
    let out = '';
    for (const row of page) out += csvLine(row);
    yield out;
  }
}
