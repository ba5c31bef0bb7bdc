import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantTo, openTestCase } from '../cases/case-fixtures.ts';
import { computeMonitoringReport } from '../reports/monitoring-report.ts';
import { signalBody } from '../signals/signal-fixtures.ts';
import { type TestApp, readAll, startTestApp } from '../testing/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const child = (givenName: string, familyName: string, birthDate: string, over: Record<string, unknown> = {}) =>
  ({ givenName, familyName, sex: 'female', birthDate, municipalityCode: 'AL-06-03', ...over });
const countNamed = async (familyName: string) =>
  Number((await t.database.unguarded.selectFrom('children').select((eb) => eb.fn.countAll<string>().as('n')).where('family_name', '=', familyName).executeTakeFirstOrThrow()).n);

describe('one child, one record: the duplicate rule', () => {
  it('a second record with the same name and birth date answers 409 naming the first; notDuplicate registers it', async () => {
    const cw = await t.login('caseworker');
    // The demo has Ana Krasniqi (2014-03-12) in Korçë; case, accents and word order do not matter.
    const res = await cw.post('/api/v1/children', child('KRASNIQI', 'ana', '2014-03-12'));
    expect(res.statusCode).toBe(409);
    const body = res.json();
    expect(body.duplicates).toHaveLength(1);
    expect(body.duplicates[0].child).toMatchObject({ givenName: 'Ana', familyName: 'Krasniqi', birthDate: '2014-03-12' });
    expect(body.elsewhere).toEqual([]);
    expect(await countNamed('KRASNIQI')).toBe(0);
    // Another birth date is another child.
    expect((await cw.post('/api/v1/children', child('Ana', 'Krasniqi', '2014-03-13'))).statusCode).toBe(201);
    const forced = await cw.post('/api/v1/children', child('Ana', 'Krasniqi', '2014-03-12', { notDuplicate: { reason: 'different_child' } }));
    expect(forced.statusCode).toBe(201);
    const entry = await t.database.unguarded.selectFrom('audit_log').select('detail').where('child_id', '=', forced.json().id).where('action', '=', 'create').executeTakeFirstOrThrow();
    expect(entry.detail).toMatchObject({ notDuplicate: 'different_child', sameAs: [body.duplicates[0].child.id] });
    expect((await cw.post('/api/v1/children', child('Ana', 'Krasniqi', '2014-03-12', { notDuplicate: { reason: 'maybe' } }))).statusCode).toBe(400);
  });

  it('matches across scripts: "Ivan Petrov" finds "Иван Петров"', async () => {
    const bg = await t.login('m.ivanova');
    const res = await bg.post('/api/v1/children', child('Ivan', 'Petrov', '2013-07-08', { sex: 'male', municipalityCode: 'BG-16-12' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().duplicates[0].child).toMatchObject({ givenName: 'Иван', familyName: 'Петров' });
  });

  it('a record in another unit is named by its unit only, and the lookup is on that record\'s history', async () => {
    const elbasan = await t.login('b.kasa');
    const res = await elbasan.post('/api/v1/children', child('Ana', 'Krasniqi', '2014-03-12', { municipalityCode: 'AL-03-03' }));
    expect(res.statusCode).toBe(409);
    const body = res.json();
    expect(body.duplicates).toEqual([]);
    expect(body.elsewhere).toHaveLength(1);
    expect(body.elsewhere[0].unitName).toMatch(/Korçë/);
    expect(body.message).toMatch(/another unit/);
    const korce = await t.login('supervisor');
    const ana = (await readAll<{ id: string; givenName: string; birthDate: string }>(korce, '/api/v1/children')).filter((c) => c.givenName === 'Ana' && c.birthDate === '2014-03-12');
    expect(ana.length).toBeGreaterThan(0);
    for (const c of ana) expect(res.body).not.toContain(c.id);
    expect(res.body).not.toMatch(/Krasniqi|2014-03-12/);
    const history = (await korce.get(`/api/v1/children/${ana[0]!.id}/access-history`)).json().items;
    expect(history).toEqual(expect.arrayContaining([expect.objectContaining({ actorName: 'b.kasa', action: 'duplicate_match', outcome: 'denied' })]));
    // The check while typing says the same, without data.
    const typing = (await elbasan.post('/api/v1/children/duplicates', { givenName: 'Ana', familyName: 'Krasniqi', birthDate: '2014-03-12' })).json();
    expect(typing.items).toEqual([]);
    expect(typing.elsewhere.map((e: { unitName: string }) => e.unitName)).toEqual([body.elsewhere[0].unitName]);
    // The other unit confirmed it is another child: registered.
    const forced = await elbasan.post('/api/v1/children', child('Ana', 'Krasniqi', '2014-03-12', { municipalityCode: 'AL-03-03', notDuplicate: { reason: 'confirmed_with_unit' } }));
    expect(forced.statusCode).toBe(201);
  });

  it('a signal\'s new child like a registered one is refused at its place in the list', async () => {
    const cw = await t.login('caseworker');
    const before = await countNamed('Dupsignal');
    const first = await cw.post('/api/v1/signals', signalBody({ children: [{ givenName: 'Era', familyName: 'Dupsignal', sex: 'female', birthDate: '2012-02-02' }] }));
    expect(first.statusCode).toBe(201);
    const again = await cw.post('/api/v1/signals', signalBody({ children: [{ givenName: 'Tea', familyName: 'Other', sex: 'female' }, { givenName: 'Era', familyName: 'Dupsignal', sex: 'female', birthDate: '2012-02-02' }] }));
    expect(again.statusCode).toBe(409);
    expect(again.json().duplicates).toEqual([expect.objectContaining({ index: 1, child: expect.objectContaining({ id: first.json().children[0].id }) })]);
    expect(await countNamed('Dupsignal')).toBe(before + 1);
  });

  it('two identical creates at once make one child', async () => {
    const cw = await t.login('caseworker');
    const answers = await Promise.all([1, 2].map(() => cw.post('/api/v1/children', child('Concurrent', 'Twice', '2011-01-01'))));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    const signals = await Promise.all([1, 2].map(() => cw.post('/api/v1/signals', signalBody({ children: [{ givenName: 'Sig', familyName: 'Concurrent', sex: 'male', birthDate: '2011-02-02' }] }))));
    expect(signals.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(await countNamed('Twice')).toBe(1);
    expect(await countNamed('Concurrent')).toBe(1);
  });
});

describe('merging two records of the same child', () => {
  it('moves signals, cases and grants; the merged record answers 410; the audit names both; the report counts one child', async () => {
    const sup = await t.login('supervisor');
    const kept = (await sup.post('/api/v1/signals', signalBody({ children: [{ givenName: 'Merge', familyName: 'Kept', sex: 'female', birthDate: '2012-05-05' }] }))).json();
    const dup = (await sup.post('/api/v1/signals', signalBody({ children: [{ givenName: 'Merge', familyName: 'Kept', sex: 'female', birthDate: '2012-05-05', notDuplicate: { reason: 'different_child' } }] }))).json();
    const keptId = kept.children[0].id as string;
    const dupId = dup.children[0].id as string;
    expect(dupId).not.toBe(keptId);
    const kase = (await sup.post('/api/v1/cases', { childId: dupId, riskLevel: 'medium' }));
    expect(kase.statusCode, kase.body).toBe(201);
    await grantTo(t, dupId, 'provider', 'referral');
    const today = new Date().toISOString().slice(0, 10);
    const period = { from: `${today.slice(0, 4)}-01-01`, to: today, jurisdiction: 'AL-06' };
    const before = await computeMonitoringReport(t.database.unguarded, period, { suppress: false });

    expect((await (await t.login('caseworker')).post(`/api/v1/children/${keptId}/merge`, { duplicateId: dupId })).statusCode).toBe(403);
    expect((await (await t.login('l.muca')).post(`/api/v1/children/${keptId}/merge`, { duplicateId: dupId })).statusCode).toBe(404);
    const res = await sup.post(`/api/v1/children/${keptId}/merge`, { duplicateId: dupId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: keptId, version: 2 });

    expect((await sup.get(`/api/v1/signals/${dup.id}`)).json().children.map((c: { id: string }) => c.id)).toEqual([keptId]);
    expect((await sup.get(`/api/v1/cases/${kase.json().id}`)).json().child.id).toBe(keptId);
    expect((await (await t.login('provider')).get(`/api/v1/children/${keptId}`)).statusCode).toBe(200);
    const gone = await sup.get(`/api/v1/children/${dupId}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().mergedInto).toBe(keptId);
    expect((await (await t.login('l.muca')).get(`/api/v1/children/${dupId}`)).statusCode).toBe(404);
    const list = await readAll<{ id: string }>(sup, '/api/v1/children');
    expect(list.length).toBeGreaterThan(0);
    expect(list.map((c) => c.id)).not.toContain(dupId);

    const merges = await t.database.unguarded.selectFrom('audit_log').select(['child_id', 'detail']).where('action', '=', 'merge').where('child_id', 'in', [keptId, dupId]).execute();
    expect(merges).toHaveLength(2);
    for (const m of merges) expect(m.detail).toMatchObject({ survivor: keptId, merged: dupId });
    // The survivor's history carries the merged record's past.
    const history = (await sup.get(`/api/v1/children/${keptId}/access-history`)).json().items;
    expect(history.filter((e: { action: string }) => e.action === 'merge')).toHaveLength(2);

    const after = await computeMonitoringReport(t.database.unguarded, period, { suppress: false });
    expect(before.children.total! - after.children.total!).toBe(1);
    expect(after.signals.total).toBe(before.signals.total);
  });

  it('refuses two records that each have an open case, and a record merged into itself', async () => {
    const a = await openTestCase(t, { username: 'supervisor' });
    const b = await openTestCase(t, { username: 'supervisor' });
    const sup = await t.login('supervisor');
    const res = await sup.post(`/api/v1/children/${a.childId}/merge`, { duplicateId: b.childId });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/close one/);
    expect((await sup.get(`/api/v1/children/${b.childId}`)).statusCode).toBe(200);
    expect((await sup.post(`/api/v1/children/${a.childId}/merge`, { duplicateId: a.childId })).statusCode).toBe(400);
  });
});

describe('idempotent creates', () => {
  it('a double-submitted referral and signal with the same key make one record and the same answer', async () => {
    const c = await openTestCase(t);
    const provider = await t.database.unguarded.selectFrom('users').select('organisation_id').where('username', '=', 'provider').executeTakeFirstOrThrow();
    const body = { providerOrgId: provider.organisation_id, service: 'psychological_counselling', request: 'Weekly sessions', consentChild: 'given', consentCaregiver: 'given' };
    const key = { 'idempotency-key': crypto.randomUUID() };
    const first = await c.client.request('POST', `/api/v1/cases/${c.caseId}/referrals`, body, key);
    const second = await c.client.request('POST', `/api/v1/cases/${c.caseId}/referrals`, body, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    const n = await t.database.unguarded.selectFrom('referrals').select((eb) => eb.fn.countAll<string>().as('n')).where('case_id', '=', c.caseId).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);

    const cw = await t.login('caseworker');
    const sigKey = { 'idempotency-key': crypto.randomUUID() };
    const sig = signalBody({ children: [{ givenName: 'Idem', familyName: 'Potent', sex: 'male', birthDate: '2010-10-10' }] });
    const answers = await Promise.all([1, 2].map(() => cw.request('POST', '/api/v1/signals', sig, sigKey)));
    const again = await cw.request('POST', '/api/v1/signals', sig, sigKey);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201]);
    expect(again.statusCode).toBe(201);
    expect(answers[1]!.json()).toEqual(answers[0]!.json());
    expect(again.json()).toEqual(answers[0]!.json());
    expect(await countNamed('Potent')).toBe(1);
    const signals = await sql<{ n: string }>`SELECT count(*) AS n FROM signal_children sc JOIN children c ON c.id = sc.child_id WHERE c.family_name = 'Potent'`.execute(t.database.unguarded);
    expect(Number(signals.rows[0]!.n)).toBe(1);

    // The same key with another body is refused; the key table holds no child data.
    const other = await cw.request('POST', '/api/v1/signals', { ...sig, description: 'Something else' }, sigKey);
    expect(other.statusCode).toBe(422);
    const stored = await sql`SELECT * FROM idempotency_keys`.execute(t.database.unguarded);
    expect(stored.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored.rows)).not.toMatch(/Idem|Potent|Weekly/);
    // Another user's same key is their own.
    const sup = await t.login('supervisor');
    expect((await sup.request('POST', '/api/v1/signals', signalBody({ children: [{ givenName: 'Other', familyName: 'Userkey', sex: 'male' }] }), sigKey)).statusCode).toBe(201);
    expect((await cw.request('POST', '/api/v1/signals', sig, { 'idempotency-key': 'bad key!' })).statusCode).toBe(400);
  });

  it('a failed request frees its key', async () => {
    const cw = await t.login('caseworker');
    const key = { 'idempotency-key': crypto.randomUUID() };
    const bad = await cw.request('POST', '/api/v1/children', child('Free', 'Key', '2010-01-01', { municipalityCode: 'BG-16-12' }), key);
    expect(bad.statusCode).toBe(400);
    const good = await cw.request('POST', '/api/v1/children', child('Free', 'Key', '2010-01-01'), key);
    expect(good.statusCode).toBe(201);
    const replay = await cw.request('POST', '/api/v1/children', child('Free', 'Key', '2010-01-01'), key);
    expect(replay.statusCode).toBe(201);
    expect(replay.json().id).toBe(good.json().id);
  });
});
