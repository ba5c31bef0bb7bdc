import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../domain/deadlines.ts';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';

/**
 * A provider's feedback kiosk (issue 14 §1): the provider's staff open, close and reopen it,
 * publish notes and see its results (suppressed under 5), never the free texts; those go to the
 * supervisor of the unit responsible for the provider's municipality, who may make a signal of
 * one. Another organisation's kiosk is absent (404).
 */
let t: TestApp;
let provider: Client;
let supervisor: Client;
beforeAll(async () => {
  t = await startTestApp();
  provider = await t.login('provider');
  supervisor = await t.login('supervisor');
}, 60_000);
afterAll(() => t.close());

const db = () => t.database.unguarded;
const tokenOf = (link: string) => link.split('/kiosk/')[1]!;
async function visit(token: string) {
  const res = await t.anonymous.get(`/api/v1/kiosk/${token}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().nonce as string;
}
const answer = async (token: string, body: Record<string, unknown>) => {
  const res = await t.anonymous.post(`/api/v1/kiosk/${token}/answers`, { nonce: await visit(token), ...body });
  expect(res.statusCode, res.body).toBe(201);
};
async function newKiosk(label: string) {
  const res = await provider.post('/api/v1/kiosks', { label, service: 'day_centre', languages: ['sq', 'en'] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; link: string; version: number; manageable: boolean; unreviewed: number; orgName: string };
}
type Tables = Array<{ id: string; rows: Array<{ code: string; cells: Array<{ value: number | null; suppressed?: true }> }> }>;
const table = (tables: Tables, id: string) => Object.fromEntries(tables.find((x) => x.id === id)!.rows.map((r) => [r.code, r.cells]));
const ids = (items: Array<{ id: string }>) => items.map((x) => x.id);

describe("a provider's kiosk", () => {
  it("the provider's staff open, close and reopen it and publish a note; the link answers 410 while closed", async () => {
    const k = await newKiosk('Këndi i lojërave');
    expect(k).toMatchObject({ manageable: true, unreviewed: 0, orgName: 'Qendra Komunitare „Për Fëmijët“ Korçë' });
    expect(ids((await provider.get('/api/v1/kiosks')).json().items)).toContain(k.id);
    const closed = await provider.post(`/api/v1/kiosks/${k.id}/status`, { status: 'closed', version: k.version });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await t.anonymous.get(`/api/v1/kiosk/${tokenOf(k.link)}`)).statusCode).toBe(410);
    const reopened = await provider.post(`/api/v1/kiosks/${k.id}/status`, { status: 'open', version: closed.json().version });
    expect(reopened.json()).toMatchObject({ status: 'open', closedAt: null });
    expect((await t.anonymous.get(`/api/v1/kiosk/${tokenOf(k.link)}`)).statusCode).toBe(200);
    const note = await provider.post(`/api/v1/kiosks/${k.id}/notes`, { language: 'sq', youSaid: 'Donit më shumë lojëra.', weDid: 'Blemë lojëra të reja.' });
    expect(note.statusCode, note.body).toBe(201);
    expect((await t.anonymous.get(`/api/v1/kiosk/${tokenOf(k.link)}`)).json().notes.map((n: { weDid: string }) => n.weDid)).toContain('Blemë lojëra të reja.');
    const audit = await db().selectFrom('audit_log').select('action').where('entity', '=', 'kiosk').where('entity_id', '=', k.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'close', 'reopen']));
  });

  it("the Korçë unit does not manage it, another provider does not find it (404); the provider does not find the unit's kiosk", async () => {
    const k = await newKiosk('Salla e madhe');
    for (const user of ['caseworker', 'supervisor', 'a.shelter', 'r.gjoni', 'v.georgieva']) {
      const c = user === 'supervisor' ? supervisor : await t.login(user);
      expect((await c.get(`/api/v1/kiosks/${k.id}`)).statusCode, user).toBe(404);
      expect((await c.get(`/api/v1/kiosk-results?kiosk=${k.id}`)).statusCode, user).toBe(404);
      // A caseworker manages no kiosk at all (403, as before); the others do not find this one.
      const write = user === 'caseworker' ? 403 : 404;
      expect((await c.post(`/api/v1/kiosks/${k.id}/status`, { status: 'closed', version: k.version })).statusCode, user).toBe(write);
      expect((await c.post(`/api/v1/kiosks/${k.id}/notes`, { language: 'sq', youSaid: 'x', weDid: 'y' })).statusCode, user).toBe(write);
      expect(ids((await c.get('/api/v1/kiosks')).json().items), user).not.toContain(k.id);
    }
    const unitKiosk = (await supervisor.get('/api/v1/kiosks')).json().items[0].id as string;
    expect((await provider.get(`/api/v1/kiosks/${unitKiosk}`)).statusCode).toBe(404);
    expect((await provider.get(`/api/v1/kiosk-results?kiosk=${unitKiosk}`)).statusCode).toBe(404);
    expect((await db().selectFrom('kiosks').select('status').where('id', '=', k.id).executeTakeFirstOrThrow()).status).toBe('open');
  });

  it('the provider sees its results, suppressed under 5 answers, never the free texts', async () => {
    const k = await newKiosk('Results kiosk');
    const token = tokenOf(k.link);
    for (const felt of [5, 4, 4, 3]) await answer(token, { felt, ageBand: '9_12' });
    const few = (await provider.get(`/api/v1/kiosk-results?kiosk=${k.id}`)).json().tables as Tables;
    expect(table(few, 'feedback.byQuestion').felt![0]).toEqual({ value: null, suppressed: true });
    await answer(token, { felt: 2, ageBand: '13_17', freeText: 'Edukatori im më bërtet' });
    const res = await provider.get(`/api/v1/kiosk-results?kiosk=${k.id}`);
    expect(res.statusCode).toBe(200);
    expect(table(res.json().tables, 'feedback.byQuestion').felt!.slice(0, 2).map((c) => c.value)).toEqual([3.6, 5]);
    expect(res.body).not.toContain('bërtet');
    expect((await provider.get('/api/v1/kiosk-texts')).statusCode).toBe(403);
    expect((await provider.get(`/api/v1/kiosks/${k.id}`)).json()).toMatchObject({ answers: 5, unreviewed: 0 });
    expect((await provider.get('/api/v1/tasks')).body).not.toContain('kiosk_free_text');
    // The demo kiosk's ten answers this quarter and six before, and its text, not shown.
    const all = await provider.get('/api/v1/kiosk-results');
    expect(Object.keys(table(all.json().tables, 'feedback.byQuarter')).length).toBeGreaterThanOrEqual(2);
    expect(all.body).not.toContain('edukatore');
  });

  it("the Korçë unit's supervisor reviews its texts and makes a signal of the unit of one; Elbasan's does not see them", async () => {
    const k = await newKiosk('Review kiosk');
    await answer(tokenOf(k.link), { felt: 1, freeText: 'Një punonjës këtu më godet' });
    const list = (await supervisor.get('/api/v1/kiosk-texts')).json().items as Array<{ id: string; text: string; kioskId: string; orgName: string }>;
    const text = list.find((x) => x.kioskId === k.id)!;
    expect(text).toMatchObject({ text: 'Një punonjës këtu më godet', orgName: 'Qendra Komunitare „Për Fëmijët“ Korçë' });
    // The demo provider kiosk's text waits for this supervisor too, with a task on the list.
    expect(list.some((x) => x.text.includes('edukatore'))).toBe(true);
    const tasks = (await supervisor.get('/api/v1/tasks?scope=unit')).body;
    expect(tasks).toContain(`/feedback/review?kiosk=${k.id}`);
    const elbasan = await t.login('b.kasa');
    expect(ids((await elbasan.get('/api/v1/kiosk-texts?state=all')).json().items)).not.toContain(text.id);
    expect((await elbasan.post(`/api/v1/kiosk-texts/${text.id}/reviewed`, {})).statusCode).toBe(404);
    expect((await (await t.login('caseworker')).get('/api/v1/kiosk-texts')).statusCode).toBe(403);
    const body = { harmTypes: ['physical'], urgency: 'immediate', child: { givenName: 'Unknown', familyName: `Qendra${Date.now()}`, sex: 'unknown' } };
    expect((await elbasan.post(`/api/v1/kiosk-texts/${text.id}/signal`, body)).statusCode).toBe(404);
    const made = await supervisor.post(`/api/v1/kiosk-texts/${text.id}/signal`, body);
    expect(made.statusCode, made.body).toBe(200);
    const signal = await supervisor.get(`/api/v1/signals/${made.json().signalId}`);
    expect(signal.json()).toMatchObject({ source: 'child_self', description: 'Një punonjës këtu më godet', municipalityCode: 'AL-06-03' });
    const unit = await db().selectFrom('signals as s').innerJoin('organisations as o', 'o.id', 's.unit_id').select('o.name').where('s.id', '=', made.json().signalId).executeTakeFirstOrThrow();
    expect(unit.name).toBe('Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë');
    // The provider's staff do not read the signal made of the words left at their centre.
    expect((await provider.get(`/api/v1/signals/${made.json().signalId}`)).statusCode).toBe(403);
    expect((await supervisor.post(`/api/v1/kiosk-texts/${text.id}/signal`, body)).json()).toEqual(made.json());
  });

  it("in Bulgaria the Plovdiv unit's supervisor reviews the Plovdiv centre's demo text; the services report counts providers' kiosks", async () => {
    const petrov = (await (await t.login('g.petrov')).get('/api/v1/kiosk-texts')).json().items as Array<{ text: string; orgName: string }>;
    expect(petrov.find((x) => x.text.includes('възпитателите'))).toMatchObject({ orgName: 'Център за обществена подкрепа – Пловдив' });
    expect(JSON.stringify((await supervisor.get('/api/v1/kiosk-texts')).json())).not.toContain('възпитателите');
    expect((await (await t.login('v.georgieva')).get('/api/v1/kiosk-texts')).statusCode).toBe(403);
    // Today in Bulgaria: the demo's answers fall on the units' local days (from 22:00 UTC in winter it is tomorrow there).
    const to = localDay(new Date(), 'Europe/Sofia');
    const report = await (await t.login('d.angelov')).get(`/api/v1/reports/services?from=2020-01-01&to=${to}&jurisdiction=BG`);
    expect(report.statusCode, report.body).toBe(200);
    const units = table(report.json().tables, 'feedback.byUnit');
    expect(units['Център за обществена подкрепа – Пловдив']![0]).toEqual({ value: 16 });
    expect(report.body).not.toContain('възпитателите');
  });
});
