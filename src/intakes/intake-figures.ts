import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';
import { endOfLocalDay } from '../domain/deadlines.ts';
import { ForbiddenError } from '../errors.ts';
import { hasRole } from '../policy/actor.ts';
import type { Door, Tx } from '../policy/door.ts';
import { type FigureScope, type FigureTable, count, keyLabel, measure, textLabel } from '../reports/figure-table.ts';
import { countryTimeZone, startOfLocalDay } from './intakes.ts';

/**
 * The police-station team's figures (issue 13 §1) for a country or region and a period of local
 * days, as figure tables (src/reports/figure-table.ts): intakes by station and month, by the
 * child's situation with the law, calls by hour of day and by day of week (in the scope's time
 * zone), the median response time per station in minutes, and the shares referred to a unit,
 * screened by it and followed up by a case. An intake counts in the region of the child's
 * municipality (its signal's region), on the local day it was called. Run in a Door's transaction
 * by the caller, who checks the reader and audits; `teamOrgId` narrows to one team's intakes
 * (the team's own page).
 */
type Row = { station_id: string; station_name: string; called_at: Date; arrived_at: Date; legal_situation: string; unit_id: string | null; screened_at: Date | null; has_case: boolean };

const T = 'ui:intakes.figures';
const service = 'police_support' as const;

async function intakeRows(tx: Tx | Transaction<DB>, scope: FigureScope, teamOrgId?: string): Promise<Row[]> {
  let q = tx
    .selectFrom('police_intakes as i')
    .innerJoin('signals as s', (j) => j.onRef('s.country', '=', 'i.country').onRef('s.id', '=', 'i.signal_id'))
    .innerJoin('organisations as station', 'station.id', 'i.station_id')
    .select(['i.station_id', 'station.name as station_name', 'i.called_at', 'i.arrived_at', 'i.legal_situation', 's.unit_id', 's.screened_at'])
    .select((eb) => eb.exists(eb.selectFrom('case_signals as cs').select('cs.case_id').whereRef('cs.country', '=', 's.country').whereRef('cs.signal_id', '=', 's.id')).as('has_case'))
    .where('i.country', '=', scope.country)
    .where('i.called_at', '>=', startOfLocalDay(scope.from, scope.timezone))
    .where('i.called_at', '<=', endOfLocalDay(scope.to, scope.timezone));
  if (scope.region) q = q.where('s.region_code', '=', scope.region);
  if (teamOrgId) q = q.where('i.team_org_id', '=', teamOrgId);
  const rows = await q.orderBy('station.name').orderBy('i.called_at').execute();
  return rows.map((r) => ({ ...r, has_case: Boolean(r.has_case) }));
}

/** The local parts of an instant in a time zone: month `YYYY-MM`, hour 0–23, ISO weekday 1 (Monday)–7. */
function localParts(at: Date, timeZone: string): { month: string; hour: number; weekday: number } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', hour: '2-digit', hourCycle: 'h23', weekday: 'short' })
    .formatToParts(at).map((p) => [p.type, p.value]));
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!) + 1;
  return { month: `${parts.year}-${parts.month}`, hour: Number(parts.hour), weekday };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const share = (part: number, whole: number) => measure(whole === 0 ? null : Math.round((1000 * part) / whole) / 10, whole);
const intakesColumn = [{ code: 'intakes', label: keyLabel(`${T}.intakes`) }];

function tally<K>(keys: K[]): Map<K, number> {
  const out = new Map<K, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

export async function intakeFigures(tx: Transaction<DB>, scope: FigureScope, opts: { teamOrgId?: string } = {}): Promise<FigureTable[]> {
  const rows = await intakeRows(tx, scope, opts.teamOrgId);
  const local = rows.map((r) => ({ ...r, ...localParts(r.called_at, scope.timezone), minutes: Math.round((r.arrived_at.getTime() - r.called_at.getTime()) / 60_000) }));
  const stations = [...new Map(local.map((r) => [r.station_id, r.station_name])).entries()];

  const byStationMonth = tally(local.map((r) => `${r.station_id}|${r.month}`));
  const bySituation = tally(local.map((r) => r.legal_situation));
  const byHour = tally(local.map((r) => r.hour));
  const byWeekday = tally(local.map((r) => r.weekday));
  const n = local.length;

  return [
    {
      id: 'intakes.byStationMonth', service, title: keyLabel(`${T}.byStationMonth`), unit: 'count', columns: intakesColumn,
      rows: [...byStationMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => {
        const [stationId, month] = key.split('|') as [string, string];
        const name = stations.find(([id]) => id === stationId)?.[1] ?? '';
        return { code: key, label: textLabel(`${name} · ${month}`), cells: [count(value)] };
      }),
    },
    {
      id: 'intakes.byLegalSituation', service, title: keyLabel(`${T}.byLegalSituation`), unit: 'count', columns: intakesColumn,
      rows: TAXONOMIES.legalSituation.map((code) => ({ code, label: keyLabel(`taxonomy:legalSituation.${code}`), cells: [count(bySituation.get(code) ?? 0)] })),
    },
    {
      id: 'intakes.byHour', service, title: keyLabel(`${T}.byHour`), unit: 'count', columns: [{ code: 'calls', label: keyLabel(`${T}.calls`) }],
      rows: Array.from({ length: 24 }, (_, h) => ({ code: String(h), label: textLabel(`${String(h).padStart(2, '0')}:00–${String(h).padStart(2, '0')}:59`), cells: [count(byHour.get(h) ?? 0)] })),
      note: keyLabel(`${T}.localTime`),
    },
    {
      id: 'intakes.byWeekday', service, title: keyLabel(`${T}.byWeekday`), unit: 'count', columns: [{ code: 'calls', label: keyLabel(`${T}.calls`) }],
      rows: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ code: String(d), label: keyLabel(`${T}.weekday.${d}`), cells: [count(byWeekday.get(d) ?? 0)] })),
      note: keyLabel(`${T}.localTime`),
    },
    {
      id: 'intakes.responseTime', service, title: keyLabel(`${T}.responseTime`), unit: 'minutes', columns: [{ code: 'median', label: keyLabel(`${T}.median`) }],
      rows: stations.map(([id, name]) => {
        const minutes = local.filter((r) => r.station_id === id).map((r) => r.minutes);
        return { code: id, label: textLabel(name), cells: [measure(median(minutes), minutes.length)] };
      }),
    },
    {
      id: 'intakes.followUp', service, title: keyLabel(`${T}.followUp`), unit: 'percent', columns: [{ code: 'share', label: keyLabel(`${T}.share`) }],
      rows: [
        { code: 'referred', label: keyLabel(`${T}.referred`), cells: [share(local.filter((r) => r.unit_id !== null).length, n)] },
        { code: 'screened', label: keyLabel(`${T}.screened`), cells: [share(local.filter((r) => r.screened_at !== null).length, n)] },
        { code: 'caseOpened', label: keyLabel(`${T}.caseOpened`), cells: [share(local.filter((r) => r.has_case).length, n)] },
      ],
      note: keyLabel(`${T}.followUpNote`),
    },
  ];
}

/**
 * The team's own figures on its page: the same tables for its own intakes (all of its country, any
 * region), a period of the country's local days; audited as a read of the team's figures. No
 * suppression: the team reads every intake behind them whole.
 */
export async function teamFigures(door: Door, period: { from: string; to: string }): Promise<FigureTable[]> {
  const actor = door.actor;
  if (actor.kind !== 'user' || !hasRole(actor, 'police_support')) throw new ForbiddenError('Only the police-station team reads its figures');
  return door.read(async (tx, audit) => {
    const timezone = await countryTimeZone(tx, actor.country);
    const tables = await intakeFigures(tx, { country: actor.country, region: null, timezone, ...period }, { teamOrgId: actor.organisationId });
    await audit([{ chain: actor.country, action: 'read', entity: 'police_intake_figures', entityId: actor.organisationId, reason: 'team', outcome: 'ok', detail: period }]);
    return tables;
  });
}
