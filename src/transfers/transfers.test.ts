import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCase } from '../cases/case-fixtures.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';

/** Transfers between units of one country: request, decline, cancel, accept, and who sees what after. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const UNIT_OF: Record<string, string> = { 'Korçë': 'AL-06-03', Elbasan: 'AL-03-03', Plovdiv: 'BG-16-12' };
const orgId = async (town: string) =>
  (await t.database.unguarded.selectFrom('organisations').select('id').where('jurisdiction_code', '=', UNIT_OF[town]!).where('is_protection_unit', '=', true).executeTakeFirstOrThrow()).id;
const caseRow = (id: string) => t.database.unguarded.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const events = async (caseId: string) =>
  (await t.database.unguarded.selectFrom('case_events').select('kind').where('case_id', '=', caseId).orderBy('at').execute()).map((e) => e.kind);
const crossBorder = { destinationCountry: 'GR', destinationAuthority: 'Hellenic child protection', reason: 'The family moved to Thessaloniki', consentChild: 'given', consentCaregiver: 'given' };

describe('transfer units', () => {
  it('lists the other protection units of my country only', async () => {
    const items = (await (await t.login('caseworker')).get('/api/v1/transfer-units')).json().items as Array<{ id: string; jurisdictionCode: string }>;
    expect(items.map((i) => i.id)).toContain(await orgId('Elbasan'));
    expect(items.map((i) => i.id)).not.toContain(await orgId('Korçë'));
    expect(items.every((i) => i.jurisdictionCode.startsWith('AL-'))).toBe(true);
    const bg = (await (await t.login('m.ivanova')).get('/api/v1/transfer-units')).json().items as Array<{ name: string; jurisdictionCode: string }>;
    expect(bg.length).toBeGreaterThan(0);
    expect(bg.every((i) => i.jurisdictionCode.startsWith('BG-') && i.jurisdictionCode !== 'BG-16-12')).toBe(true);
  });

  it('is refused to partners and providers', async () => {
    for (const u of ['partner', 'provider', 'monitor']) expect((await (await t.login(u)).get('/api/v1/transfer-units')).statusCode, u).toBe(403);
  });
});

describe('requesting a transfer', () => {
  it('refuses a unit of another country or my own, naming toUnitId, and stores nothing', async () => {
    const { caseId, client } = await openTestCase(t);
    for (const toUnitId of [await orgId('Plovdiv'), await orgId('Korçë')]) {
      const res = await client.post(`/api/v1/cases/${caseId}/transfers`, { toUnitId, reason: 'moving' });
      expect(res.statusCode).toBe(400);
      expect(res.json().issues).toEqual([{ path: 'toUnitId', message: 'must be another Child Protection Unit of this country' }]);
    }
    const missing = await client.post(`/api/v1/cases/${caseId}/transfers`, { toUnitId: await orgId('Elbasan') });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().issues[0].path).toBe('reason');
    expect((await caseRow(caseId)).status).toBe('open');
    expect(await t.database.unguarded.selectFrom('case_transfers').select('id').where('case_id', '=', caseId).execute()).toEqual([]);
  });

  it('is out of reach for other units and refused to partners', async () => {
    const { caseId } = await openTestCase(t);
    const body = { toUnitId: await orgId('Elbasan'), reason: 'moving' };
    expect((await (await t.login('m.ivanova')).post(`/api/v1/cases/${caseId}/transfers`, body)).statusCode).toBe(404);
    expect((await (await t.login('partner')).post(`/api/v1/cases/${caseId}/transfers`, body)).statusCode).toBe(403);
  });
});

describe('a transfer Korçë → Elbasan', () => {
  it('is declined with a note: the case stays in Korçë and returns to its status', async () => {
    const { caseId, client } = await openTestCase(t);
    const req = await client.post(`/api/v1/cases/${caseId}/transfers`, { toUnitId: await orgId('Elbasan'), reason: 'The family moved' });
    expect(req.statusCode).toBe(201);
    expect(req.json()).toMatchObject({ status: 'pending', allowed: ['cancel'], fromUnitName: expect.stringContaining('Korçë') });
    expect((await caseRow(caseId)).status).toBe('transfer_pending');
    // The case is frozen while waiting.
    expect((await client.post(`/api/v1/cases/${caseId}/cross-border`, crossBorder)).statusCode).toBe(409);

    const kasa = await t.login('b.kasa');
    const incoming = (await kasa.get('/api/v1/transfers?direction=incoming')).json().items as Array<{ id: string; allowed: string[] }>;
    const mine = incoming.find((i) => i.id === req.json().id)!;
    expect(mine.allowed).toEqual(['accept', 'decline']);
    const tasks = (await kasa.get('/api/v1/tasks')).json().items as Array<{ kind: string; link: string }>;
    expect(tasks).toContainEqual(expect.objectContaining({ kind: 'transfer_decision', link: `/cases/${caseId}` }));

    expect((await kasa.post(`/api/v1/transfers/${mine.id}/decline`, {})).statusCode).toBe(400);
    expect((await client.post(`/api/v1/transfers/${mine.id}/decline`, { note: 'no' })).statusCode).toBe(403);
    const declined = await kasa.post(`/api/v1/transfers/${mine.id}/decline`, { note: 'No capacity this month' });
    expect(declined.statusCode).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', decisionNote: 'No capacity this month', decidedByName: 'Besnik Kasa', allowed: [] });
    const kase = await caseRow(caseId);
    expect(kase).toMatchObject({ status: 'open', unit_id: await orgId('Korçë') });
    // Declined: Elbasan no longer reaches the case.
    expect((await kasa.get(`/api/v1/cases/${caseId}/cross-border`)).statusCode).toBe(404);
    expect(await events(caseId)).toEqual(expect.arrayContaining(['transfer_requested', 'transfer_declined']));
    expect((await client.get('/api/v1/transfers?direction=outgoing')).json().items.find((i: { id: string }) => i.id === mine.id).status).toBe('declined');
  });

  it('is cancelled by the sender', async () => {
    const { caseId, client } = await openTestCase(t);
    const req = (await client.post(`/api/v1/cases/${caseId}/transfers`, { toUnitId: await orgId('Elbasan'), reason: 'moving' })).json();
    expect((await (await t.login('b.kasa')).post(`/api/v1/transfers/${req.id}/cancel`)).statusCode).toBe(403);
    const res = await client.post(`/api/v1/transfers/${req.id}/cancel`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('cancelled');
    expect((await caseRow(caseId)).status).toBe('open');
    expect((await client.post(`/api/v1/transfers/${req.id}/cancel`)).statusCode).toBe(409);
  });

  it('is accepted: Elbasan sees everything, Korçë only what Korçë wrote', async () => {
    const { caseId, childId, client } = await openTestCase(t);
    const korceCb = await client.post(`/api/v1/cases/${caseId}/cross-border`, crossBorder);
    expect(korceCb.statusCode).toBe(201);
    const req = (await client.post(`/api/v1/cases/${caseId}/transfers`, { toUnitId: await orgId('Elbasan'), reason: 'The family moved' })).json();

    const kasa = await t.login('b.kasa');
    // Before deciding, the receiving supervisor reaches the case (its sections are the unit's until it accepts).
    expect((await kasa.get(`/api/v1/cases/${caseId}/cross-border`)).statusCode).toBe(200);
    expect((await client.post(`/api/v1/transfers/${req.id}/accept`, {})).statusCode).toBe(403);
    const version = (await caseRow(caseId)).version;
    expect((await kasa.post(`/api/v1/transfers/${req.id}/accept`, { version: version + 5 })).statusCode).toBe(409);
    const accepted = await kasa.post(`/api/v1/transfers/${req.id}/accept`, { version });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', decidedByName: 'Besnik Kasa' });

    const elbasan = await orgId('Elbasan');
    expect(await caseRow(caseId)).toMatchObject({ unit_id: elbasan, owner_id: null, status: 'open' });
    const child = await t.database.unguarded.selectFrom('children').select(['unit_id', 'owner_id', 'municipality_code']).where('id', '=', childId).executeTakeFirstOrThrow();
    expect(child).toEqual({ unit_id: elbasan, owner_id: null, municipality_code: 'AL-06-03' });
    const grant = await t.database.unguarded.selectFrom('child_access').select(['organisation_id', 'source_id', 'revoked_at'])
      .where('child_id', '=', childId).where('reason', '=', 'transfer').execute();
    expect(grant).toEqual([{ organisation_id: await orgId('Korçë'), source_id: req.id, revoked_at: null }]);
    expect(await events(caseId)).toEqual(expect.arrayContaining(['transfer_requested', 'transfer_accepted']));

    // Elbasan now works the case and writes its own record.
    const elbasanCb = await kasa.post(`/api/v1/cases/${caseId}/cross-border`, { ...crossBorder, destinationCountry: 'IT', destinationAuthority: 'Servizi sociali' });
    expect(elbasanCb.statusCode).toBe(201);
    expect((await kasa.get(`/api/v1/cases/${caseId}/cross-border`)).json().items).toHaveLength(2);

    // Korçë keeps sight of exactly what it wrote, and can no longer act on the case.
    const korce = (await client.get(`/api/v1/cases/${caseId}/cross-border`)).json().items as Array<{ id: string }>;
    expect(korce.map((i) => i.id)).toEqual([korceCb.json().id]);
    expect((await client.get(`/api/v1/cross-border/${korceCb.json().id}/file`)).statusCode).toBe(200);
    expect((await client.get(`/api/v1/cross-border/${elbasanCb.json().id}/file`)).statusCode).toBe(404);
    expect((await client.post(`/api/v1/cases/${caseId}/cross-border`, crossBorder)).statusCode).toBe(403);
    const childRes = await client.get(`/api/v1/children/${childId}`);
    expect(childRes.statusCode).toBe(200);
    expect(childRes.json().accessReason).toBe('transfer');
    // Other Korçë partners and other countries see nothing.
    expect((await (await t.login('m.ivanova')).get(`/api/v1/cases/${caseId}/cross-border`)).statusCode).toBe(404);
    expect((await (await t.login('partner')).get(`/api/v1/cases/${caseId}/cross-border`)).statusCode).toBe(403);
    // The decided transfer is no longer the receiving supervisor's task.
    const tasks = (await kasa.get('/api/v1/tasks')).json().items as Array<{ id: string }>;
    expect(tasks.map((x) => x.id)).not.toContain(req.id);
  });
});
