import type { MonitoringCore, MonitoringReport } from './report-schema.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';
import { type HiddenSections, suppressFigures } from './suppression.ts';

/**
 * Pure rules of the monitoring report (DOMAIN.md, "The monitoring report"): the previous period,
 * the zero-filled breakdowns, the harm-type shares and small-cell suppression (suppression.ts). No database here,
 * so each rule is unit-tested on its own.
 */

export type Counts = Record<string, number | null>;
export type Period = { from: string; to: string };
export type Figures = Omit<MonitoringCore, 'jurisdiction'>;

const DAY = 86_400_000;
const toDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function isMonthStart(iso: string): boolean {
  return iso.endsWith('-01');
}
function isMonthEnd(iso: string): boolean {
  return toIso(toDay(iso) + DAY).endsWith('-01');
}

/**
 * The period of the same length immediately before. A period of whole calendar months (a year,
 * a quarter) is compared with the same number of months before it, so 2020 (366 days) is
 * compared with 2019, not with 2018-12-31…2019-12-31; any other period with the same number of
 * days before it.
 */
export function previousPeriod(period: Period): Period {
  if (isMonthStart(period.from) && isMonthEnd(period.to)) {
    const [fy, fm] = period.from.split('-').map(Number) as [number, number];
    const [ty, tm] = period.to.split('-').map(Number) as [number, number];
    const months = (ty - fy) * 12 + (tm - fm) + 1;
    const start = new Date(Date.UTC(fy, fm - 1 - months, 1));
    const end = Date.UTC(fy, fm - 1, 1) - DAY;
    return { from: toIso(start.getTime()), to: toIso(end) };
  }
  const days = Math.round((toDay(period.to) - toDay(period.from)) / DAY) + 1;
  const to = toDay(period.from) - DAY;
  return { from: toIso(to - (days - 1) * DAY), to: toIso(to) };
}

/** Every code of a taxonomy with 0, then the counts found (a code outside the taxonomy is kept too). */
export function zeroFilled(codes: readonly string[], found: Iterable<[string, number]> = []): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(codes.map((c) => [c, 0]));
  for (const [code, n] of found) out[code] = (out[code] ?? 0) + n;
  return out;
}

/** Empty figures for a period: every code of every breakdown with zero. */
export function emptyFigures(period: Period, regions: readonly string[]): Figures {
  return {
    period,
    signals: {
      total: 0,
      bySource: zeroFilled(TAXONOMIES.signalSource),
      byHarmType: zeroFilled(TAXONOMIES.harmType),
      byPlace: zeroFilled(TAXONOMIES.place),
      byPerpetrator: zeroFilled(TAXONOMIES.perpetrator),
    },
    children: {
      total: 0,
      byAgeGroupAndSex: Object.fromEntries(TAXONOMIES.ageGroup.map((g) => [g, zeroFilled(TAXONOMIES.sex)])),
    },
    meetings: {
      total: 0,
      byType: zeroFilled(TAXONOMIES.meetingType),
      byRegion: zeroFilled(regions),
      byMandatorySector: { social_services: 0, police: 0, education: 0, lackingOne: 0 },
      teamsThatMet: 0,
    },
  };
}

/** 100 × count / total, to one decimal; null where the count or the total is suppressed; 0 without signals. */
export function harmTypeShare(byHarmType: Counts, total: number | null): Counts {
  const out: Counts = {};
  for (const [code, n] of Object.entries(byHarmType)) {
    out[code] = n === null || total === null ? null : total === 0 ? 0 : Math.round((1000 * n) / total) / 10;
  }
  return out;
}

/** The whole report from the figures of both periods. */
export function assembleReport(
  jurisdiction: string,
  current: Figures,
  previous: Figures,
  opts: { suppress: boolean; regionLevel: boolean; generatedAt?: Date; byRegions?: [HiddenSections, HiddenSections] },
): MonitoringReport {
  const hit = { any: false };
  const cur = opts.suppress ? suppressFigures(current, opts.regionLevel, hit, opts.byRegions?.[0]) : current;
  const prev = opts.suppress ? suppressFigures(previous, opts.regionLevel, hit, opts.byRegions?.[1]) : previous;
  return {
    period: cur.period,
    jurisdiction,
    signals: cur.signals,
    children: cur.children,
    meetings: cur.meetings,
    harmTypeShare: harmTypeShare(cur.signals.byHarmType, cur.signals.total),
    previous: prev,
    suppressed: hit.any,
    generatedAt: (opts.generatedAt ?? new Date()).toISOString(),
  };
}
