import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { InputError } from '../errors.ts';
import type { Door } from '../policy/door.ts';
import { requireImporter } from './interchange-reach.ts';
import { auditRefusedImport } from './import-batches.ts';
import { type CsvRead, readCsv } from './csv-source.ts';
import { FileProblem, type Issue, IssueList } from './issues.ts';
import './cases-type.ts';
import './meetings-type.ts';
import { type Cells, type Counts, type ImportSummary, type ValidateContext, type WriteOptions, recordType, recordTypeNames } from './record-types.ts';
import { ReferenceIndex } from './reference-index.ts';
import './signals-type.ts';
import '../institutions/residents-type.ts';
import '../shelters/admissions-type.ts';
import '../prevention/prevention-csv.ts';

/**
 * Imports one interchange file, all or nothing: the whole file is read and validated first
 * (every bad row collected), and only a file without a single problem is written, in one
 * transaction. Most types keep their validated rows in memory and write them after the read;
 * a streaming type (signals.csv) stages them in the transaction as it reads, so a file of
 * millions of rows is imported in bounded memory (record-types.ts, StreamingCollector). The CLI and the web upload both come here, so they apply the same checks and
 * report the same list.
 */
export type ImportOutcome =
  | { ok: true; summary: ImportSummary }
  | { ok: false; message: string; issues: Issue[]; total: number; rows: number };

export type ImportOptions = {
  dryRun: boolean;
  /** Bytes read so far, and rows written of the rows to write: for a progress bar. */
  onBytes?: (bytes: number) => void;
  onWrite?: (done: number, total: number) => void;
  now?: number;
};

const OTHER_DELIMITERS: Array<[string, string]> = [[';', 'semicolons'], ['\t', 'tabs'], ['|', 'vertical bars']];

/** A leading ' that our exports put before = + - @ is dropped again, so a round trip is exact. */
function unquoteFormula(v: string): string {
  return v.charCodeAt(0) === 39 && /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
}

export async function importCsv(db: Kysely<DB>, door: Door, typeName: string, input: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>, options: ImportOptions): Promise<ImportOutcome> {
  const type = recordType(typeName);
  if (!type) throw new InputError(`Unknown record type "${typeName.slice(0, 40)}"`, [{ path: 'type', message: `must be one of: ${recordTypeNames().join(', ')}` }]);
  const actor = door.actor;
  requireImporter(door);

  const issues = new IssueList();
  const ctx: ValidateContext = {
    reference: await ReferenceIndex.load(db),
    issues,
    now: options.now ?? Date.now(),
    onlyCountry: actor.kind === 'user' ? actor.country : null,
    onlyUnit: actor.kind === 'user' ? actor.organisationId : null,
  };
  const csv = readCsv(input, { onBytes: options.onBytes });
  const write = (rows: number): WriteOptions => ({ dryRun: options.dryRun, sha256: csv.sha256(), rows, onProgress: options.onWrite });
  const done = (rows: number, counts: Record<string, Counts>): ImportOutcome =>
    ({ ok: true, summary: { type: typeName, rows, dryRun: options.dryRun, sha256: csv.sha256(), counts } });

  if (type.stream) {
    // Validated while it streams, staged in the Door's transaction; a refusal rolls it back.
    let rows = 0;
    try {
      const counts = await door.transaction(async (tx, audit) => {
        const collector = await type.stream!(ctx, door, tx);
        const read = await readRows(csv, type.columns, issues, (cells, line) => {
          collector.row(cells, line);
          return collector.full ? collector.flush() : undefined;
        });
        rows = read.rows;
        if (!read.header) throw new Refusal(issues);
        const result = await collector.finish(audit, write(rows));
        if (!result.ok) throw new Refusal(result.issues);
        return result.counts;
      });
      return done(rows, counts);
    } catch (err) {
      if (err instanceof Refusal) return refuse(door, typeName, err.issues, rows, csv.sha256());
      throw err;
    }
  }

  const collector = type.collect(ctx);
  const { rows } = await readRows(csv, type.columns, issues, (cells, line) => collector.row(cells, line));
  if (!issues.empty) return refuse(door, typeName, issues, rows, csv.sha256());

  const result = await collector.write(door, write(rows));
  if (!result.ok) return refuse(door, typeName, result.issues, rows, csv.sha256());
  return done(rows, result.counts);
}

/** A file with problems: thrown inside the transaction so that it rolls back. */
class Refusal extends Error {
  constructor(readonly issues: IssueList) {
    super('refused');
  }
}

/**
 * Reads the header and the rows, giving each row of the right width to `onRow` (cells trimmed,
 * formula quotes undone); problems of the file itself go to `issues`. Answers the rows read
 * and whether the header was good (and the file not empty).
 */
async function readRows(csv: CsvRead, columns: readonly string[], issues: IssueList, onRow: (cells: Cells, line: number) => void | Promise<void>): Promise<{ rows: number; header: boolean }> {
  let rows = 0;
  let header: string[] | null = null;
  let good = false;
  try {
    for await (const { cells, line } of csv.rows) {
      if (!header) {
        header = cells.map((c) => c.trim());
        if (!checkHeader(header, columns, issues)) break;
        good = true;
        continue;
      }
      rows += 1;
      if (cells.length !== header.length) {
        if (cells.length === 1 && cells[0]!.trim() === '') continue;
        if (cells.length < header.length) issues.add(line, header[cells.length]!, `is missing: the row has ${cells.length} fields, the header ${header.length}`);
        else issues.add(line, String(header.length + 1), `is one field too many: the row has ${cells.length} fields, the header ${header.length} (quote values that contain commas)`);
        continue;
      }
      const index = indexOf(header);
      for (let i = 0; i < cells.length; i++) cells[i] = unquoteFormula(cells[i]!.trim());
      const pending = onRow((column) => cells[index[column]!]!, line);
      if (pending) await pending;
    }
  } catch (err) {
    if (!(err instanceof FileProblem)) throw err;
    // A stream error can arrive before the rows buffered ahead of it (even the header): name
    // the field by the header when read, else by the type's column order.
    const names = header ?? columns;
    const field = Number(err.column);
    issues.add(err.line, field >= 1 && field <= names.length ? names[field - 1]! : err.column, err.message);
  }
  if (!header && issues.empty) {
    issues.add(1, columns[0]!, `the file is empty; its first line must be the header: ${columns.join(',')}`);
  }
  return { rows, header: good };
}

async function refuse(door: Door, type: string, issues: IssueList, rows: number, sha256: string): Promise<ImportOutcome> {
  await auditRefusedImport(door, type, { rows, sha256, problems: issues.total });
  const items = [...issues.items].sort((a, b) => a.line - b.line);
  return {
    ok: false,
    message: `${type}.csv has ${issues.total} problem${issues.total === 1 ? '' : 's'}; nothing was stored`,
    issues: items,
    total: issues.total,
    rows,
  };
}

let cachedHeader: string[] | null = null;
let cachedIndex: Record<string, number> = {};
function indexOf(header: string[]): Record<string, number> {
  if (header !== cachedHeader) {
    cachedHeader = header;
    cachedIndex = Object.fromEntries(header.map((h, i) => [h, i]));
  }
  return cachedIndex;
}

/** Exactly the type's columns, in any order; a one-column header with ; or tabs is the wrong delimiter. */
function checkHeader(header: string[], columns: readonly string[], issues: IssueList): boolean {
  if (header.length === 1) {
    const other = OTHER_DELIMITERS.find(([d]) => header[0]!.includes(d));
    if (other) {
      issues.add(1, '1', `the file is not comma-separated (it looks separated by ${other[1]}); save it as CSV with commas`);
      return false;
    }
  }
  const seen = new Set<string>();
  header.forEach((name, i) => {
    const shown = /^[a-z0-9_ ]{1,40}$/i.test(name) ? name : String(i + 1);
    if (!columns.includes(name)) issues.add(1, shown, `is not a column of this file type (expected: ${columns.join(',')})`);
    else if (seen.has(name)) issues.add(1, shown, 'appears twice in the header');
    seen.add(name);
  });
  for (const c of columns) if (!seen.has(c)) issues.add(1, c, 'is missing from the header');
  return issues.empty;
}
