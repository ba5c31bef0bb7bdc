import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signalBody } from '../signals/signal-fixtures.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';

/**
 * No child data in logs: the server runs with its real logger at debug level, writing to an
 * array; the API is exercised with canary names (created, searched, refused as bad input) and
 * the log holds none of them.
 */
const CANARY = ['Canaryname', 'Zzyzx', 'Qwertykid'];
const lines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { SAFETYNET_LOG_LEVEL: 'debug' }, logStream: { write: (line: string) => void lines.push(line) } });
}, 60_000);
afterAll(() => t.close());

describe('the log', () => {
  it('never holds a child name, a narrative or a search text', async () => {
    const caseworker = await t.login('caseworker');
    const supervisor = await t.login('supervisor');
    const child = await caseworker.post('/api/v1/children', { givenName: 'Canaryname', familyName: 'Zzyzx', sex: 'female', birthDate: '2015-01-01', municipalityCode: 'AL-06-03', notes: 'Qwertykid notes' });
    expect(child.statusCode).toBe(201);
    const id = child.json().id as string;
    const signal = await caseworker.post('/api/v1/signals', signalBody({ reporterName: 'Canaryname Reporter', description: 'Zzyzx was seen alone', children: [{ childId: id }] }));
    expect(signal.statusCode).toBe(201);
    expect((await caseworker.get(`/api/v1/children/${id}`)).statusCode).toBe(200);
    expect((await caseworker.patch(`/api/v1/children/${id}`, { version: child.json().version, familyName: 'Zzyzx-Qwertykid' })).statusCode).toBe(200);
    expect((await caseworker.post('/api/v1/children/duplicates', { givenName: 'Canaryname', familyName: 'Zzyzx' })).statusCode).toBe(200);
    expect((await caseworker.get('/api/v1/cases?q=Zzyzx')).statusCode).toBe(200);
    expect((await caseworker.get('/api/v1/children?municipalityCode=Zzyzx')).statusCode).toBeLessThan(500);
    // Refused input that carries the canary: in the body, in the query, in the path, as bad JSON.
    const refused = [
      await caseworker.post('/api/v1/children', { givenName: 'Canaryname\u0000', familyName: 'Zzyzx', sex: 'female', municipalityCode: 'AL-06-03' }),
      await caseworker.post('/api/v1/children', { givenName: 'Canaryname', familyName: 'Zzyzx', sex: 'female', birthDate: '9999-12-31', municipalityCode: 'AL-06-03', Qwertykid: true }),
      await caseworker.get('/api/v1/cases?q=Zzyzx%00'),
      await caseworker.get('/api/v1/children/Canaryname-Zzyzx'),
      await caseworker.request('POST', '/api/v1/children', '{"givenName": "Canaryname", "familyName": "Zzyzx",'),
      await supervisor.request('POST', '/api/v1/imports/signals?dryRun=true', 'signal_ref,received_at\nS-1,Canaryname Zzyzx\n', { 'content-type': 'text/csv' }),
      await t.anonymous.post('/api/v1/auth/login', { username: 'Canaryname', password: 'Zzyzx-password' }),
    ];
    for (const res of refused) expect(res.statusCode).toBeGreaterThanOrEqual(400);
    for (const res of refused) expect(res.statusCode).toBeLessThan(500);

    // The log is on and records the requests (method, path, status) ...
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.some((l) => l.includes('"statusCode":201'))).toBe(true);
    expect(lines.some((l) => l.includes('"route":"/api/v1/children/:id"') && l.includes(`"id":"${id}"`))).toBe(true);
    // ... and none of the canaries, in any case.
    const log = lines.join('\n').toLowerCase();
    for (const canary of CANARY) expect(log, canary).not.toContain(canary.toLowerCase());
  });
});
