import { describe, expect, it } from 'vitest';
import { formattersFor } from './format.ts';

describe('formattersFor', () => {
  it('writes a bare date on its own day whatever the time zone, in the language', () => {
    expect(formattersFor('bg').date('2015-03-09')).toMatch(/^0?9\.0?3\.2015/);
    expect(formattersFor('en').date('2015-03-09')).toBe('9 Mar 2015');
    expect(formattersFor('sq').date('2015-03-09')).toMatch(/2015/);
  });

  it('groups digits the way the language does', () => {
    expect(formattersFor('en').number(1234567)).toBe('1,234,567');
    expect(formattersFor('bg').number(1234567).replace(/\s/g, ' ')).toBe('1 234 567');
  });

  it('passes through what is not a date', () => {
    expect(formattersFor('en').date(null)).toBe('');
    expect(formattersFor('en').date('soon')).toBe('soon');
  });
});
