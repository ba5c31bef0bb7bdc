import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formattersFor } from './format.ts';
import { fromWallClock, wallClock, wallDay } from './time-zone.ts';

/**
 * Times are shown in the unit's zone whatever the machine's: the process runs these in New York
 * (set here, not left to the machine), and the unit's zone comes through the formatters' option.
 */
const saved = process.env.TZ;
beforeAll(() => { process.env.TZ = 'America/New_York'; });
afterAll(() => { if (saved === undefined) delete process.env.TZ; else process.env.TZ = saved; });

/** The end of 20 November 2026 in Tirana (CET, UTC+1): 21 November 00:59 in Sofia (EET). */
const END_OF_DAY_TIRANA = '2026-11-20T22:59:59.999Z';
const AFTERNOON = '2026-11-20T12:05:00Z';
const norm = (s: string) => s.replace(/\s/g, ' ');

describe('times in the unit’s zone', () => {
  it('runs in another zone than the units’ (the check below would pass by chance otherwise)', () => {
    expect(new Date(END_OF_DAY_TIRANA).getHours()).toBe(17);
    expect(norm(formattersFor('en').dateTime(END_OF_DAY_TIRANA))).toBe('20 Nov 2026, 17:59');
  });

  it('writes an instant in Tirana’s and in Sofia’s zone, in each language, on a 24-hour clock', () => {
    expect(norm(formattersFor('en', 'Europe/Tirane').dateTime(END_OF_DAY_TIRANA))).toBe('20 Nov 2026, 23:59');
    expect(norm(formattersFor('en', 'Europe/Sofia').dateTime(END_OF_DAY_TIRANA))).toBe('21 Nov 2026, 00:59');
    expect(norm(formattersFor('sq', 'Europe/Tirane').dateTime(END_OF_DAY_TIRANA))).toBe('20 nën 2026, 23:59');
    expect(norm(formattersFor('sq', 'Europe/Sofia').dateTime(END_OF_DAY_TIRANA))).toBe('21 nën 2026, 00:59');
    expect(norm(formattersFor('bg', 'Europe/Sofia').dateTime(END_OF_DAY_TIRANA))).toBe('21.11.2026 г., 0:59');
    expect(norm(formattersFor('bg', 'Europe/Tirane').dateTime(END_OF_DAY_TIRANA))).toBe('20.11.2026 г., 23:59');
  });

  it('never writes a 12-hour clock', () => {
    for (const language of ['sq', 'bg', 'en']) {
      const text = formattersFor(language, 'Europe/Tirane').dateTime(AFTERNOON);
      expect(text).toMatch(/13:05/);
      expect(text).not.toMatch(/PM|pm|p\.m\.|MD|пл/);
    }
  });

  it('writes an instant’s day as the unit’s day, and a bare date as that day', () => {
    const late = '2026-11-20T22:30:00Z';
    expect(formattersFor('en', 'Europe/Tirane').date(late)).toBe('20 Nov 2026');
    expect(formattersFor('en', 'Europe/Sofia').date(late)).toBe('21 Nov 2026');
    expect(norm(formattersFor('bg', 'Europe/Sofia').date(late))).toBe('21.11.2026 г.');
    expect(formattersFor('en', 'Europe/Sofia').date('2026-11-20')).toBe('20 Nov 2026');
    expect(formattersFor('sq', 'Europe/Tirane').date('2026-11-20')).toBe('20 nën 2026');
  });
});

describe('date and time inputs in the unit’s zone', () => {
  it('reads a typed day and time as the unit’s wall clock, daylight saving included', () => {
    expect(fromWallClock('2026-11-20T23:59', 'Europe/Tirane')).toBe('2026-11-20T23:59:00+01:00');
    expect(fromWallClock('2026-07-20T10:00', 'Europe/Sofia')).toBe('2026-07-20T10:00:00+03:00');
    expect(fromWallClock('2026-11-20T10:00', 'Europe/Sofia')).toBe('2026-11-20T10:00:00+02:00');
    expect(fromWallClock('not a time', 'Europe/Sofia')).toBe('not a time');
  });

  it('fills an input with the unit’s wall clock and day, not the machine’s', () => {
    expect(wallClock(new Date(END_OF_DAY_TIRANA), 'Europe/Tirane')).toBe('2026-11-20T23:59');
    expect(wallDay(new Date('2026-11-20T22:30:00Z'), 'Europe/Sofia')).toBe('2026-11-21');
    expect(wallDay(new Date('2026-11-20T22:30:00Z'), 'Europe/Tirane')).toBe('2026-11-20');
  });
});
