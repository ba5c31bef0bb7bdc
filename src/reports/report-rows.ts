import { type Language, resources } from '../domain/i18n/i18n-resources.ts';
import { LAZY_UI_RESOURCES } from '../domain/i18n/lazy-resources.ts';
import type { MonitoringReport } from './report-schema.ts';

/**
 * The report laid out as labelled rows in one language: the common ground of the CSV, XLSX, PDF
 * and text exports, so all four say the same thing in the same words as the web page
 * (labels from the shared locale files).
 */
export type ReportRow = {
  section: string;
  sectionLabel: string;
  code: string;
  label: string;
  count: number | null;
  /** Percent of all signals (harm types only). */
  share: number | null;
  previous: number | null;
  change: number | null;
};

type Tree = { [key: string]: string | Tree };

/** A translated string by dotted key, with {{name}} placeholders filled. */
export function translator(language: Language) {
  const lookup = (tree: unknown, key: string): string | undefined => {
    let node = tree as Tree | string | undefined;
    for (const part of key.split('.')) node = typeof node === 'object' && node ? node[part] : undefined;
    return typeof node === 'string' ? node : undefined;
  };
  return {
    t(key: string, vars: Record<string, string> = {}): string {
      // The strings that load with their pages in the web app (a service's figure labels among them) are the exports' too.
      const text = lookup(resources[language].ui, key) ?? LAZY_UI_RESOURCES.map((r) => lookup(r[language], key)).find((x) => x !== undefined) ?? key;
      return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name] ?? '');
    },
    taxonomy(name: string, code: string): string {
      return lookup(resources[language].taxonomy, `${name}.${code}`) ?? code;
    },
  };
}

const TAXONOMY_OF = {
  bySource: 'signalSource',
  byHarmType: 'harmType',
  byPlace: 'place',
  byPerpetrator: 'perpetrator',
  byType: 'meetingType',
} as const;

export function reportRows(report: MonitoringReport, language: Language, regionNames: Record<string, string> = {}): ReportRow[] {
  const { t, taxonomy } = translator(language);
  const prev = report.previous;
  const rows: ReportRow[] = [];
  const push = (section: string, code: string, label: string, count: number | null, previous: number | null, share: number | null = null) => {
    rows.push({
      section,
      sectionLabel: t(`reports.section.${section.split('.').pop()}`),
      code,
      label,
      count,
      share,
      previous,
      change: count === null || previous === null ? null : count - previous,
    });
  };
  const breakdown = (
    section: string,
    key: keyof typeof TAXONOMY_OF | 'byRegion' | 'byMandatorySector',
    cur: Record<string, number | null>,
    before: Record<string, number | null>,
    share?: Record<string, number | null>,
  ) => {
    for (const [code, n] of Object.entries(cur)) {
      const label =
        key === 'byRegion' ? (regionNames[code] ?? code) : key === 'byMandatorySector' ? t(`reports.item.${code}`) : taxonomy(TAXONOMY_OF[key], code);
      push(`${section}.${key}`, code, label, n, before[code] ?? null, share ? (share[code] ?? null) : null);
    }
  };

  push('signals', 'total', t('reports.item.total'), report.signals.total, prev.signals.total);
  breakdown('signals', 'bySource', report.signals.bySource, prev.signals.bySource);
  breakdown('signals', 'byHarmType', report.signals.byHarmType, prev.signals.byHarmType, report.harmTypeShare);
  breakdown('signals', 'byPlace', report.signals.byPlace, prev.signals.byPlace);
  breakdown('signals', 'byPerpetrator', report.signals.byPerpetrator, prev.signals.byPerpetrator);
  push('children', 'total', t('reports.item.total'), report.children.total, prev.children.total);
  for (const [group, bySex] of Object.entries(report.children.byAgeGroupAndSex)) {
    for (const [sex, n] of Object.entries(bySex)) {
      const label = t('reports.ageGroupAndSex', { ageGroup: group, sex: taxonomy('sex', sex) });
      push('children.byAgeGroupAndSex', `${group}.${sex}`, label, n, prev.children.byAgeGroupAndSex[group]?.[sex] ?? null);
    }
  }
  push('meetings', 'total', t('reports.item.total'), report.meetings.total, prev.meetings.total);
  push('meetings', 'teamsThatMet', t('reports.item.teamsThatMet'), report.meetings.teamsThatMet, prev.meetings.teamsThatMet);
  breakdown('meetings', 'byType', report.meetings.byType, prev.meetings.byType);
  breakdown('meetings', 'byRegion', report.meetings.byRegion, prev.meetings.byRegion);
  breakdown('meetings', 'byMandatorySector', report.meetings.byMandatorySector, prev.meetings.byMandatorySector);
  return rows;
}

/** A count as exported: the number, or the suppressed-cell mark. */
export function shownCount(n: number | null, language: Language): string | number {
  return n === null ? translator(language).t('reports.suppressedCell') : n;
}
