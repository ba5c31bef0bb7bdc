import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';
import { signalBody } from '../signals/signal-fixtures.ts';
import { childDataDigest } from '../testing/openapi.ts';

/**
 * Input is bounded everywhere (README, "Input rules"): NFC text without control characters,
 * visible names, dates between 1900 and a plausible future, bounded report periods, searches
 * that take their text literally; and never a 5xx for any of it.
 */
let t: TestApp;
let caseworker: Client;
let supervisor: Client;
let monitor: Client;
let caseId: string;
beforeAll(async () => {
  t = await startTestApp();
  caseworker = await t.login('caseworker');
  supervisor = await t.login('supervisor');
  monitor = await t.login('monitor');
  caseId = (await t.database.unguarded.selectFrom('cases').select('id').where('status', '=', 'plan_in_force').executeTakeFirstOrThrow()).id;
}, 60_000);
afterAll(() => t.close());

const child = (over: Record<string, unknown>) => ({ givenName: 'Ana', familyName: 'Test', sex: 'female', municipalityCode: 'AL-06-03', ...over });
const issuePaths = (res: { json(): { issues?: Array<{ path: string }> } }) => (res.json().issues ?? []).map((i) => i.path);
const future = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('text', () => {
  it('is stored NFC-normalised', async () => {
    const decomposed = 'E\u0308lira'; // Ë as E + combining diaeresis
    const res = await caseworker.post('/api/v1/children', child({ givenName: decomposed, familyName: 'Nfc' }));
    expect(res.statusCode).toBe(201);
    const row = await t.database.unguarded.selectFrom('children').select('given_name').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row.given_name).toBe('\u00CBlira');
  });

  it('refuses control characters, naming the field; long text keeps line breaks and tabs', async () => {
    const before = await childDataDigest(t);
    for (const bad of ['A\u0000na', 'Ana\u0007', 'Ana\nBeta', 'Ana\u009B']) {
      const res = await caseworker.post('/api/v1/children', child({ familyName: bad }));
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(issuePaths(res)).toEqual(['familyName']);
      expect(res.body).not.toContain('Ana');
    }
    const notes = await caseworker.post('/api/v1/children', child({ notes: 'bad \u0000 byte' }));
    expect(issuePaths(notes)).toEqual(['notes']);
    expect(await childDataDigest(t)).toEqual(before);
    const ok = await caseworker.post('/api/v1/children', child({ familyName: 'Prose', notes: 'Line one\nLine two\r\n\tindented' }));
    expect(ok.statusCode).toBe(201);
  });

  it('refuses names made only of invisible characters', async () => {
    for (const invisible of ['\u200B', '\u200C\u200D', '\uFEFF', '\u2060', ' \u200B ', '\u00A0', '\u3164']) {
      const res = await caseworker.post('/api/v1/children', child({ givenName: invisible }));
      expect(res.statusCode, JSON.stringify(invisible)).toBe(400);
      expect(issuePaths(res)).toEqual(['givenName']);
    }
  });

  it('a control character anywhere in a query string or a nested body is a 400', async () => {
    expect((await caseworker.get('/api/v1/signals?harmType=%00')).statusCode).toBe(400);
    const unknown = await caseworker.get('/api/v1/children?x=%01');
    expect(unknown.statusCode).toBe(400);
    const nested = await caseworker.post(`/api/v1/cases/${caseId}/contacts`, { kind: 'home_visit', occurredAt: future(-3_600_000), present: ['Mother\u0000'], childSeen: true, childHeardAlone: true });
    expect(nested.statusCode).toBe(400);
    expect(issuePaths(nested)).toEqual(['present.0']);
  });
});

describe('dates', () => {
  it('no birth date in the future or before 1900, no impossible date', async () => {
    const tomorrow = future(2 * 86_400_000).slice(0, 10);
    for (const birthDate of ['9999-12-31', tomorrow, '1899-12-31', '0001-01-01', '2019-02-30']) {
      const res = await caseworker.post('/api/v1/children', child({ birthDate }));
      expect(res.statusCode, birthDate).toBe(400);
      expect(issuePaths(res)).toEqual(['birthDate']);
    }
    expect((await caseworker.post('/api/v1/children', child({ familyName: 'Old', birthDate: '1900-01-01' }))).statusCode).toBe(201);
  });

  it('no receipt, contact, assessment or placement start beyond a few minutes ahead, nothing before 1900', async () => {
    const before = await childDataDigest(t);
    const signal = (receivedAt: string) => signalBody({ receivedAt });
    for (const receivedAt of ['0001-01-01T00:00:00Z', '1899-12-31T23:00:00Z', '9999-12-31T23:59:59Z', future(10 * 60_000)]) {
      const res = await caseworker.post('/api/v1/signals', signal(receivedAt));
      expect(res.statusCode, receivedAt).toBe(400);
      expect(issuePaths(res)).toContain('receivedAt');
    }
    for (const startedOn of ['9999-12-31', '1800-01-01', future(3 * 86_400_000).slice(0, 10)]) {
      const res = await caseworker.post(`/api/v1/cases/${caseId}/placements`, { kind: 'kinship_care', carerName: 'Grandmother', startedOn });
      expect(res.statusCode, startedOn).toBe(400);
      expect(issuePaths(res)).toEqual(['startedOn']);
    }
    const contact = await caseworker.post(`/api/v1/cases/${caseId}/contacts`, { kind: 'home_visit', occurredAt: '0001-01-01T00:00:00Z', present: [], childSeen: true, childHeardAlone: true });
    expect(issuePaths(contact)).toEqual(['occurredAt']);
    const assessment = await caseworker.post(`/api/v1/cases/${caseId}/assessments`, { kind: 'initial', assessedAt: '9999-12-31T00:00:00Z', summary: 'x', childViews: 'y' });
    expect(issuePaths(assessment)).toContain('assessedAt');
    expect(await childDataDigest(t)).toEqual(before);
    // A clock a minute ahead is not the future.
    expect((await caseworker.post('/api/v1/signals', signal(future(60_000)))).statusCode).toBe(201);
  });

  it('report periods are bounded: 1900 to a year from today, under 25 years long', async () => {
    for (const [from, to, path] of [['0001-01-01', '9999-12-31', 'from'], ['1900-01-01', '2100-12-31', 'to'], ['1990-01-01', '2020-01-01', 'to'], ['2020-01-01', '2019-01-01', 'to']] as const) {
      const res = await monitor.get(`/api/v1/reports/monitoring?from=${from}&to=${to}`);
      expect(res.statusCode, `${from}..${to}`).toBe(400);
      expect(issuePaths(res)).toContain(path);
    }
    expect((await monitor.get('/api/v1/reports/monitoring?from=2000-01-01&to=2024-12-31')).statusCode).toBe(200);
  });
});

describe('searches and uploads', () => {
  it('LIKE wildcards in a case search match only themselves', async () => {
    const all = await caseworker.get('/api/v1/cases?limit=200');
    expect(all.json().total).toBeGreaterThan(0);
    for (const q of ['_%_', '%25%25', '__', '%5C%5C']) {
      const res = await caseworker.get(`/api/v1/cases?q=${q}`);
      expect(res.statusCode, q).toBe(200);
      expect(res.json().total, q).toBe(0);
    }
    expect((await caseworker.get('/api/v1/cases?q=Marku')).json().total).toBe(1);
  });

  it('malformed JSON to an import is a 400 with the error shape', async () => {
    const res = await supervisor.request('POST', '/api/v1/imports/signals', '{"a": 1,');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ message: 'The request body is not valid JSON' });
  });

  it('a CSV cell with a control character, or a date before 1900, is a line problem', async () => {
    const header = 'signal_ref,received_at,location,source,child_ref,child_given_name,child_family_name,child_sex,child_birth_date,harm_types,place,perpetrators,description';
    const row = (name: string, received: string) => `S-1,${received},AL-06-03,school,,${name},Test,female,,neglect,home,,`;
    for (const [name, received] of [['An\u0001a', '2020-01-01'], ['Ana', '1850-01-01']]) {
      const res = await supervisor.request('POST', '/api/v1/imports/signals?dryRun=true', `${header}\n${row(name!, received!)}\n`, { 'content-type': 'text/csv' });
      expect(res.statusCode, name).toBe(400);
      expect(res.json().problems.length, name).toBeGreaterThan(0);
      expect(res.body).not.toContain('An\u0001a');
    }
  });
});
