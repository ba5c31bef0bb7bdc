import type { Language } from '../../domain/i18n/languages.ts';

/**
 * Dates typed and shown in a form the way the reader's language writes them — 07.12.2026 in
 * Albanian and Bulgarian, 07/12/2026 in English (British order) — whatever the browser's own
 * locale, which is what a native date input would follow. The form's value stays ISO
 * (YYYY-MM-DD, and YYYY-MM-DDTHH:mm for a wall-clock time), which is what the API takes.
 */
const SEPARATOR: Record<Language, string> = { sq: '.', bg: '.', en: '/' };

const pad = (n: number) => String(n).padStart(2, '0');

/** The language's numeric day, month and year separator. */
export function dateSeparator(language: Language): string {
  return SEPARATOR[language];
}

/** An ISO date (YYYY-MM-DD) as the language writes it; anything else unchanged. */
export function formatDateText(iso: string, language: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const sep = SEPARATOR[language];
  return `${m[3]}${sep}${m[2]}${sep}${m[1]}`;
}

function validDay(y: number, mo: number, d: number): boolean {
  if (y < 1000 || y > 9999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/**
 * What a person typed, as an ISO date, or null when it is not a day: day, month and year in that
 * order with any of . / - or a space between them (the year in four digits), or an ISO date.
 */
export function parseDateText(text: string): string | null {
  const s = text.trim().replace(/\s*г\.?$/u, '');
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const dmy = /^(\d{1,2})[./\-\s]\s*(\d{1,2})[./\-\s]\s*(\d{4})$/.exec(s);
  const [y, mo, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  if (!y || !mo || !d) return null;
  const [yn, mn, dn] = [Number(y), Number(mo), Number(d)];
  return validDay(yn, mn, dn) ? `${yn}-${pad(mn)}-${pad(dn)}` : null;
}

/** A time of day on the 24-hour clock (9:05, 09.05, 0905 → 09:05), or null. */
export function parseTimeText(text: string): string | null {
  const m = /^(\d{1,2})[:.h]?(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [h, mi] = [Number(m[1]), Number(m[2])];
  return h <= 23 && mi <= 59 ? `${pad(h)}:${pad(mi)}` : null;
}

/** A wall-clock value (YYYY-MM-DDTHH:mm) split into its day and time, when it is one. */
export function splitWallClock(value: string): { date: string; time: string } | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  return m ? { date: m[1]!, time: m[2]! } : null;
}
