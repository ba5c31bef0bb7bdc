import { CLOSURE_REASONS } from '../cases/case-workflow.ts';
import type { Door } from '../policy/door.ts';
import { type CaseImportRow, writeCases } from './cases-writer.ts';
import { exportCaseRows } from './export-pages.ts';
import { checkCode, checkRef } from './common-checks.ts';
import { type Cells, type Collector, type RecordType, type ValidateContext, type WriteOptions, registerRecordType } from './record-types.ts';
import { parseInstant } from './values.ts';

/**
 * cases.csv. What the file alone can tell is checked here (formats, codes, closure fields
 * present iff closed); what needs the database (the unit by name or id, the child by child_ref,
 * times read in the unit's time zone, one active case per child) is checked in the write's
 * transaction (src/interchange/cases-writer.ts) and reported by line and column the same way.
 */
export const CASE_COLUMNS = ['case_ref', 'child_ref', 'opened_at', 'unit', 'status', 'risk_level', 'closed_at', 'closure_reason'] as const;

/** The statuses a file may carry: pending closures and transfers are steps inside the app. */
export const IMPORT_STATUSES = ['open', 'assessed', 'plan_in_force', 'closed'] as const;

const UNIT_TEXT_MAX = 200;

class CasesCollector implements Collector {
  readonly cases = new Map<string, CaseImportRow>();

  constructor(private readonly ctx: ValidateContext) {}

  /** Only the shape of a time here; its zone (the unit's) is known in the write. */
  private instantShape(cells: Cells, column: string, line: number, required: boolean): string | null | undefined {
    const v = cells(column);
    if (v === '') {
      if (required) this.ctx.issues.add(line, column, 'is required');
      return required ? undefined : null;
    }
    const at = parseInstant(v, 'UTC');
    if (at === 'format') this.ctx.issues.add(line, column, 'must be a date (YYYY-MM-DD) or date and time (YYYY-MM-DDTHH:MM[:SS][offset])');
    else if (at === 'impossible') this.ctx.issues.add(line, column, 'is not a real date or time');
    else return v;
    return undefined;
  }

  row(cells: Cells, line: number): void {
    const { ctx } = this;
    const before = ctx.issues.total;
    const ref = checkRef(ctx, cells, 'case_ref', line);
    const childRef = checkRef(ctx, cells, 'child_ref', line);
    const openedAt = this.instantShape(cells, 'opened_at', line, true);
    const unit = cells('unit');
    if (unit === '') ctx.issues.add(line, 'unit', "is required (the Child Protection Unit's name or id)");
    else if (unit.length > UNIT_TEXT_MAX) ctx.issues.add(line, 'unit', `is longer than ${UNIT_TEXT_MAX} characters`);
    const status = cells('status');
    if (status === '') ctx.issues.add(line, 'status', 'is required');
    else if (!(IMPORT_STATUSES as readonly string[]).includes(status)) ctx.issues.add(line, 'status', `must be one of: ${IMPORT_STATUSES.join(', ')}`);
    const risk = checkCode(ctx, cells, 'risk_level', line, 'riskLevel');
    const closed = status === 'closed';
    let closedAt: string | null | undefined = null;
    let reason: string | null = null;
    if (closed) {
      closedAt = this.instantShape(cells, 'closed_at', line, true);
      const r = cells('closure_reason');
      if (r === '') ctx.issues.add(line, 'closure_reason', 'is required when status is closed');
      else if (!(CLOSURE_REASONS as readonly string[]).includes(r)) ctx.issues.add(line, 'closure_reason', `must be one of: ${CLOSURE_REASONS.join(', ')}`);
      else reason = r;
    } else if (IMPORT_STATUSES.some((s) => s === status)) {
      // Only a closed case has a closure: a date or reason on an open one is a mistake in the file.
      if (cells('closed_at') !== '') ctx.issues.add(line, 'closed_at', 'must be blank unless status is closed');
      if (cells('closure_reason') !== '') ctx.issues.add(line, 'closure_reason', 'must be blank unless status is closed');
    }
    if (ctx.issues.total !== before || !ref || !childRef || !openedAt || !risk || closedAt === undefined) return;
    const caseRow: CaseImportRow = {
      line, ref, childRef, unit, openedAt, status: status as CaseImportRow['status'], riskLevel: risk as CaseImportRow['riskLevel'],
      closedAt, closureReason: reason as CaseImportRow['closureReason'], now: ctx.now, onlyCountry: ctx.onlyCountry,
    };
    const known = this.cases.get(ref);
    if (!known) {
      this.cases.set(ref, caseRow);
      return;
    }
    const differs =
      known.childRef !== caseRow.childRef ? 'child_ref'
      : known.openedAt !== caseRow.openedAt ? 'opened_at'
      : known.unit !== caseRow.unit ? 'unit'
      : known.status !== caseRow.status ? 'status'
      : known.riskLevel !== caseRow.riskLevel ? 'risk_level'
      : known.closedAt !== caseRow.closedAt ? 'closed_at'
      : known.closureReason !== caseRow.closureReason ? 'closure_reason'
      : null;
    if (differs) ctx.issues.add(line, differs, `differs from line ${known.line} for the same case_ref`);
  }

  write(door: Door, options: WriteOptions) {
    return writeCases(door, [...this.cases.values()], options);
  }
}

export const casesType: RecordType = {
  name: 'cases',
  columns: CASE_COLUMNS,
  collect: (ctx) => new CasesCollector(ctx),
  exportRows: (door, query) => exportCaseRows(door, query),
};

registerRecordType(casesType);
