import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';

/**
 * Child data is never cached: every answer of /api/v1 says `Cache-Control: no-store` — child
 * JSON, lists, errors, CSV and spreadsheet exports, PDFs — while the OpenAPI document may be.
 */
let t: TestApp;
let caseworker: Client;
let supervisor: Client;
let childId: string;
beforeAll(async () => {
  t = await startTestApp();
  caseworker = await t.login('caseworker');
  supervisor = await t.login('supervisor');
  const created = await caseworker.post('/api/v1/children', { givenName: 'Nora', familyName: 'Cache', sex: 'female', birthDate: '2013-04-01', municipalityCode: 'AL-06-03' });
  expect(created.statusCode, created.body).toBe(201);
  childId = created.json().id;
});
afterAll(() => t.close());

function expectNoStore(res: LightMyRequestResponse, what: string) {
  expect(res.headers['cache-control'], `${what} (${res.statusCode})`).toBe('no-store');
}

describe('Cache-Control: no-store', () => {
  it('on child JSON, lists, changes and errors', async () => {
    const child = await caseworker.get(`/api/v1/children/${childId}`);
    expect(child.statusCode).toBe(200);
    expect(child.body).toContain('Cache');
    expectNoStore(child, 'a child');
    const answers: Array<[string, LightMyRequestResponse]> = [
      ['the children list', await caseworker.get('/api/v1/children?limit=5')],
      ['the signals list', await caseworker.get('/api/v1/signals')],
      ['the cases list', await caseworker.get('/api/v1/cases')],
      ['the task list', await caseworker.get('/api/v1/tasks')],
      ['a change', await caseworker.post('/api/v1/children', { givenName: 'Ema', familyName: 'Cache', sex: 'female', birthDate: '2012-01-01', municipalityCode: 'AL-06-03' })],
      ['the current user', await caseworker.get('/api/v1/auth/me')],
      ['a record out of reach', await (await t.login('m.ivanova')).get(`/api/v1/children/${childId}`)],
      ['bad input', await caseworker.post('/api/v1/children', { givenName: '' })],
      ['no session', await t.anonymous.get(`/api/v1/children/${childId}`)],
      ['an unknown route', await caseworker.get('/api/v1/nothing-here')],
    ];
    for (const [what, res] of answers) expectNoStore(res, what);
    expect(answers.map(([, r]) => r.statusCode)).toEqual(expect.arrayContaining([200, 201, 400, 401, 404]));
  });

  it('on CSV, spreadsheet and PDF exports', async () => {
    const csv = await supervisor.get('/api/v1/exports/signals.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expectNoStore(csv, 'signals.csv');
    for (const format of ['csv', 'xlsx', 'pdf']) {
      const res = await supervisor.get(`/api/v1/reports/monitoring.${format}?from=2024-01-01&to=2024-12-31`);
      expect(res.statusCode, format).toBe(200);
      expectNoStore(res, `report.${format}`);
    }
    expect((await supervisor.get('/api/v1/reports/monitoring.pdf?from=2024-01-01&to=2024-12-31')).rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('but not on the OpenAPI document, which carries no child data', async () => {
    const doc = await t.anonymous.get('/api/openapi.json');
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['cache-control']).toBeUndefined();
  });
});
