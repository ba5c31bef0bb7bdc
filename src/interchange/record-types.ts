import type { AuditFn, Door, Tx } from '../policy/door.ts';
import type { IssueList } from './issues.ts';
import type { ReferenceIndex } from './reference-index.ts';

/**
 * The registry of interchange record types. Each type names its columns (exactly those of
 * DOMAIN.md "Interchange format"), validates rows one by one into import rows it keeps in
 * memory (SignalImportRow, MeetingImportRow, CaseImportRow), writes them through its writer
 * (signals-writer.ts, meetings-writer.ts, cases-writer.ts: in a Door's transaction), and exports its
 * rows (export-pages.ts). A later record type (trainings, feedback) is one more entry here.
 */
export type ValidateContext = {
  reference: ReferenceIndex;
  issues: IssueList;
  /** Rows dated after this instant are refused. */
  now: number;
  /** A user may import only rows of their own country; system handles may import any. */
  onlyCountry: string | null;
  /** A unit's supervisor imports rows of the unit's own municipality only; system handles any. */
  onlyUnit: string | null;
};

/** Reads a cell of the current row by column name (already trimmed). */
export type Cells = (column: string) => string;

export type Counts = { created: number; updated: number; unchanged: number };
export type ImportSummary = { type: string; rows: number; dryRun: boolean; sha256: string; counts: Record<string, Counts> };

export type WriteOptions = { dryRun: boolean; sha256: string; rows: number; onProgress?: (done: number, total: number) => void };

/** A write either succeeds with counts, or finds problems only the database can see (a signal_ref that does not exist). */
export type WriteResult = { ok: true; counts: Record<string, Counts> } | { ok: false; issues: IssueList };

export interface Collector {
  row(cells: Cells, line: number): void;
  write(door: Door, options: WriteOptions): Promise<WriteResult>;
}

/**
 * A type that writes while it reads (signals.csv, whose files reach millions of rows): in the
 * Door's transaction, each row is validated as it streams and the valid ones are staged in
 * batches (a temporary table), so memory stays bounded; after the last row `finish` runs the
 * checks across rows (adding to the issues) and, only when the file has no problem at all, the
 * set-based writes and the audit entries. A refused file rolls the transaction back.
 */
export interface StreamingCollector {
  row(cells: Cells, line: number): void;
  /** True when enough rows wait to be staged: the importer then awaits `flush`. */
  readonly full: boolean;
  flush(): Promise<void>;
  finish(audit: AuditFn, options: WriteOptions): Promise<WriteResult>;
}

export type ExportQuery = { from?: string; to?: string; jurisdiction?: string };

export interface RecordType {
  name: string;
  columns: readonly string[];
  collect(ctx: ValidateContext): Collector;
  /** When present, imports stream through it instead of `collect` (see StreamingCollector). */
  stream?(ctx: ValidateContext, door: Door, tx: Tx): Promise<StreamingCollector>;
  exportRows(door: Door, query: ExportQuery): AsyncGenerator<string[][]>;
}

const registry = new Map<string, RecordType>();

export function registerRecordType(type: RecordType): void {
  registry.set(type.name, type);
}

export function recordType(name: string): RecordType | undefined {
  return registry.get(name);
}

export function recordTypeNames(): string[] {
  return [...registry.keys()];
}

export function emptyCounts(): Counts {
  return { created: 0, updated: 0, unchanged: 0 };
}
