import { LOCALES, isLanguage } from './languages.ts';
import { formatPercent } from './numbers.ts';

/** Dates and numbers written the way the reader's language writes them. */
export interface Formatters {
  /** An ISO calendar date (YYYY-MM-DD) as that day; a timestamp as its day in the time zone. */
  date(value: string | null | undefined): string;
  /** A timestamp as day and time in the time zone, on a 24-hour clock. */
  dateTime(value: string | null | undefined): string;
  number(value: number): string;
  /** A share in per cent (12.3), written „12,3 %“ in bg, „12,3%“ in sq, „12.3%“ in en. */
  percent(value: number): string;
}

/**
 * Some browsers ship without Albanian locale data (Debian's Chromium), and would silently write
 * dates the American way. There, dates fall back to the numeric day.month.year form used in
 * Albania and Bulgaria, and numbers to a locale with the same separators (space, comma).
 */
const NUMERIC_DATE = { day: '2-digit', month: '2-digit', year: 'numeric' } as const;
const NUMERIC_TIME = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

function supported(locale: string): boolean {
  return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
}

/**
 * `timeZone` is the unit's (time-zone.ts): times are shown there, whatever the browser's zone;
 * without one, in the browser's.
 */
export function formattersFor(language: string, timeZone?: string): Formatters {
  const locale = isLanguage(language) ? LOCALES[language] : 'en-GB';
  const native = supported(locale);
  const dateLocale = native ? locale : 'de-DE';
  const dateStyle = native ? ({ dateStyle: 'medium' } as const) : NUMERIC_DATE;
  const timeStyle = native ? ({ timeStyle: 'short', hourCycle: 'h23' } as const) : NUMERIC_TIME;
  const zone = timeZone ? { timeZone } : {};
  // A bare date has no time zone: format it in UTC so it never shifts by a day.
  const dateOnly = new Intl.DateTimeFormat(dateLocale, { ...dateStyle, timeZone: 'UTC' });
  const date = new Intl.DateTimeFormat(dateLocale, { ...dateStyle, ...zone });
  const dateTime = new Intl.DateTimeFormat(dateLocale, { ...dateStyle, ...timeStyle, ...zone });
  const number = new Intl.NumberFormat(native ? locale : 'fr-FR');
  const parse = (value: string) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return {
    date: (value) => {
      if (!value) return '';
      const d = parse(value);
      if (Number.isNaN(d.getTime())) return value;
      return (/^\d{4}-\d{2}-\d{2}$/.test(value) ? dateOnly : date).format(d);
    },
    dateTime: (value) => {
      if (!value) return '';
      const d = parse(value);
      return Number.isNaN(d.getTime()) ? value : dateTime.format(d);
    },
    number: (value) => number.format(value),
    percent: (value) => formatPercent(language, value),
  };
}
