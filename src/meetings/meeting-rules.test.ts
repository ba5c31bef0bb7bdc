import { describe, expect, it } from 'vitest';
import {
  VIOLENCE_HARM_TYPES, actionItemDueProblem, defaultActionItemDue, flaggedSectors, initialMeetingDueAt, isActionItemOverdue, isViolence,
  mandatorySectors, missingSectors, sectorsPresent,
} from './meeting-rules.ts';
import { localDay } from '../domain/deadlines.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';

describe('mandatory sectors of a coordination meeting', () => {
  it('a violence signal needs social services and police; the school too when a child is in school', () => {
    expect(mandatorySectors({ harmTypes: ['physical'], childrenInSchool: [false, null] })).toEqual(['social_services', 'police']);
    expect(mandatorySectors({ harmTypes: ['neglect', 'begging'], childrenInSchool: [false, true] })).toEqual(['social_services', 'police', 'education']);
    expect(mandatorySectors({ harmTypes: ['sexual'], childrenInSchool: [] })).toEqual(['social_services', 'police']);
  });

  it('every violence harm type counts, and only those', () => {
    for (const h of VIOLENCE_HARM_TYPES) expect(isViolence([h]), h).toBe(true);
    const others = TAXONOMIES.harmType.filter((h) => !(VIOLENCE_HARM_TYPES as readonly string[]).includes(h));
    expect(others).toEqual(['begging', 'abandonment', 'conflict_with_law', 'unsafe_migration', 'school_dropout', 'other']);
    for (const h of others) expect(mandatorySectors({ harmTypes: [h], childrenInSchool: [true] }), h).toEqual([]);
  });

  it('present sectors come from who attended, not who was invited; missing ones are named', () => {
    const parts = [
      { sector: 'social_services', attended: true },
      { sector: 'police', attended: false },
      { sector: 'education', attended: null },
      { sector: 'education', attended: true },
      { sector: 'health', attended: true },
    ];
    expect(sectorsPresent(parts)).toEqual(['social_services', 'education', 'health']);
    expect(missingSectors(['social_services', 'police', 'education'], sectorsPresent(parts))).toEqual(['police']);
    expect(flaggedSectors({ status: 'held', mandatory: ['social_services', 'police'], participants: parts })).toEqual(['police']);
    // Before it is held, a sector is flagged only if nobody was invited for it.
    expect(flaggedSectors({ status: 'planned', mandatory: ['social_services', 'police', 'education'], participants: parts })).toEqual([]);
    expect(flaggedSectors({ status: 'planned', mandatory: ['police', 'justice'], participants: parts })).toEqual(['justice']);
    expect(flaggedSectors({ status: 'cancelled', mandatory: ['police'], participants: [] })).toEqual([]);
  });
});

describe('deadlines', () => {
  const receivedAt = new Date('2024-03-01T10:00:00Z');
  it('the initial meeting is due 24 hours after the signal, a crisis intervention within hours', () => {
    expect(initialMeetingDueAt({ receivedAt, urgency: 'normal', country: 'AL' }).toISOString()).toBe('2024-03-02T10:00:00.000Z');
    expect(initialMeetingDueAt({ receivedAt, urgency: 'urgent', country: 'BG' }).toISOString()).toBe('2024-03-02T10:00:00.000Z');
    expect(initialMeetingDueAt({ receivedAt, urgency: 'immediate', country: 'AL' }).toISOString()).toBe('2024-03-01T12:00:00.000Z');
  });

  it("an action item is due a week after the meeting day, in the meeting's time zone", () => {
    // 23:30 UTC on 31 March is already 1 April in Tirana.
    expect(localDay(new Date('2024-03-31T23:30:00Z'), 'Europe/Tirane')).toBe('2024-04-01');
    expect(defaultActionItemDue(new Date('2024-03-31T23:30:00Z'), 'AL', 'Europe/Tirane')).toBe('2024-04-08');
    expect(defaultActionItemDue(new Date('2024-12-28T09:00:00Z'), 'BG', 'Europe/Sofia')).toBe('2025-01-04');
  });

  it('an action item is due from the meeting day to ten years after it', () => {
    expect(actionItemDueProblem('2024-04-01', '2024-04-01')).toBeNull();
    expect(actionItemDueProblem('2024-03-31', '2024-04-01')).toEqual({ path: 'dueDate', message: 'must not be before the meeting' });
    expect(actionItemDueProblem('2034-04-09', '2024-04-01')).toBeNull();
    expect(actionItemDueProblem('2034-04-10', '2024-04-01')).toEqual({ path: 'dueDate', message: 'is too far after the meeting' });
  });

  it('an item is overdue the day after its due date, and never once done', () => {
    expect(isActionItemOverdue({ dueDate: '2024-04-08', done: false }, '2024-04-08')).toBe(false);
    expect(isActionItemOverdue({ dueDate: '2024-04-08', done: false }, '2024-04-09')).toBe(true);
    expect(isActionItemOverdue({ dueDate: '2024-04-08', done: true }, '2024-05-01')).toBe(false);
  });
});
