import { type SqlBool, sql } from 'kysely';
import { checkCode, checkCodes, checkRef } from '../interchange/common-checks.ts';
import { auditExportPage, exportRef, unitRows } from '../interchange/interchange-reach.ts';
import { requireExporter } from '../interchange/export-pages.ts';
import { type Cells, type Collector, type ExportQuery, type RecordType, type ValidateContext, type WriteOptions, registerRecordType } from '../interchange/record-types.ts';
import { parseDate } from '../interchange/values.ts';
import type { Door } from '../policy/door.ts';
import { type ResidentImportRow, writeResidents } from './residents-writer.ts';

/**
 * residents.csv (issue 13 §3): the residents of residential care institutions, historical and
 * current, in the interchange rules of DOMAIN.md — idempotent on `resident_ref`, all or nothing,
 * problems by line and column. A row is a residence of the child of a case (`case_ref`, the
 * importing unit's) at an institution (its name or id): the case's placement and the resident,
 * as admitting in the app makes them; with `left_on`, the residence ended that day with a
 * transition to `transition_target`. The file shape is checked here, the rest in the writer.
 */
export const RESIDENT_COLUMNS = [
  'resident_ref', 'case_ref', 'institution', 'admitted_on', 'admission_reasons', 'parental_rights', 'family_contact', 'left_on', 'transition_target',
] as const;

const TEXT_MAX = 200;

class ResidentsCollector implements Collector {
  readonly rows = new Map<string, ResidentImportRow>();
  constructor(private readonly ctx: ValidateContext) {}

  private date(cells: Cells, column: string, line: number, required: boolean): string | null | undefined {
    const v = cells(column);
    if (v === '') {
      if (required) this.ctx.issues.add(line, column, 'is required');
      return required ? undefined : null;
    }
    const d = parseDate(v);
    if (d === 'format') this.ctx.issues.add(line, column, 'must be a date as YYYY-MM-DD');
    else if (d === 'impossible') this.ctx.issues.add(line, column, 'is not a real calendar date');
    else if (Date.parse(`${d}T00:00:00Z`) > this.ctx.now) this.ctx.issues.add(line, column, 'is in the future');
    else return d;
    return undefined;
  }

  row(cells: Cells, line: number): void {
    const { ctx } = this;
    const before = ctx.issues.total;
    const ref = checkRef(ctx, cells, 'resident_ref', line);
    const caseRef = checkRef(ctx, cells, 'case_ref', line);
    const institution = cells('institution');
    if (institution === '') ctx.issues.add(line, 'institution', 'is required');
    else if (institution.length > TEXT_MAX) ctx.issues.add(line, 'institution', `is longer than ${TEXT_MAX} characters`);
    const admittedOn = this.date(cells, 'admitted_on', line, true);
    const reasons = checkCodes(ctx, cells, 'admission_reasons', line, 'diAdmissionReason', 1);
    const rights = checkCode(ctx, cells, 'parental_rights', line, 'parentalRights');
    const contact = checkCode(ctx, cells, 'family_contact', line, 'familyContact');
    const leftOn = this.date(cells, 'left_on', line, false);
    let target: string | null = null;
    if (leftOn) {
      target = checkCode(ctx, cells, 'transition_target', line, 'diTarget');
      if (admittedOn && leftOn < admittedOn) ctx.issues.add(line, 'left_on', 'is before admitted_on');
    } else if (leftOn === null && cells('transition_target') !== '') {
      ctx.issues.add(line, 'transition_target', 'must be blank unless left_on is given');
    }
    if (ctx.issues.total !== before || !ref || !caseRef || !admittedOn || !reasons || !rights || !contact || leftOn === undefined) return;
    const row: ResidentImportRow = {
      line, ref, caseRef, institution, admittedOn, reasons: [...new Set(reasons)].sort(), parentalRights: rights, familyContact: contact, leftOn, target,
    };
    const known = this.rows.get(ref);
    if (!known) {
      this.rows.set(ref, row);
      return;
    }
    const differs = (['caseRef', 'institution', 'admittedOn', 'parentalRights', 'familyContact', 'leftOn', 'target'] as const).find((k) => known[k] !== row[k])
      ?? (known.reasons.join(';') !== row.reasons.join(';') ? 'reasons' : null);
    const column: Record<string, string> = {
      caseRef: 'case_ref', institution: 'institution', admittedOn: 'admitted_on', parentalRights: 'parental_rights', familyContact: 'family_contact',
      leftOn: 'left_on', target: 'transition_target', reasons: 'admission_reasons',
    };
    if (differs) ctx.issues.add(line, column[differs]!, `differs from line ${known.line} for the same resident_ref`);
  }

  write(door: Door, options: WriteOptions) {
    return writeResidents(door, [...this.rows.values()], options);
  }
}

type ExportRow = {
  id: string; country: string; child_id: string; ref: string; case_ref: string; institution: string; started_on: string; ended_on: string | null;
  admission_reasons: string[]; parental_rights: string; family_contact: string; target: string | null; created_at: Date;
};

/** The residents of the exporter's unit's cases (a system handle: all), a page per transaction with its audit entry. */
async function* exportResidentRows(door: Door, query: ExportQuery): AsyncGenerator<string[][]> {
  requireExporter(door, query);
  const { actor } = door;
  const PAGE = 5000;
  let after: { at: Date; id: string } | null = null;
  for (let n = 1; ; n++) {
    const cursor = after;
    const rows: ExportRow[] = await door.transaction(async (tx, audit) => {
      const found = (await tx.selectFrom('institution_residents as r')
        .innerJoin('placements as p', (j) => j.onRef('p.country', '=', 'r.country').onRef('p.id', '=', 'r.placement_id'))
        .innerJoin('cases as k', (j) => j.onRef('k.country', '=', 'r.country').onRef('k.id', '=', 'r.case_id'))
        .innerJoin('organisations as o', 'o.id', 'p.provider_org_id')
        .leftJoin('di_transitions as t', (j) => j.onRef('t.country', '=', 'r.country').onRef('t.resident_id', '=', 'r.id'))
        .select([
          sql<string>`r.id::text`.as('id'), 'r.country', sql<string>`k.child_id::text`.as('child_id'), sql<string>`coalesce(r.ref, r.id::text)`.as('ref'),
          exportRef(actor, 'k').as('case_ref'), 'o.name as institution', 'p.started_on', 'p.ended_on', 'r.admission_reasons', 'r.parental_rights',
          'r.family_contact', 't.target', 'r.created_at',
        ])
        .where(sql<SqlBool>`${unitRows(actor, 'k', 'cases')}`)
        .$if(Boolean(query.jurisdiction), (q) => q.where('r.country', '=', query.jurisdiction!.slice(0, 2)))
        .$if(Boolean(query.from), (q) => q.where('p.started_on', '>=', query.from!))
        .$if(Boolean(query.to), (q) => q.where('p.started_on', '<=', query.to!))
        .$if(cursor !== null, (q) => q.where(sql<SqlBool>`(r.created_at, r.id) > (${cursor!.at.toISOString()}::timestamptz, ${cursor!.id}::uuid)`))
        .orderBy('r.created_at').orderBy('r.id').limit(PAGE).execute()) as ExportRow[];
      await auditExportPage(door, tx, audit, 'residents', found.map((r) => ({ country: r.country, id: r.child_id })),
        { jurisdiction: query.jurisdiction ?? null, from: query.from ?? null, to: query.to ?? null, page: n, rows: found.length });
      return found;
    });
    if (rows.length === 0) break;
    yield rows.map((r) => [
      r.ref, r.case_ref, r.institution, String(r.started_on), [...r.admission_reasons].sort().join(';'), r.parental_rights, r.family_contact,
      r.ended_on == null ? '' : String(r.ended_on), r.ended_on == null ? '' : (r.target ?? ''),
    ]);
    const last = rows[rows.length - 1]!;
    after = { at: last.created_at, id: last.id };
    if (rows.length < PAGE) break;
  }
}

export const residentsType: RecordType = {
  name: 'residents',
  columns: RESIDENT_COLUMNS,
  collect: (ctx) => new ResidentsCollector(ctx),
  exportRows: (door, query) => exportResidentRows(door, query),
};

registerRecordType(residentsType);
