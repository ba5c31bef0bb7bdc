import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';

/**
 * The web upload and download: the same checks and the same list of problems as the CLI, for
 * a unit's supervisors only (not administrators: they see no child data); exports for supervisors only.
 */
const HEADER = 'signal_ref,received_at,location,source,child_ref,child_given_name,child_family_name,child_sex,child_birth_date,harm_types,place,perpetrators,description';
const AL_FILE = `${HEADER}\nW-1,2020-02-03T10:00,Korçë,education,WC-1,Era,Hoxha,female,2011-01-02,physical,school,another_child,\nW-2,2020-02-04,AL-06-03,police,WC-2,Luan,Kola,male,2009-03-04,neglect,family,father;mother,=1+1\n`;

let t: TestApp;
let supervisor: Client;

const upload = (client: Client, body: string | Buffer, type = 'signals', dryRun = false) =>
  client.request('POST', `/api/v1/imports/${type}${dryRun ? '?dryRun=true' : ''}`, body, { 'content-type': 'text/csv' });

async function stored() {
  const r = await sql<{ n: number }>`SELECT ((SELECT count(*) FROM signals) + (SELECT count(*) FROM children) + (SELECT count(*) FROM meetings))::int AS n`.execute(t.database.owner);
  return r.rows[0]!.n;
}

beforeAll(async () => {
  t = await startTestApp();
  supervisor = await t.login('supervisor');
});
afterAll(async () => {
  await t.close();
});

describe('upload', () => {
  it('a dry run by a supervisor counts and stores nothing', async () => {
    const before = await stored();
    const res = await upload(supervisor, AL_FILE, 'signals', true);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, rows: 2, counts: { signals: { created: 2 }, children: { created: 2 } } });
    expect(await stored()).toBe(before);
  });

  it('a supervisor imports; the same file again changes nothing', async () => {
    const res = await upload(supervisor, AL_FILE);
    expect(res.statusCode).toBe(200);
    expect(res.json().counts.signals).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const again = await upload(supervisor, AL_FILE);
    expect(again.json().counts.signals).toEqual({ created: 0, updated: 0, unchanged: 2 });
  });

  it.each(['admin', 'caseworker', 'partner', 'monitor'])('%s may not import', async (who) => {
    const before = await stored();
    const res = await upload(await t.login(who), AL_FILE.replaceAll('W-', 'X-'));
    expect(res.statusCode).toBe(403);
    expect(await stored()).toBe(before);
  });

  it('a bad file answers 400 with every problem by line and column, and stores nothing', async () => {
    const before = await stored();
    const bad = `${AL_FILE}W-3,2019-02-30,AL-06-03,police,,,,,,physical,,,\nW-4,2019-03-01,BG-16,police,,,,,,physical,,,\n`;
    const res = await upload(supervisor, bad);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.problems).toEqual([
      { line: 4, column: 'received_at', message: 'is not a real date or time', code: 'notRealDateTime' },
      { line: 5, column: 'location', message: 'is outside your country', code: 'outsideCountry' },
    ]);
    expect(body.issues[0]).toEqual({ path: 'line 4, column received_at', message: 'is not a real date or time' });
    expect(body.total).toBe(2);
    expect(await stored()).toBe(before);
  });

  it('a semicolon file, an empty body and a JSON body are refused with clear answers', async () => {
    const semi = await upload(supervisor, HEADER.replaceAll(',', ';'));
    expect(semi.statusCode).toBe(400);
    expect(semi.json().problems[0].message).toMatch(/not comma-separated/);
    const empty = await upload(supervisor, '');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().problems[0].message).toMatch(/the file is empty/);
    const json = await supervisor.post('/api/v1/imports/signals', { rows: [] });
    expect(json.statusCode).toBe(415);
    // Malformed JSON is a clear 400, not a server error.
    const malformed = await supervisor.request('POST', '/api/v1/imports/signals', '{"rows": [', { 'content-type': 'application/json' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toEqual(expect.any(String));
  });

  it('a file over 50 MB answers 413 and stores nothing', async () => {
    const before = await stored();
    const big = Buffer.alloc(50 * 1024 * 1024 + 10, 'a');
    const res = await upload(supervisor, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toMatch(/too large/);
    expect(await stored()).toBe(before);
  });
});

describe('download', () => {
  it("a supervisor exports their unit's records in the interchange format, formulas neutralised", async () => {
    const res = await supervisor.get('/api/v1/exports/signals.csv?from=2020-01-01&to=2020-12-31');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="signals.csv"');
    const rows = res.body.trim().split('\n');
    expect(rows[0]).toBe(HEADER);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.slice(1).every((r) => /^[^,]*,[^,]*,AL-/.test(r))).toBe(true);
    expect(res.body).toContain(",'=1+1");
    const meetings = await supervisor.get('/api/v1/exports/meetings.csv?jurisdiction=AL-06');
    expect(meetings.statusCode).toBe(200);
    expect(meetings.body.split('\n')[0]).toBe('meeting_ref,held_at,location,type,signal_ref,sectors_present');
  });

  it('refuses another country, partners and administrators, and a bad period', async () => {
    expect((await supervisor.get('/api/v1/exports/signals.csv?jurisdiction=BG-16')).statusCode).toBe(403);
    expect((await (await t.login('partner')).get('/api/v1/exports/signals.csv')).statusCode).toBe(403);
    expect((await (await t.login('admin')).get('/api/v1/exports/signals.csv')).statusCode).toBe(403);
    const bad = await supervisor.get('/api/v1/exports/signals.csv?from=2020-02-30');
    expect(bad.statusCode).toBe(400);
    expect((await supervisor.get('/api/v1/exports/trainings.csv')).statusCode).toBe(400);
  });
});
