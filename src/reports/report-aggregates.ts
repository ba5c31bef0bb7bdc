import { sql } from 'kysely';
import type { Door, Tx } from '../policy/door.ts';

/**
 * The monitoring report's aggregates (migration 0025): triggers keep them in step with signals,
 * the children linked to them and meetings, in the same transaction as each change; the report
 * reads only them (monitoring-sql.ts). `safetynet report rebuild` recomputes them from the
 * records — after a restore from an old dump, or to show that they are in step: rebuilding a
 * database whose aggregates are right changes no row (report-aggregates.test.ts).
 */
export const AGGREGATE_TABLES = ['report_signal_days', 'report_meeting_days', 'report_child_counts'] as const;

export type AggregateCounts = Record<(typeof AGGREGATE_TABLES)[number], number>;

async function countRows(tx: Tx): Promise<AggregateCounts> {
  const out = {} as AggregateCounts;
  for (const table of AGGREGATE_TABLES) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(tx);
    out[table] = r.rows[0]!.n;
  }
  return out;
}

/** Recomputes every aggregate from the records in one transaction, audited on the system chain; the rows each table holds after. */
export async function rebuildReportAggregates(door: Door): Promise<AggregateCounts> {
  return door.transaction(async (tx, audit) => {
    await sql`SELECT report_rebuild()`.execute(tx);
    const rows = await countRows(tx);
    await audit([{ action: 'report_rebuild', entity: 'report', outcome: 'ok', detail: { ...rows } }]);
    return rows;
  });
}
