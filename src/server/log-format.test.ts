import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../testing/app.ts';
import { logFormat, logStreamFor } from './log-format.ts';

/** The server's log: readable in a terminal, JSON for a collector, the same entries either way. */
describe('the log format', () => {
  it('is pretty in a terminal outside production, JSON otherwise, and as SAFETYNET_LOG_FORMAT says', () => {
    expect(logFormat({}, true)).toBe('pretty');
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({ NODE_ENV: 'production' }, true)).toBe('json');
    expect(logFormat({ SAFETYNET_LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormat({ SAFETYNET_LOG_FORMAT: 'pretty', NODE_ENV: 'production' }, false)).toBe('pretty');
    expect(() => logFormat({ SAFETYNET_LOG_FORMAT: 'xml' }, true)).toThrow(/SAFETYNET_LOG_FORMAT/);
    expect(logStreamFor('json')).toBeNull();
  });

  it('writes one readable line per request when pretty: level, message, method, route and status, no JSON', async () => {
    let out = '';
    const destination = new Writable({ write(chunk, _enc, done) { out += String(chunk); done(); } });
    const t = await startTestApp({ seed: false, env: { SAFETYNET_LOG_LEVEL: 'info' }, logStream: logStreamFor('pretty', destination, false)! });
    try {
      expect((await t.anonymous.get('/api/v1/tasks')).statusCode).toBe(401);
      const lines = out.split('\n').filter((l) => l.includes('request completed'));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines[0]).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] INFO: request completed/);
      expect(lines[0]).toContain('statusCode');
      expect(out).not.toMatch(/^\{"level"/m);
    } finally {
      await t.close();
    }
  });
});
