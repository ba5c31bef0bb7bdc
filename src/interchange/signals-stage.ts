import { sql } from 'kysely';
import { iso } from '../domain/dates.ts';
import { nameKey } from '../domain/names.ts';
import type { Tx } from '../policy/door.ts';
import { ISSUE_CAP, IssueList } from './issues.ts';

/**
 * The rows of a signals.csv being imported, staged in a temporary table of the import's
 * transaction (dropped at its end) as they are validated, a batch at a time: memory holds one
 * batch, whatever the file's size. Only rows that passed the checks of one row are staged; the
 * checks across rows run here in SQL, with exactly the outcome of checking row after row in
 * file order:
 * - a row naming a child_ref seen before must give the child as its first row did (else
 *   "differs from line N for the same child_ref" on the first differing column);
 * - a row of a signal_ref seen before (on a row whose child did not differ) must give the signal
 *   as that first row did (else "differs from line N for the same signal_ref");
 * - a row of a signal may not name again a child an earlier good row of the signal named.
 */
export type StagedChild = { ref: string; givenName: string; familyName: string; sex: string; birthDate: string | null };

export type StagedRow = {
  line: number;
  country: string;
  ref: string;
  receivedAt: number;
  screeningDueAt: number;
  jurisdictionCode: string;
  regionCode: string;
  unitId: string | null;
  source: string;
  /** `;`-joined codes, as validated. */
  harmTypes: string;
  place: string;
  perpetrators: string;
  description: string | null;
  child: StagedChild | null;
};

/** The staging tables, all temporary: the file's good rows, then (signals-writer.ts) its signals and children. */
export const STAGE = { rows: 'signal_import_rows', signals: 'signal_import_signals', children: 'signal_import_children' } as const;

const BATCH = 10_000;

export class SignalStage {
  private batch: StagedRow[] = [];
  /** The batch being stored, if any. */
  private sending: Promise<void> | null = null;
  /** Rows staged so far. */
  staged = 0;

  private constructor(readonly tx: Tx) {}

  static async open(tx: Tx): Promise<SignalStage> {
    // Room for the sorts of the checks and the staged rows (temporary tables live in the
    // session's own buffers, which can only be sized before its first temporary table).
    await sql`SET LOCAL work_mem = '64MB'`.execute(tx);
    await sql`SAVEPOINT signal_import_buffers`.execute(tx);
    try {
      await sql`SET LOCAL temp_buffers = '128MB'`.execute(tx);
      await sql`RELEASE SAVEPOINT signal_import_buffers`.execute(tx);
    } catch {
      await sql`ROLLBACK TO SAVEPOINT signal_import_buffers`.execute(tx);
    }
    await sql.raw(`CREATE TEMP TABLE ${STAGE.rows} (
      line integer NOT NULL, country text NOT NULL, ref text NOT NULL, received_at timestamptz NOT NULL, screening_due_at timestamptz NOT NULL,
      jurisdiction_code text NOT NULL, region_code text NOT NULL, unit_id uuid, source text NOT NULL, harm_types text NOT NULL,
      place text NOT NULL, perpetrators text NOT NULL, description text,
      child_ref text, given_name text, family_name text, sex text, birth_date date, name_key text
    ) ON COMMIT DROP`).execute(tx);
    return new SignalStage(tx);
  }

  add(row: StagedRow): void {
    this.batch.push(row);
  }

  get full(): boolean {
    return this.batch.length >= BATCH;
  }

  /**
   * Sends the rows waiting to the staging table, in one statement, and returns as soon as the
   * batch sent before it is stored: the database stores one batch while the next is read and
   * checked (on PostgreSQL, another process). Memory holds at most two batches.
   */
  async flush(): Promise<void> {
    await this.drain();
    const part = this.batch;
    if (part.length === 0) return;
    this.batch = [];
    const sending = this.send(part);
    // Awaited by the next flush or drain; a failure meanwhile is not an unhandled rejection.
    sending.catch(() => {});
    this.sending = sending;
  }

  /** Waits until every batch sent is stored (its failure, if any, is thrown here). */
  async drain(): Promise<void> {
    const sending = this.sending;
    this.sending = null;
    await sending;
  }

  private async send(part: StagedRow[]): Promise<void> {
    const col = <T>(f: (r: StagedRow) => T) => part.map(f);
    await sql`INSERT INTO ${sql.table(STAGE.rows)}
      SELECT * FROM unnest(${col((r) => r.line)}::int[], ${col((r) => r.country)}::text[], ${col((r) => r.ref)}::text[],
        ${col((r) => iso(r.receivedAt))}::timestamptz[], ${col((r) => iso(r.screeningDueAt))}::timestamptz[],
        ${col((r) => r.jurisdictionCode)}::text[], ${col((r) => r.regionCode)}::text[], ${col((r) => r.unitId)}::uuid[],
        ${col((r) => r.source)}::text[], ${col((r) => r.harmTypes)}::text[], ${col((r) => r.place)}::text[],
        ${col((r) => r.perpetrators)}::text[], ${col((r) => r.description)}::text[],
        ${col((r) => r.child?.ref ?? null)}::text[], ${col((r) => r.child?.givenName ?? null)}::text[],
        ${col((r) => r.child?.familyName ?? null)}::text[], ${col((r) => r.child?.sex ?? null)}::text[],
        ${col((r) => r.child?.birthDate ?? null)}::date[],
        ${col((r) => (r.child ? nameKey(r.child.givenName, r.child.familyName) : null))}::text[])`.execute(this.tx);
    this.staged += part.length;
  }

  /** The checks across rows (see above), added to `issues` in line order. */
  async checkAcrossRows(issues: IssueList): Promise<void> {
    await this.flush();
    await this.drain();
    await sql.raw(`ANALYZE ${STAGE.rows}`).execute(this.tx);
    const { rows } = await sql<{ line: number; column: string; first: number | null; kind: 'child' | 'signal' | 'repeat'; total: string | number }>`
      WITH a AS (
        SELECT r.*, first_value(line) OVER c AS child_line,
          CASE WHEN child_ref IS NULL THEN NULL
            WHEN given_name <> first_value(given_name) OVER c THEN 'child_given_name'
            WHEN family_name <> first_value(family_name) OVER c THEN 'child_family_name'
            WHEN sex <> first_value(sex) OVER c THEN 'child_sex'
            WHEN birth_date IS DISTINCT FROM first_value(birth_date) OVER c THEN 'child_birth_date' END AS child_diff
        FROM ${sql.table(STAGE.rows)} r
        WINDOW c AS (PARTITION BY country, child_ref ORDER BY line)
      ), b AS (
        SELECT a.*, first_value(line) OVER s AS signal_line,
          CASE WHEN child_diff IS NOT NULL THEN NULL
            WHEN received_at <> first_value(received_at) OVER s THEN 'received_at'
            WHEN jurisdiction_code <> first_value(jurisdiction_code) OVER s THEN 'location'
            WHEN source <> first_value(source) OVER s THEN 'source'
            WHEN harm_types <> first_value(harm_types) OVER s THEN 'harm_types'
            WHEN place <> first_value(place) OVER s THEN 'place'
            WHEN perpetrators <> first_value(perpetrators) OVER s THEN 'perpetrators'
            WHEN description IS DISTINCT FROM first_value(description) OVER s THEN 'description' END AS signal_diff
        FROM a
        WINDOW s AS (PARTITION BY country, ref, child_diff IS NULL ORDER BY line)
      ), c AS (
        SELECT b.*, CASE WHEN child_ref IS NOT NULL AND child_diff IS NULL AND signal_diff IS NULL
          THEN row_number() OVER (PARTITION BY country, ref, child_ref, child_diff IS NULL AND signal_diff IS NULL ORDER BY line) END AS nth
        FROM b
      )
      SELECT line, coalesce(child_diff, signal_diff, 'child_ref') AS "column",
        CASE WHEN child_diff IS NOT NULL THEN child_line WHEN signal_diff IS NOT NULL THEN signal_line END AS first,
        CASE WHEN child_diff IS NOT NULL THEN 'child' WHEN signal_diff IS NOT NULL THEN 'signal' ELSE 'repeat' END AS kind,
        count(*) OVER () AS total
      FROM c WHERE child_diff IS NOT NULL OR signal_diff IS NOT NULL OR nth > 1
      ORDER BY line LIMIT ${ISSUE_CAP}`.execute(this.tx);
    if (rows.length === 0) return;
    const found = new IssueList();
    for (const r of rows) {
      if (r.kind === 'repeat') found.add(r.line, r.column, 'repeats the child of an earlier row of this signal');
      else found.add(r.line, r.column, `differs from line ${r.first} for the same ${r.kind === 'child' ? 'child_ref' : 'signal_ref'}`);
    }
    // The list keeps the first problems of the file by line, as a read row after row would.
    issues.total += Number(rows[0]!.total);
    issues.items.push(...found.items);
    issues.items.sort((x, y) => x.line - y.line);
    issues.items.length = Math.min(issues.items.length, ISSUE_CAP);
  }
}
