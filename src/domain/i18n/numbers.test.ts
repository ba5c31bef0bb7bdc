import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent } from './numbers.ts';

describe('numbers in each language', () => {
  it('writes a decimal comma in sq and bg, a point in en', () => {
    expect(formatNumber('bg', 12.5)).toBe('12,5');
    expect(formatNumber('sq', 12.5)).toBe('12,5');
    expect(formatNumber('en', 12.5)).toBe('12.5');
  });

  it('groups thousands with a space in sq and bg', () => {
    expect(formatNumber('bg', 1234567.5).replace(/\s/g, ' ')).toBe('1 234 567,5');
    expect(formatNumber('sq', 1234567).replace(/\s/g, ' ')).toBe('1 234 567');
    expect(formatNumber('en', 1234567)).toBe('1,234,567');
  });

  it('writes a percentage as the GLOSSARY says: „12,3 %“ in bg (no-break space), „12,3%“ in sq', () => {
    expect(formatPercent('bg', 12.3)).toBe('12,3\u00a0%');
    expect(formatPercent('sq', 12.3)).toBe('12,3%');
    expect(formatPercent('en', 12.3)).toBe('12.3%');
    expect(formatPercent('bg', 50)).toBe('50\u00a0%');
    expect(formatPercent('sq', 33.333)).toBe('33,3%');
  });
});
