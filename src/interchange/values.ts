/**
 * Cell values of the interchange format: dates, instants in a country's local time, and
 * `;`-separated code lists.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** No record of the safety net begins before 1900: an earlier year is a typing mistake. */
function realDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** A calendar date that exists, as YYYY-MM-DD; 2019-02-30 is refused. */
export function parseDate(text: string): string | 'format' | 'impossible' {
  const m = DATE.exec(text);
  if (!m) return 'format';
  return realDate(Number(m[1]), Number(m[2]), Number(m[3])) ? text : 'impossible';
}

// Offsets of a time zone, cached per hour: Intl is too slow to ask once per row of a big file.
const offsetCache = new Map<string, Map<number, number>>();
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC in minutes at an instant. */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  const hour = Math.floor(ms / 3_600_000);
  let byHour = offsetCache.get(zone);
  if (!byHour) offsetCache.set(zone, (byHour = new Map()));
  const cached = byHour.get(hour);
  if (cached !== undefined) return cached;
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(zone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(hour * 3_600_000))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  const offset = Math.round((asUtc - hour * 3_600_000) / 60_000);
  if (byHour.size > 500_000) byHour.clear();
  byHour.set(hour, offset);
  return offset;
}

export type Instant = { ms: number; localDate: string };

/**
 * A date (local midnight) or an ISO date-time; without an offset it is the country's local
 * time. `localDate` is the calendar day in that country, for comparing with a birth date.
 */
export function parseInstant(text: string, zone: string): Instant | 'format' | 'impossible' {
  const dm = DATE.exec(text);
  const m = dm ?? DATETIME.exec(text);
  if (!m) return 'format';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!realDate(y, mo, d)) return 'impossible';
  const h = dm ? 0 : Number(m[4]);
  const mi = dm ? 0 : Number(m[5]);
  const s = dm || m[6] === undefined ? 0 : Number(m[6]);
  const frac = dm || m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (h > 23 || mi > 59 || s > 59) return 'impossible';
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, frac);
  const tz = dm ? undefined : m[8];
  let ms: number;
  let local: string | null = null;
  if (tz === 'Z') ms = wall;
  else if (tz) {
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 14 || om > 59) return 'impossible';
    ms = wall - sign * (oh * 60 + om) * 60_000;
  } else {
    // Local wall time: subtract the offset in force then (checked twice around DST changes).
    let guess = wall - zoneOffsetMinutes(wall, zone) * 60_000;
    guess = wall - zoneOffsetMinutes(guess, zone) * 60_000;
    ms = guess;
    // Written in local time: its calendar day is the one written.
    local = text.slice(0, 10);
  }
  return { ms, localDate: local ?? localDateOf(ms, zone) };
}

export function localDateOf(ms: number, zone: string): string {
  return new Date(ms + zoneOffsetMinutes(ms, zone) * 60_000).toISOString().slice(0, 10);
}

/** An instant written in the zone's local time with its offset: 2019-03-10T14:00:00+02:00. */
export function formatLocal(ms: number, zone: string): string {
  const off = zoneOffsetMinutes(ms, zone);
  // Milliseconds only when there are some (records made in the app), so a round trip is exact.
  const wall = new Date(ms + off * 60_000).toISOString().slice(0, ms % 1000 === 0 ? 19 : 23);
  const a = Math.abs(off);
  return `${wall}${off < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** `a;b;c` → codes, trimmed, blanks dropped, repeats removed (order kept). */
export function splitCodes(text: string): string[] {
  if (text === '') return [];
  const out: string[] = [];
  for (const part of text.split(';')) {
    const code = part.trim();
    if (code && !out.includes(code)) out.push(code);
  }
  return out;
}
