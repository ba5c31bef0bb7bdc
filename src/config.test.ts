import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

/** The configuration read from the environment: defaults and refusals (here: break-glass access). */
const base = { SAFETYNET_DATA_DIR: '.tmp/unused' };

describe('SAFETYNET_BREAK_GLASS_HOURS', () => {
  it('defaults to 4 hours when unset (issue 15 §6)', () => {
    expect('SAFETYNET_BREAK_GLASS_HOURS' in base).toBe(false);
    expect(loadConfig(base).breakGlassHours).toBe(4);
  });

  it('takes another positive number of hours, at most 72, and refuses the rest naming the variable', () => {
    expect(loadConfig({ ...base, SAFETYNET_BREAK_GLASS_HOURS: '2' }).breakGlassHours).toBe(2);
    expect(loadConfig({ ...base, SAFETYNET_BREAK_GLASS_HOURS: '0.5' }).breakGlassHours).toBe(0.5);
    expect(loadConfig({ ...base, SAFETYNET_BREAK_GLASS_HOURS: '72' }).breakGlassHours).toBe(72);
    for (const bad of ['0', '-1', '73', 'four']) {
      expect(() => loadConfig({ ...base, SAFETYNET_BREAK_GLASS_HOURS: bad }), bad).toThrow(/SAFETYNET_BREAK_GLASS_HOURS/);
    }
  });
});
