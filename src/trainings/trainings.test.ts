import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';
import { localDay } from '../domain/deadlines.ts';

/** The trainings register (issue 14 §5): who keeps it, bad input, certificates and their public check, audit. */
let t: TestApp;
let trainer: Client;
beforeAll(async () => {
  t = await startTestApp();
  trainer = await t.login('trainer');
});
afterAll(() => t.close());

const db = () => t.database.unguarded;
const count = async (table: 'training_participants' | 'training_attendance' | 'training_certificates' | 'training_sessions' | 'training_modules' | 'training_needs') =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const today = () => localDay(new Date(), 'Europe/Tirane');
const shift = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function newSession(c: Client = trainer, days = 3) {
  const m = await c.post('/api/v1/training-modules', { title: 'Working with parents in conflict', topics: ['case_management_parents'], hours: 12 });
  expect(m.statusCode, m.body).toBe(201);
  const startsOn = shift(today(), -10);
  const s = await c.post('/api/v1/training-sessions', { moduleId: m.json().id, startsOn, endsOn: shift(startsOn, days - 1), place: 'Town hall', municipalityCode: 'AL-06-03', trainers: ['Ardit Gjoka'], mode: 'in_person' });
  expect(s.statusCode, s.body).toBe(201);
  return s.json() as { id: string; days: string[]; regionCode: string };
}
const person = (over: Record<string, unknown> = {}) => ({ name: 'Arta Leka', sector: 'education', organisation: 'School No. 3', position: 'Teacher', municipalityCode: 'AL-06-03', ...over });

describe('trainings register', () => {
  it('the trainer records a module, a session, participants, attendance, scores; audited', async () => {
    const s = await newSession();
    expect(s.regionCode).toBe('AL-06');
    expect(s.days).toHaveLength(3);
    const p = await trainer.post(`/api/v1/training-sessions/${s.id}/participants`, person());
    expect(p.statusCode, p.body).toBe(201);
    const att = await trainer.request('PUT', `/api/v1/training-sessions/${s.id}/participants/${p.json().id}/attendance`, { days: s.days.slice(0, 2) });
    expect(att.statusCode, att.body).toBe(200);
    expect(att.json()).toMatchObject({ days: s.days.slice(0, 2), eligible: false });
    const res = await trainer.request('PUT', `/api/v1/training-sessions/${s.id}/participants/${p.json().id}/results`, { scoreBefore: 40, scoreAfter: 80, rating: 5 });
    expect(res.json()).toMatchObject({ scoreBefore: 40, scoreAfter: 80, rating: 5 });
    const detail = (await trainer.get(`/api/v1/training-sessions/${s.id}`)).json();
    expect(detail.participants).toHaveLength(1);
    expect(detail.session).toMatchObject({ participants: 1, certificates: 0 });
    const audit = await db().selectFrom('audit_log').select(['action', 'entity']).where('entity', 'like', 'training%').where('actor_name', '=', 'trainer').execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'create', entity: 'training_session' }, { action: 'update', entity: 'training_attendance' }, { action: 'update', entity: 'training_participant' }]));
  });

  it('bad input: a day outside the session, a score or rating out of range, a participant twice — 4xx, nothing stored', async () => {
    const s = await newSession();
    const p = (await trainer.post(`/api/v1/training-sessions/${s.id}/participants`, person())).json();
    const url = `/api/v1/training-sessions/${s.id}/participants/${p.id}`;
    const before = { attendance: await count('training_attendance'), participants: await count('training_participants') };
    const outside = await trainer.request('PUT', `${url}/attendance`, { days: [s.days[0], shift(s.days[2]!, 1)] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().issues[0]).toMatchObject({ path: 'days.1' });
    for (const body of [{ scoreBefore: 101, scoreAfter: 50, rating: 3 }, { scoreBefore: -1, scoreAfter: 50, rating: 3 }, { scoreBefore: 50, scoreAfter: 50, rating: 0 }, { scoreBefore: 50, scoreAfter: 50, rating: 6 }, { scoreBefore: 50.5, scoreAfter: 50, rating: 3 }]) {
      expect((await trainer.request('PUT', `${url}/results`, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    const twice = await trainer.post(`/api/v1/training-sessions/${s.id}/participants`, person({ name: 'ARTA LEKA', organisation: 'school no. 3' }));
    expect(twice.statusCode).toBe(409);
    const m = (await trainer.get('/api/v1/training-modules')).json()[0];
    const backwards = await trainer.post('/api/v1/training-sessions', { moduleId: m.id, startsOn: '2026-03-10', endsOn: '2026-03-09', place: 'X', municipalityCode: 'AL-06-03', trainers: ['A'], mode: 'online' });
    expect(backwards.statusCode).toBe(400);
    const notMunicipality = await trainer.post('/api/v1/training-sessions', { moduleId: m.id, startsOn: '2026-03-10', endsOn: '2026-03-10', place: 'X', municipalityCode: 'BG-16-12', trainers: ['A'], mode: 'online' });
    expect(notMunicipality.statusCode).toBe(400);
    expect({ attendance: await count('training_attendance'), participants: await count('training_participants') }).toEqual(before);
    const row = await db().selectFrom('training_participants').select(['score_before', 'rating']).where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ score_before: null, rating: null });
  });

  it('a certificate only for who attended every day; its PDF carries the code; the public page verifies it', async () => {
    const s = await newSession();
    const p = (await trainer.post(`/api/v1/training-sessions/${s.id}/participants`, person({ name: 'Besa Hoxha' }))).json();
    const url = `/api/v1/training-sessions/${s.id}/participants/${p.id}`;
    await trainer.request('PUT', `${url}/attendance`, { days: s.days.slice(1) });
    const early = await trainer.post(`${url}/certificate`, {});
    expect(early.statusCode).toBe(409);
    expect(await db().selectFrom('training_certificates').select('code').where('participant_id', '=', p.id).execute()).toEqual([]);
    await trainer.request('PUT', `${url}/attendance`, { days: s.days });
    const issued = await trainer.post(`${url}/certificate`, {});
    expect(issued.statusCode, issued.body).toBe(201);
    const { code } = issued.json();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect((await trainer.post(`${url}/certificate`, {})).statusCode).toBe(409);

    const pdf = await trainer.get(`/api/v1/training-certificates/${code}/certificate.pdf?lang=sq`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain(code);
    // Another organisation's trainer, a monitor, a caseworker: not theirs.
    expect((await (await t.login('k.vasileva')).get(`/api/v1/training-certificates/${code}/certificate.pdf`)).statusCode).toBe(404);
    for (const who of ['monitor', 'caseworker']) expect((await (await t.login(who)).get(`/api/v1/training-certificates/${code}/certificate.pdf`)).statusCode, who).toBe(403);

    const page = await t.app.inject({ method: 'GET', url: `/verify/${code.toLowerCase()}`, headers: { 'accept-language': 'bg' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.body).toContain('Besa Hoxha');
    expect(page.body).toContain('Working with parents in conflict');
    expect(page.body).toContain('Qendra e Trajnimit për Mbrojtjen e Fëmijëve');
    expect(page.body).toContain('lang="bg"');
    expect(page.body).not.toContain('School No. 3');
    const unknown = await t.app.inject({ method: 'GET', url: '/verify/AAAA-BBBB-CCCC' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).not.toContain('Besa');
    expect((await t.app.inject({ method: 'GET', url: '/verify/%3Cscript%3E' })).statusCode).toBe(404);
  });

  it('the verification page is rate-limited per address (429)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await t.app.inject({ method: 'GET', url: '/verify/ZZZZ-ZZZZ-ZZZZ', remoteAddress: '198.51.100.9' })).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    expect((await t.app.inject({ method: 'GET', url: '/verify/ZZZZ-ZZZZ-ZZZZ', remoteAddress: '198.51.100.10' })).statusCode).toBe(404);
  });

  it('only trainers and administrators keep it; others 403; another organisation\'s session 404', async () => {
    const s = await newSession();
    const before = await count('training_modules');
    for (const who of ['caseworker', 'supervisor', 'partner', 'provider', 'police_support', 'monitor', 'd.angelov']) {
      const c = await t.login(who);
      expect((await c.get('/api/v1/training-sessions')).statusCode, who).toBe(403);
      expect((await c.get(`/api/v1/training-sessions/${s.id}`)).statusCode, who).toBe(403);
      expect((await c.post('/api/v1/training-modules', { title: 'X', topics: ['vulnerable_groups'], hours: 2 })).statusCode, who).toBe(403);
      expect((await c.get('/api/v1/trainings/home')).statusCode, who).toBe(403);
    }
    expect(await count('training_modules')).toBe(before);
    const bg = await t.login('k.vasileva');
    expect((await bg.get(`/api/v1/training-sessions/${s.id}`)).statusCode).toBe(404);
    expect((await bg.post(`/api/v1/training-sessions/${s.id}/participants`, person())).statusCode).toBe(404);
    expect((await bg.get('/api/v1/training-sessions')).json().items.map((x: { id: string }) => x.id)).not.toContain(s.id);
    // The administrator of the country reads the country's sessions.
    const admin = await t.login('admin');
    expect((await admin.get(`/api/v1/training-sessions/${s.id}`)).statusCode).toBe(200);
    expect((await (await t.login('admin')).get('/api/v1/training-sessions')).json().items.every((x: { country: string }) => x.country === 'AL')).toBe(true);
  });

  it('needs by sector and topic; the trainer\'s Home lists upcoming sessions and certificates to issue', async () => {
    const need = await trainer.post('/api/v1/training-needs', { sector: 'police', topic: 'vulnerable_groups', professionals: 14, municipalityCode: 'AL-06-03', source: 'Focus group', recordedOn: '2026-02-01' });
    expect(need.statusCode, need.body).toBe(201);
    expect(need.json()).toMatchObject({ regionCode: 'AL-06', professionals: 14 });
    expect((await trainer.post('/api/v1/training-needs', { sector: 'police', topic: 'nope', professionals: 0, municipalityCode: 'AL-06-03', source: 'x', recordedOn: '2026-02-01' })).statusCode).toBe(400);
    expect((await trainer.get('/api/v1/training-needs')).json().map((n: { id: string }) => n.id)).toContain(need.json().id);
    const home = (await trainer.get('/api/v1/trainings/home')).json();
    // The demo: a session to come, and Arta Dushku (every day attended, no certificate yet).
    expect(home.upcoming.length).toBeGreaterThan(0);
    expect(home.toIssue.map((x: { name: string }) => x.name)).toContain('Arta Dushku');
    expect(home.toIssue.map((x: { name: string }) => x.name)).not.toContain('Sokol Bego');
  });
});
