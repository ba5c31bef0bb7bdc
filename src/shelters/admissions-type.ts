import { type SqlBool, sql } from 'kysely';
import { checkCodes, checkRef, checkText } from '../interchange/common-checks.ts';
import { auditExportPage, exportRef, unitRows } from '../interchange/interchange-reach.ts';
import { requireExporter } from '../interchange/export-pages.ts';
import { type Cells, type Collector, type ExportQuery, type RecordType, type ValidateContext, type WriteOptions, registerRecordType } from '../interchange/record-types.ts';
import { parseDate } from '../interchange/values.ts';
import type { Door } from '../policy/door.ts';
import { COMPANION_RELATIONS, DESTINATIONS, REFERRED_BY } from './shelter-codes.ts';
import { type AdmissionImportRow, writeAdmissions } from './admissions-writer.ts';

/**
 * shelter_admissions.csv (issue 13 §2): historical and current stays at an emergency shelter in
 * the interchange rules of DOMAIN.md — idempotent on `admission_ref` (unique per shelter), all or
 * nothing, problems by line and column. A row is the stay of the child of a case (`case_ref`,
 * the importing unit's) at a shelter (its name or id); the case's placement is written from it
 * exactly as the app writes it (shelter-placement.ts: one record, one number). The file's shape
 * is checked here, the rest in admissions-writer.ts.
 */
export const ADMISSION_COLUMNS = [
  'admission_ref', 'case_ref', 'shelter', 'admitted_on', 'referred_by', 'harm_types', 'emergency', 'companion_name', 'companion_relation',
  'discharged_on', 'destination', 'discharged_with',
] as const;

const TEXT_MAX = 200;
const YES_NO = ['yes', 'no'] as const;

class AdmissionsCollector implements Collector {
  readonly rows = new Map<string, AdmissionImportRow>();
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

  private oneOf<T extends string>(cells: Cells, column: string, line: number, values: readonly T[], required: boolean): T | null | undefined {
    const v = cells(column);
    if (v === '') {
      if (required) this.ctx.issues.add(line, column, 'is required');
      return required ? undefined : null;
    }
    if (!(values as readonly string[]).includes(v)) {
      this.ctx.issues.add(line, column, `must be one of: ${values.join(', ')}`);
      return undefined;
    }
    return v as T;
  }

  row(cells: Cells, line: number): void {
    const { ctx } = this;
    const before = ctx.issues.total;
    const ref = checkRef(ctx, cells, 'admission_ref', line);
    const caseRef = checkRef(ctx, cells, 'case_ref', line);
    const shelter = checkText(ctx, cells, 'shelter', line, TEXT_MAX, true);
    const admittedOn = this.date(cells, 'admitted_on', line, true);
    const referredBy = this.oneOf(cells, 'referred_by', line, REFERRED_BY, true);
    const harms = checkCodes(ctx, cells, 'harm_types', line, 'harmType', 1);
    const emergency = this.oneOf(cells, 'emergency', line, YES_NO, true);
    const companionName = checkText(ctx, cells, 'companion_name', line, TEXT_MAX, false);
    const companionRelation = companionName === null
      ? (cells('companion_relation') === '' ? null : (ctx.issues.add(line, 'companion_relation', 'must be blank unless companion_name is given'), undefined))
      : this.oneOf(cells, 'companion_relation', line, COMPANION_RELATIONS, true);
    const dischargedOn = this.date(cells, 'discharged_on', line, false);
    let destination: string | null | undefined = null;
    let dischargedWith: string | null | undefined = null;
    if (dischargedOn === null) {
      if (cells('destination') !== '') ctx.issues.add(line, 'destination', 'must be blank unless discharged_on is given');
      if (cells('discharged_with') !== '') ctx.issues.add(line, 'discharged_with', 'must be blank unless discharged_on is given');
    } else {
      destination = this.oneOf(cells, 'destination', line, DESTINATIONS, true);
      dischargedWith = checkText(ctx, cells, 'discharged_with', line, TEXT_MAX, false);
    }
    if (admittedOn && dischargedOn && dischargedOn < admittedOn) ctx.issues.add(line, 'discharged_on', 'is before admitted_on');
    if (ctx.issues.total !== before || !ref || !caseRef || !shelter || !admittedOn || !referredBy || !harms || !emergency
      || companionName === undefined || companionRelation === undefined || dischargedOn === undefined || destination === undefined || dischargedWith === undefined) return;
    const row: AdmissionImportRow = {
      line, ref, caseRef, shelter, admittedOn, referredBy, harmTypes: [...new Set(harms)].sort(), emergency: emergency === 'yes',
      companionName, companionRelation, dischargedOn, destination, dischargedWith,
    };
    const key = `${shelter.toLowerCase()}\u0000${ref}`;
    const known = this.rows.get(key);
    if (!known) {
      this.rows.set(key, row);
      return;
    }
    const column: Record<string, string> = {
      caseRef: 'case_ref', admittedOn: 'admitted_on', referredBy: 'referred_by', emergency: 'emergency', companionName: 'companion_name',
      companionRelation: 'companion_relation', dischargedOn: 'discharged_on', destination: 'destination', dischargedWith: 'discharged_with', harmTypes: 'harm_types',
    };
    const differs = (['caseRef', 'admittedOn', 'referredBy', 'emergency', 'companionName', 'companionRelation', 'dischargedOn', 'destination', 'dischargedWith'] as const)
      .find((k) => known[k] !== row[k]) ?? (known.harmTypes.join(';') !== row.harmTypes.join(';') ? 'harmTypes' : null);
    if (differs) ctx.issues.add(line, column[differs]!, `differs from line ${known.line} for the same admission_ref`);
  }

  write(door: Door, options: WriteOptions) {
    return writeAdmissions(door, [...this.rows.values()], options);
  }
}

type ExportRow = {
  id: string; country: string; child_id: string; ref: string; case_ref: string; shelter: string; admitted_on: string; referred_by: string;
  harm_types: string[]; emergency: boolean; companion_name: string | null; companion_relation: string | null; discharged_on: string | null;
  destination: string | null; discharged_with: string | null; created_at: Date;
};

/**
 * The admissions linked to the exporter's unit's cases (a system handle: all), a page per
 * transaction with its audit entry. An emergency admission not yet linked to a case is not in the
 * file (a row needs its case_ref): the unit links it in the app first.
 */
async function* exportAdmissionRows(door: Door, query: ExportQuery): AsyncGenerator<string[][]> {
  requireExporter(door, query);
  const { actor } = door;
  const PAGE = 5000;
  let after: { at: Date; id: string } | null = null;
  for (let n = 1; ; n++) {
    const cursor = after;
    const rows: ExportRow[] = await door.transaction(async (tx, audit) => {
      const found = (await tx.selectFrom('shelter_admissions as a')
        .innerJoin('cases as k', (j) => j.onRef('k.country', '=', 'a.country').onRef('k.id', '=', 'a.case_id'))
        .innerJoin('organisations as o', 'o.id', 'a.shelter_org_id')
        .select([
          sql<string>`a.id::text`.as('id'), 'a.country', sql<string>`a.child_id::text`.as('child_id'), sql<string>`coalesce(a.ref, a.id::text)`.as('ref'),
          exportRef(actor, 'k').as('case_ref'), 'o.name as shelter', 'a.admitted_on', 'a.referred_by', 'a.harm_types', 'a.emergency', 'a.companion_name',
          'a.companion_relation', 'a.discharged_on', 'a.destination', 'a.discharged_with', 'a.created_at',
        ])
        .where(sql<SqlBool>`${unitRows(actor, 'k', 'cases')}`)
        .$if(Boolean(query.jurisdiction), (q) => q.where('a.country', '=', query.jurisdiction!.slice(0, 2)))
        .$if(Boolean(query.from), (q) => q.where('a.admitted_on', '>=', query.from!))
        .$if(Boolean(query.to), (q) => q.where('a.admitted_on', '<=', query.to!))
        .$if(cursor !== null, (q) => q.where(sql<SqlBool>`(a.created_at, a.id) > (${cursor!.at.toISOString()}::timestamptz, ${cursor!.id}::uuid)`))
        .orderBy('a.created_at').orderBy('a.id').limit(PAGE).execute()) as ExportRow[];
      await auditExportPage(door, tx, audit, 'shelter_admissions', found.map((r) => ({ country: r.country, id: r.child_id })),
        { jurisdiction: query.jurisdiction ?? null, from: query.from ?? null, to: query.to ?? null, page: n, rows: found.length });
      return found;
    });
    if (rows.length === 0) break;
    yield rows.map((r) => [
      r.ref, r.case_ref, r.shelter, String(r.admitted_on), r.referred_by, [...r.harm_types].sort().join(';'), r.emergency ? 'yes' : 'no',
      r.companion_name ?? '', r.companion_relation ?? '', r.discharged_on == null ? '' : String(r.discharged_on), r.destination ?? '', r.discharged_with ?? '',
    ]);
    const last = rows[rows.length - 1]!;
    after = { at: last.created_at, id: last.id };
    if (rows.length < PAGE) break;
  }
}

export const shelterAdmissionsType: RecordType = {
  name: 'shelter_admissions',
  columns: ADMISSION_COLUMNS,
  collect: (ctx) => new AdmissionsCollector(ctx),
  exportRows: (door, query) => exportAdmissionRows(door, query),
};

registerRecordType(shelterAdmissionsType);
