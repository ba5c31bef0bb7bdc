import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ForbiddenError, InputError } from '../errors.ts';
import { type Actor, hasRole } from '../policy/actor.ts';
import type { Door } from '../policy/door.ts';

/**
 * Who may get which monitoring report (DOMAIN.md, "The monitoring report"):
 * - `monitor`: their organisation's jurisdiction — a national agency its country and any region
 *   of it, a regional agency its region. Monitors have no access to identifiable data, so small
 *   cells are suppressed for them.
 * - `supervisor`: their country's report, or any region of it; a supervisor sees identifiable
 *   records of their unit, so nothing is suppressed.
 * - a named system handle (the CLI, an operator with database access): any, unsuppressed.
 * Everyone else: 403. Whoever is entitled gets the same figures: the scope decides only which
 * jurisdiction may be asked for and whether small cells are hidden, never which rows count.
 */

export type ReportScope = {
  /** The jurisdiction reported on: a country (BG) or a region (BG-16). */
  code: string;
  country: string;
  level: 'country' | 'region';
  timezone: string;
  suppress: boolean;
};

export type ReportRequest = {
  from?: string; to?: string; jurisdiction?: string | undefined; format: string;
  /** Which report: the monitoring report (default), the services' figures, or the trainings' figures of their keepers. */
  report?: 'monitoring' | 'services' | 'trainings';
};

type Jurisdiction = { code: string; country: string; level: string; parent_code: string | null; timezone: string };

async function findJurisdiction(db: Kysely<DB>, code: string): Promise<Jurisdiction | undefined> {
  return db.selectFrom('jurisdictions').select(['code', 'country', 'level', 'parent_code', 'timezone']).where('code', '=', code).executeTakeFirst();
}

/** The monitor's own jurisdiction as a country or region; null when their agency sits lower. */
async function monitorHome(db: Kysely<DB>, actor: Actor): Promise<Jurisdiction | null> {
  if (actor.kind !== 'user') return null;
  const home = await findJurisdiction(db, actor.jurisdictionCode);
  return home && (home.level === 'country' || home.level === 'region') ? home : null;
}

function defaultJurisdiction(actor: Actor, home: Jurisdiction | null): string | undefined {
  if (actor.kind !== 'user') return undefined;
  if (hasRole(actor, 'supervisor')) return actor.country;
  return home?.code ?? actor.country;
}

/** Resolves the requested (or default) jurisdiction and the caller's right to its report. */
export async function resolveReportScope(db: Kysely<DB>, actor: Actor, requested?: string): Promise<ReportScope> {
  if (actor.kind === 'user' && !hasRole(actor, 'supervisor', 'monitor')) {
    throw new ForbiddenError('Only supervisors and monitors may read the monitoring report');
  }
  const home = hasRole(actor, 'monitor') ? await monitorHome(db, actor) : null;
  const code = requested ?? defaultJurisdiction(actor, home);
  if (!code) throw new InputError('Give a jurisdiction: a country or region code', [{ path: 'jurisdiction', message: 'is required' }]);
  const j = await findJurisdiction(db, code);
  if (!j || (j.level !== 'country' && j.level !== 'region')) {
    throw new InputError('The jurisdiction must be a known country or region', [{ path: 'jurisdiction', message: 'is not a known country or region' }]);
  }
  let suppress = false;
  if (actor.kind === 'user') {
    const asSupervisor = hasRole(actor, 'supervisor') && j.country === actor.country;
    const asMonitor = !!home && (home.level === 'country' ? j.country === home.code : j.code === home.code);
    if (!asSupervisor && !asMonitor) throw new ForbiddenError('This report is outside your jurisdiction');
    // A user who is also a supervisor of the country has identifiable access: nothing to hide.
    suppress = !asSupervisor;
  }
  return { code: j.code, country: j.country, level: j.level as 'country' | 'region', timezone: j.timezone, suppress };
}

/**
 * Runs a report for the door's actor: checks the scope, computes it in one read-only transaction
 * — on the reports replica when the deployment has one (Door.readReport) — and appends its audit
 * entry on the primary before answering (action `report` on the country's chain; the detail names
 * the period, the jurisdiction, the format — `latest-period` for the question which period has
 * data —, and where the figures were read, never a figure), and audits a refusal on its own.
 */
export async function runReport<T>(
  door: Door,
  request: ReportRequest,
  compute: (tx: Transaction<DB>, scope: ReportScope) => Promise<T>,
  /** Who may read which jurisdiction: the monitoring report's readers unless a report has its own (the trainings' keepers). */
  resolve: (db: Kysely<DB>, actor: Actor, requested?: string) => Promise<ReportScope> = resolveReportScope,
): Promise<T> {
  const report = request.report ?? 'monitoring';
  const detail = { report, from: request.from ?? null, to: request.to ?? null, jurisdiction: request.jurisdiction ?? null, format: request.format };
  try {
    return await door.readReport(async (tx, audit, source) => {
      const scope = await resolve(tx, door.actor, request.jurisdiction);
      const result = await compute(tx, scope);
      await audit([{ chain: scope.country, action: 'report', entity: `${report}_report`, entityId: scope.code, outcome: 'ok', detail: { ...detail, jurisdiction: scope.code, suppressed: scope.suppress, source } }]);
      return result;
    });
  } catch (err) {
    if (err instanceof ForbiddenError) {
      // On the caller's own chain: the jurisdiction asked for may not even exist.
      await door.auditAlone([{ action: 'report', entity: `${report}_report`, entityId: request.jurisdiction ?? null, outcome: 'denied', detail }]);
    }
    throw err;
  }
}
