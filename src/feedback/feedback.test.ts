import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDoor } from '../policy/door.ts';
import { anonymiseChildRecords } from '../retention/anonymise.ts';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';

/** The child's feedback kiosk (issue 14 §1): the unit's kiosks, the public page's two routes, free-text review, results. */
let t: TestApp;
let supervisor: Client;
beforeAll(async () => {
  t = await startTestApp();
  supervisor = await t.login('supervisor');
}, 60_000);
afterAll(() => t.close());

const db = () => t.database.unguarded;
const answers = async (kioskId: string) => Number((await db().selectFrom('kiosk_answers').select((eb) => eb.fn.countAll<string>().as('n')).where('kiosk_id', '=', kioskId).executeTakeFirstOrThrow()).n);
const tokenOf = (link: string) => link.split('/kiosk/')[1]!;
async function newKiosk(client = supervisor, label = 'Test kiosk') {
  const res = await client.post('/api/v1/kiosks', { label, service: 'casework', languages: ['sq', 'en'] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; link: string; version: number; qrCode: string };
}
async function visit(token: string) {
  const res = await t.anonymous.get(`/api/v1/kiosk/${token}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().nonce as string;
}
const answer = async (token: string, body: Record<string, unknown>) => t.anonymous.post(`/api/v1/kiosk/${token}/answers`, body);

describe('the unit opens kiosks', () => {
  it('the supervisor opens one: a link with an unguessable token and a QR code; the caseworker sees it, does not manage it', async () => {
    const k = await newKiosk();
    expect(k.link).toMatch(/\/kiosk\/[A-Za-z0-9_-]{43}$/);
    expect(k.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(k).toMatchObject({ status: 'open', manageable: true, answers: 0, languages: ['sq', 'en'] });
    const caseworker = await t.login('caseworker');
    const list = (await caseworker.get('/api/v1/kiosks')).json();
    expect(list.items.find((x: { id: string }) => x.id === k.id)).toMatchObject({ manageable: false, unreviewed: 0 });
    expect((await caseworker.post('/api/v1/kiosks', { label: 'No', service: 'casework', languages: ['sq'] })).statusCode).toBe(403);
    const audit = await db().selectFrom('audit_log').select(['action', 'chain']).where('entity', '=', 'kiosk').where('entity_id', '=', k.id).execute();
    expect(audit).toContainEqual({ action: 'create', chain: 'AL' });
  });

  it('roles outside a unit or a provider see no kiosk (403); another unit or a provider does not find this one (404)', async () => {
    const k = await newKiosk();
    for (const user of ['partner', 'police_support', 'monitor', 'trainer', 'admin']) {
      const c = await t.login(user);
      expect((await c.get('/api/v1/kiosks')).statusCode, user).toBe(403);
      expect((await c.get(`/api/v1/kiosk-results?kiosk=${k.id}`)).statusCode, user).toBe(403);
    }
    for (const user of ['b.kasa', 'l.muca', 'g.petrov', 'provider']) {
      const c = await t.login(user);
      expect((await c.get(`/api/v1/kiosks/${k.id}`)).statusCode, user).toBe(404);
      expect((await c.get(`/api/v1/kiosk-results?kiosk=${k.id}`)).statusCode, user).toBe(404);
      expect((await c.post(`/api/v1/kiosks/${k.id}/status`, { status: 'closed', version: 1 })).statusCode, user).toBe(404);
      expect((await c.post(`/api/v1/kiosks/${k.id}/notes`, { language: 'sq', youSaid: 'x', weDid: 'y' })).statusCode, user).toBe(404);
      expect((await c.get('/api/v1/kiosks')).json().items.map((x: { id: string }) => x.id), user).not.toContain(k.id);
    }
  });

  it('refuses a bad kiosk (400): no language, a language twice, an unknown service', async () => {
    for (const body of [{ label: 'x', service: 'casework', languages: [] }, { label: 'x', service: 'casework', languages: ['sq', 'sq'] }, { label: 'x', service: 'party', languages: ['sq'] }]) {
      expect((await supervisor.post('/api/v1/kiosks', body)).statusCode).toBe(400);
    }
  });
});

describe('the public kiosk', () => {
  it('its page /kiosk/<token> is the kiosk entry of the web build, not the app, under the CSP', async () => {
    const k = await newKiosk();
    const res = await t.app.inject({ method: 'GET', url: `/kiosk/${tokenOf(k.link)}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.body).toContain('/assets/kiosk-');
    expect(res.body).not.toContain('id="root"');
  });

  it('gives the questions and a one-time nonce without sign-in; an unknown token is 404', async () => {
    const k = await newKiosk();
    await supervisor.post(`/api/v1/kiosks/${k.id}/notes`, { language: 'sq', youSaid: 'Donit takime në shkollë.', weDid: 'Tani takohemi në shkollë.' });
    const res = await t.anonymous.get(`/api/v1/kiosk/${tokenOf(k.link)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.json()).toMatchObject({ label: 'Test kiosk', languages: ['sq', 'en'], questions: ['felt', 'listened', 'better'], places: ['home', 'school', 'unit_office', 'elsewhere'], notes: [{ language: 'sq', weDid: 'Tani takohemi në shkollë.' }] });
    expect((await t.anonymous.get(`/api/v1/kiosk/${'A'.repeat(43)}`)).statusCode).toBe(404);
    expect((await t.anonymous.get('/api/v1/kiosk/nonsense')).statusCode).toBe(404);
  });

  it('takes one answer per visit: stored with its day and quarter only; the nonce again is 409, nothing stored', async () => {
    const k = await newKiosk();
    const token = tokenOf(k.link);
    const nonce = await visit(token);
    const body = { nonce, felt: 4, listened: 5, better: 3, meetPlace: 'school', ageBand: '9_12', freeText: 'Dua të takohemi në shkollë.' };
    const res = await answer(token, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['set-cookie']).toBeUndefined();
    const row = await db().selectFrom('kiosk_answers').selectAll().where('kiosk_id', '=', k.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ country: 'AL', felt: 4, listened: 5, better: 3, meet_place: 'school', age_band: '9_12', free_text: 'Dua të takohemi në shkollë.', reviewed_at: null });
    expect(row.quarter).toMatch(/^\d{4}-Q[1-4]$/);
    expect((await answer(token, body)).statusCode).toBe(409);
    expect((await answer(token, { ...body, nonce: 'B'.repeat(43) })).statusCode).toBe(409);
    expect(await answers(k.id)).toBe(1);
    // The audit names the answer, never its text.
    const audit = await db().selectFrom('audit_log').select(['actor_name', 'detail']).where('entity', '=', 'kiosk_answer').where('entity_id', '=', row.id).executeTakeFirstOrThrow();
    expect(audit.actor_name).toBe('system:kiosk');
    expect(JSON.stringify(audit.detail)).not.toContain('shkollë');
  });

  it('refuses faces outside 1–5 and empty answers with the paths (400), and stores nothing; the nonce stays good', async () => {
    const k = await newKiosk();
    const token = tokenOf(k.link);
    const nonce = await visit(token);
    for (const [bad, path] of [[{ felt: 0 }, 'felt'], [{ listened: 6 }, 'listened'], [{ better: 2.5 }, 'better'], [{ felt: '3' }, 'felt'], [{ meetPlace: 'park' }, 'meetPlace'], [{}, 'felt']] as const) {
      const res = await answer(token, { nonce, ...bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path), JSON.stringify(bad)).toContain(path);
    }
    expect(await answers(k.id)).toBe(0);
    expect((await answer(token, { nonce, felt: 5 })).statusCode).toBe(201);
  });

  it('a closed kiosk answers 410 to both routes and stores nothing; reopened, it works again', async () => {
    const k = await newKiosk();
    const token = tokenOf(k.link);
    const nonce = await visit(token);
    const closed = await supervisor.post(`/api/v1/kiosks/${k.id}/status`, { status: 'closed', version: k.version });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', version: k.version + 1 });
    expect((await t.anonymous.get(`/api/v1/kiosk/${token}`)).statusCode).toBe(410);
    expect((await answer(token, { nonce, felt: 5 })).statusCode).toBe(410);
    expect(await answers(k.id)).toBe(0);
    expect((await supervisor.post(`/api/v1/kiosks/${k.id}/status`, { status: 'open', version: k.version })).statusCode).toBe(409);
    expect((await (await t.login('caseworker')).post(`/api/v1/kiosks/${k.id}/status`, { status: 'open', version: k.version + 1 })).statusCode).toBe(403);
    expect((await supervisor.post(`/api/v1/kiosks/${k.id}/status`, { status: 'open', version: k.version + 1 })).statusCode).toBe(200);
    expect((await answer(token, { nonce, felt: 5 })).statusCode).toBe(201);
  });

  it('limits the answers per kiosk per minute (429), storing nothing over the limit; another kiosk is not held up', async () => {
    const k = await newKiosk();
    const token = tokenOf(k.link);
    const limit = t.config.kioskAnswersPerMinute;
    for (let i = 0; i < limit; i++) expect((await answer(token, { nonce: await visit(token), felt: 3 })).statusCode).toBe(201);
    const over = await answer(token, { nonce: await visit(token), felt: 3 });
    expect(over.statusCode).toBe(429);
    expect(await answers(k.id)).toBe(limit);
    const other = await newKiosk();
    expect((await answer(tokenOf(other.link), { nonce: await visit(tokenOf(other.link)), felt: 3 })).statusCode).toBe(201);
  });
});

describe('the supervisor reviews the free texts', () => {
  it('lists unreviewed texts (a task on the list), marks one reviewed; the caseworker and other units do not read them', async () => {
    const k = await newKiosk(supervisor, 'Review kiosk');
    const token = tokenOf(k.link);
    await answer(token, { nonce: await visit(token), felt: 2, freeText: 'Review me please' });
    const list = (await supervisor.get('/api/v1/kiosk-texts')).json().items as Array<{ id: string; text: string; kioskId: string }>;
    const mine = list.find((x) => x.text === 'Review me please')!;
    expect(mine).toMatchObject({ kioskId: k.id, kioskLabel: 'Review kiosk', reviewedAt: null, signalId: null });
    const tasks = (await supervisor.get('/api/v1/tasks?scope=unit')).json();
    expect(JSON.stringify(tasks)).toContain('kiosk_free_text');
    expect((await (await t.login('caseworker')).get('/api/v1/kiosk-texts')).statusCode).toBe(403);
    const other = await t.login('b.kasa');
    expect((await other.get('/api/v1/kiosk-texts')).json().items.map((x: { id: string }) => x.id)).not.toContain(mine.id);
    expect((await other.post(`/api/v1/kiosk-texts/${mine.id}/reviewed`, {})).statusCode).toBe(404);
    const done = await supervisor.post(`/api/v1/kiosk-texts/${mine.id}/reviewed`, {});
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().reviewedAt).not.toBeNull();
    expect((await supervisor.get('/api/v1/kiosk-texts')).json().items.map((x: { id: string }) => x.id)).not.toContain(mine.id);
    expect((await supervisor.get('/api/v1/kiosk-texts?state=reviewed')).json().items.map((x: { id: string }) => x.id)).toContain(mine.id);
  });

  it('turns a text into a signal of the unit (source child_self, the text its narrative), linked back; asked again, the same signal', async () => {
    const k = await newKiosk();
    const token = tokenOf(k.link);
    await answer(token, { nonce: await visit(token), felt: 1, freeText: 'Someone at home hurts me' });
    const text = (await supervisor.get('/api/v1/kiosk-texts')).json().items.find((x: { text: string }) => x.text === 'Someone at home hurts me');
    const body = { harmTypes: ['physical'], urgency: 'urgent', child: { givenName: 'Unknown', familyName: `Kiosk${Date.now()}`, sex: 'unknown' } };
    const made = await supervisor.post(`/api/v1/kiosk-texts/${text.id}/signal`, body);
    expect(made.statusCode, made.body).toBe(200);
    const signal = await supervisor.get(`/api/v1/signals/${made.json().signalId}`);
    expect(signal.statusCode).toBe(200);
    expect(signal.json()).toMatchObject({ source: 'child_self', description: 'Someone at home hurts me', urgency: 'urgent', municipalityCode: 'AL-06-03' });
    const row = await db().selectFrom('kiosk_answers').select(['signal_id', 'reviewed_at']).where('id', '=', text.id).executeTakeFirstOrThrow();
    expect(row.signal_id).toBe(made.json().signalId);
    expect(row.reviewed_at).not.toBeNull();
    expect((await supervisor.post(`/api/v1/kiosk-texts/${text.id}/signal`, body)).json()).toEqual(made.json());
    expect((await (await t.login('caseworker')).post(`/api/v1/kiosk-texts/${text.id}/signal`, body)).statusCode).toBe(403);
    expect((await supervisor.post(`/api/v1/kiosk-texts/${text.id}/signal`, { ...body, harmTypes: [] })).statusCode).toBe(400);
    // Retention: when the signal's child is anonymised, the words made into it go too (src/retention/anonymise.ts).
    const child = await db().selectFrom('signal_children').select('child_id').where('signal_id', '=', made.json().signalId).executeTakeFirstOrThrow();
    await systemDoor(t.database.db, 'retention').transaction((tx) => anonymiseChildRecords(tx, 'AL', child.child_id, new Date()));
    const erased = await db().selectFrom('kiosk_answers').select('free_text').where('id', '=', text.id).executeTakeFirstOrThrow();
    expect(erased.free_text).not.toContain('hurts');
  });
});

describe('results', () => {
  const table = (tables: Array<{ id: string; rows: Array<{ code: string; cells: Array<{ value: number | null; suppressed?: true }> }> }>, id: string) =>
    Object.fromEntries(tables.find((x) => x.id === id)!.rows.map((r) => [r.code, r.cells]));

  it('per kiosk: fewer than 5 answers are not shown; from 5 the average and the faces show', async () => {
    const k = await newKiosk();
    const token = tokenOf(k.link);
    for (const felt of [5, 4, 4]) await answer(token, { nonce: await visit(token), felt, ageBand: '9_12' });
    const few = (await supervisor.get(`/api/v1/kiosk-results?kiosk=${k.id}`)).json().tables;
    expect(table(few, 'feedback.byQuestion').felt![0]).toEqual({ value: null, suppressed: true });
    expect(table(few, 'feedback.byQuestion').felt!.every((c: { value: number | null }) => c.value === null)).toBe(true);
    for (const felt of [3, 5]) await answer(token, { nonce: await visit(token), felt, ageBand: '13_17' });
    const caseworker = await t.login('caseworker');
    const five = (await caseworker.get(`/api/v1/kiosk-results?kiosk=${k.id}`)).json().tables;
    expect(table(five, 'feedback.byQuestion').felt!.map((c: { value: number | null }) => c.value)).toEqual([4.2, 5, 0, 0, 1, 2, 2]);
    // By age band: 3 and 2 answers, each under 5: hidden.
    expect(table(five, 'feedback.byAgeBand')['9_12']![0]).toEqual({ value: null, suppressed: true });
    expect(JSON.stringify(five)).not.toContain('"n"');
  });

  it('the unit sees all its kiosks together, its demo kiosk included (ten answers this quarter)', async () => {
    const res = await supervisor.get('/api/v1/kiosk-results');
    expect(res.statusCode).toBe(200);
    const byQuarter = table(res.json().tables, 'feedback.byQuarter');
    expect(Object.keys(byQuarter).length).toBeGreaterThanOrEqual(2);
  });

  it('monitors see the figures of their jurisdiction in the services report, suppressed, never a free text', async () => {
    const monitor = await t.login('monitor');
    const to = new Date().toISOString().slice(0, 10);
    const res = await monitor.get(`/api/v1/reports/services?from=2020-01-01&to=${to}&jurisdiction=AL`);
    expect(res.statusCode, res.body).toBe(200);
    const tables = res.json().tables.filter((x: { service: string }) => x.service === 'feedback');
    expect(tables.map((x: { id: string }) => x.id)).toContain('feedback.byUnit');
    const units = table(tables, 'feedback.byUnit');
    expect(Object.keys(units).some((u) => u.includes('Korçë'))).toBe(true);
    expect(Object.keys(units).some((u) => /Пловдив|Plovdiv/.test(u))).toBe(false);
    expect(JSON.stringify(res.json())).not.toContain('punonjësja');
    expect(JSON.stringify(tables)).not.toContain('"n"');
    const bg = await (await t.login('d.angelov')).get(`/api/v1/reports/services?from=2020-01-01&to=${to}&jurisdiction=BG`);
    expect(bg.statusCode, bg.body).toBe(200);
    expect(bg.json().tables.some((x: { id: string }) => x.id === 'feedback.byQuestion')).toBe(true);
  });
});
