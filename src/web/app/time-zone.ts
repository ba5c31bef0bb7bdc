import { useSyncExternalStore } from 'react';
import { TZDate } from '@date-fns/tz';

/**
 * The time zone every time is shown and typed in: the signed-in user's unit's (its jurisdiction's
 * zone, from /auth/me), whatever the browser's own zone. Before anyone signs in, the browser's.
 * The session queries (auth/queries.ts) set it; pages read it through useFormat and the helpers
 * below, so that a worker travelling, or a computer set to another zone, sees the unit's days.
 */
let current: string | undefined;
const listeners = new Set<() => void>();

export function setDisplayTimeZone(timeZone: string | undefined): void {
  if (timeZone === current) return;
  current = timeZone;
  for (const listener of listeners) listener();
}

/** The unit's zone, or undefined (the browser's) when nobody is signed in. */
export function displayTimeZone(): string | undefined {
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useDisplayTimeZone(): string | undefined {
  return useSyncExternalStore(subscribe, displayTimeZone, displayTimeZone);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall clock of an instant in a zone (the browser's when none), as YYYY-MM-DDTHH:mm. */
export function wallClock(at: Date, timeZone = displayTimeZone()): string {
  const d = timeZone ? new TZDate(at, timeZone) : at;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The calendar day (YYYY-MM-DD) of an instant in the zone: "today" for a date input. */
export function wallDay(at: Date, timeZone = displayTimeZone()): string {
  return wallClock(at, timeZone).slice(0, 10);
}

/**
 * A datetime-local value (YYYY-MM-DDTHH:mm[:ss]) read as the zone's wall clock, written as an
 * ISO instant with that zone's offset on that day (daylight saving included). What is not such a
 * value passes through unchanged, for the server's validation to name.
 */
export function fromWallClock(local: string, timeZone = displayTimeZone()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return local;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const at = timeZone ? new TZDate(y, mo - 1, d, h, mi, s, timeZone) : new Date(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(at.getTime())) return local;
  const minutes = timeZone ? -new TZDate(at.getTime(), timeZone).getTimezoneOffset() : -at.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A zone's name in a language ("Central European Time", "Централноевропейско време"), or its IANA name. */
export function zoneName(timeZone: string, locale: string): string {
  try {
    const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName');
    return part && !/^GMT|^UTC/.test(part.value) ? part.value : timeZone;
  } catch {
    return timeZone;
  }
}
