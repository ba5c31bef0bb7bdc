import { sql } from 'kysely';
import { deadlinesFor } from '../domain/deadlines.ts';
import { iso } from '../domain/dates.ts';
import { type Door, type Tx } from '../policy/door.ts';
import { anonymiseChildRecords } from './anonymise.ts';

/**
 * Retention (issue 15 §5): a child whose cases are all closed, the last one longer ago than the
 * country's retentionYearsAfterClosure, and none of them on legal hold, is anonymised — each
 * child in a transaction of its own (all of its records or nothing), so an interrupted run
 * leaves no child half done and the next run carries on; a child already anonymised is skipped.
 * A country without retentionYearsAfterClosure anonymises nothing. Children without a case are
 * not touched (retention counts from a case's closure).
 */
export type DueCase = { caseId: string; caseRef: string | null; country: string; closedOn: string; dueOn: string };
export type DueChild = { childId: string; country: string; dueOn: string; cases: DueCase[] };
export type RetentionRun = {
  dryRun: boolean;
  /** Children due (each with its cases), in the order they are anonymised. */
  due: DueChild[];
  anonymised: number;
  /** Due but not done: their transaction failed (retried by the next run). */
  failed: number;
  /** Would be due but a case is on legal hold. */
  held: number;
  /** Stopped before the end (`stopAfter`); the next run carries on. */
  stopped: boolean;
};
export type RetentionOptions = { now?: Date; dryRun?: boolean; stopAfter?: number; log?: (message: string) => void };

type CaseRow = { country: string; child_id: string; id: string; ref: string | null; closed_at: Date | string; held: boolean };

/** A closure plus whole years, as an instant (29 February closes to 1 March in a common year). */
export function retentionDue(closedAt: Date, years: number): Date {
  const d = new Date(closedAt.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

function yearsFor(country: string): number | null {
  try {
    return deadlinesFor(country).retentionYearsAfterClosure ?? null;
  } catch {
    return null;
  }
}

/** Cases of children not yet anonymised whose cases are all closed, oldest child first. */
async function closedCases(tx: Tx, only?: { country: string; childId: string }): Promise<CaseRow[]> {
  const filter = only ? sql`AND ch.country = ${only.country} AND ch.id = ${only.childId}` : sql``;
  const { rows } = await sql<CaseRow>`
    SELECT k.country, k.child_id, k.id, k.ref, k.closed_at,
      EXISTS (SELECT 1 FROM case_legal_holds h WHERE h.country = k.country AND h.case_id = k.id AND h.lifted_at IS NULL) AS held
    FROM cases k JOIN children ch ON ch.country = k.country AND ch.id = k.child_id
    WHERE ch.anonymised_at IS NULL AND ch.merged_into IS NULL ${filter}
      AND NOT EXISTS (SELECT 1 FROM cases o WHERE o.country = k.country AND o.child_id = k.child_id AND (o.status <> 'closed' OR o.closed_at IS NULL))
    ORDER BY k.country, k.child_id, k.closed_at, k.id`.execute(tx);
  return rows;
}

type Grouped = { due: DueChild[]; held: number };

function groupDue(rows: CaseRow[], now: Date): Grouped {
  const byChild = new Map<string, CaseRow[]>();
  for (const r of rows) {
    const key = `${r.country}/${r.child_id}`;
    byChild.set(key, [...(byChild.get(key) ?? []), r]);
  }
  const due: Array<DueChild & { at: number }> = [];
  let held = 0;
  for (const cases of byChild.values()) {
    const country = cases[0]!.country;
    const years = yearsFor(country);
    if (years === null) continue;
    const dues = cases.map((c) => retentionDue(new Date(c.closed_at), years));
    const last = Math.max(...dues.map((d) => d.getTime()));
    if (last > now.getTime()) continue;
    if (cases.some((c) => c.held)) { held += 1; continue; }
    due.push({
      childId: cases[0]!.child_id, country, at: last, dueOn: iso(last).slice(0, 10),
      cases: cases.map((c, i) => ({ caseId: c.id, caseRef: c.ref, country, closedOn: iso(c.closed_at).slice(0, 10), dueOn: iso(dues[i]!).slice(0, 10) })),
    });
  }
  due.sort((a, b) => a.at - b.at || a.childId.localeCompare(b.childId));
  return { due: due.map(({ at: _at, ...d }) => d), held };
}

/** What a run would anonymise now (no names: case numbers and ids, country, closed and due days). */
export async function dueForRetention(door: Door, now = new Date(), country?: string): Promise<Grouped> {
  return door.read(async (tx) => groupDue((await closedCases(tx)).filter((r) => country === undefined || r.country === country), now));
}

/**
 * Anonymises one child in the caller's transaction if still due (checked again under a lock on
 * the child's row, so two runs never do a child twice); false when no longer due.
 */
export async function anonymiseIfDue(tx: Tx, country: string, childId: string, now: Date): Promise<boolean> {
  await sql`SELECT 1 FROM children WHERE country = ${country} AND id = ${childId} FOR UPDATE`.execute(tx);
  const { due } = groupDue(await closedCases(tx, { country, childId }), now);
  if (due.length === 0) return false;
  await anonymiseChildRecords(tx, country, childId, now);
  return true;
}

/** `safetynet retention run [--dry-run]` and the server's daily run; audited with counts only. */
export async function runRetention(door: Door, opts: RetentionOptions = {}): Promise<RetentionRun> {
  const now = opts.now ?? new Date();
  const dryRun = opts.dryRun ?? false;
  const { due, held } = await dueForRetention(door, now);
  const result: RetentionRun = { dryRun, due, anonymised: 0, failed: 0, held, stopped: false };
  if (!dryRun) {
    for (const child of due) {
      if (opts.stopAfter !== undefined && result.anonymised + result.failed >= opts.stopAfter) { result.stopped = true; break; }
      try {
        const done = await door.transaction(async (tx, audit) => {
          const ok = await anonymiseIfDue(tx, child.country, child.childId, now);
          if (ok) {
            await audit([{
              chain: child.country, action: 'anonymise', entity: 'child', entityId: child.childId, childId: child.childId, outcome: 'ok',
              detail: { cases: child.cases.length, dueOn: child.dueOn },
            }]);
          }
          return ok;
        });
        if (done) result.anonymised += 1;
      } catch (err) {
        // The child's transaction rolled back whole; the next run tries again. No child data in the log.
        result.failed += 1;
        opts.log?.(`retention: anonymising a child of ${child.country} failed and was rolled back (${(err as { code?: string }).code ?? (err as Error).name})`);
      }
    }
  }
  await door.auditAlone([{
    action: dryRun ? 'retention_dry_run' : 'retention_run', entity: 'retention', outcome: result.failed > 0 ? 'refused' : 'ok',
    detail: { due: due.length, anonymised: result.anonymised, failed: result.failed, held, stopped: result.stopped },
  }]);
  return result;
}
