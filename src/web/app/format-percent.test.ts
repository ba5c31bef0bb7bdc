import { describe, expect, it } from 'vitest';
import { formattersFor } from './format.ts';

describe('formattersFor: percentages', () => {
  it('writes „12,3 %“ in bg, „12,3%“ in sq and „12.3%“ in en', () => {
    expect(formattersFor('bg').percent(12.3)).toBe('12,3\u00a0%');
    expect(formattersFor('sq').percent(12.3)).toBe('12,3%');
    expect(formattersFor('en').percent(12.3)).toBe('12.3%');
  });

  it('writes a decimal comma in sq and bg', () => {
    expect(formattersFor('sq').number(12.5)).toBe('12,5');
    expect(formattersFor('bg').number(12.5)).toBe('12,5');
  });
});
