import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCase } from '../cases/case-fixtures.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { canonicalJson, verifyValue } from './signing.ts';
import { verifyCrossBorderText } from './transfers-cli.ts';

/** Cross-border referrals: the signed summary, its file and printout, the acknowledgement, and who reaches them. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const valid = { destinationCountry: 'GR', destinationAuthority: 'Hellenic child protection', reason: 'The family moved to Thessaloniki', consentChild: 'given', consentCaregiver: 'given' };
const stored = (caseId: string) => t.database.db.selectFrom('cross_border_referrals').select('id').where('case_id', '=', caseId).execute();

/** A case with an attached signal, a current placement and an approved plan, as its records hold them. */
async function richCase() {
  const { caseId, client } = await openTestCase(t, { riskLevel: 'high' });
  const db = t.database.db;
  const kase = await db.selectFrom('cases').select(['country', 'unit_id']).where('id', '=', caseId).executeTakeFirstOrThrow();
  const signal = await db.selectFrom('signals').select(['id', 'harm_types', 'description']).where('country', '=', 'AL').where('description', 'is not', null).limit(1).executeTakeFirstOrThrow();
  await db.insertInto('case_signals').values({ country: 'AL', case_id: caseId, signal_id: signal.id }).execute();
  await db.insertInto('placements').values({ country: 'AL', case_id: caseId, kind: 'kinship_care', carer_name: 'Grandmother Vera', started_on: '2025-01-10', notes: 'NARRATIVE-PLACEMENT-NOTE', author_org_id: kase.unit_id }).execute();
  const plan = await db.insertInto('plans').values({ country: 'AL', case_id: caseId, number: 1, status: 'approved', author_org_id: kase.unit_id, child_views: 'NARRATIVE-CHILD-VIEWS' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('plan_goals').values({ country: 'AL', plan_id: plan.id, position: 0, domain: 'education', description: 'Back to school by March' }).execute();
  return { caseId, client, signal };
}

describe('sending a cross-border referral', () => {
  it('refuses bad input with field paths and stores nothing', async () => {
    const { caseId, client } = await openTestCase(t);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...valid, destinationCountry: 'AL' }, 'destinationCountry'],
      [{ ...valid, destinationCountry: 'FR' }, 'destinationCountry'],
      [{ ...valid, consentCaregiver: 'refused' }, 'bestInterestsReason'],
      [{ ...valid, destinationAuthority: '' }, 'destinationAuthority'],
      [{ ...valid, extra: 1 }, 'extra'],
    ];
    for (const [body, path] of cases) {
      const res = await client.post(`/api/v1/cases/${caseId}/cross-border`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path), JSON.stringify(body)).toContain(path);
    }
    expect(await stored(caseId)).toEqual([]);
  });

  it('accepts sharing without consent when a best-interests reason is recorded', async () => {
    const { caseId, client } = await openTestCase(t);
    const res = await client.post(`/api/v1/cases/${caseId}/cross-border`, { ...valid, destinationCountry: 'BG', consentChild: 'not_asked', bestInterestsReason: 'Risk of trafficking' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ language: 'bg', status: 'sent', consentChild: 'not_asked', sentByName: 'Elira Dervishi' });
  });

  it('builds, signs and serves the summary: identity, risk, harm, placement, goals — nothing narrative', async () => {
    const { caseId, client, signal } = await richCase();
    const sent = await client.post(`/api/v1/cases/${caseId}/cross-border`, valid);
    expect(sent.statusCode).toBe(201);
    const id = sent.json().id as string;
    expect(sent.json()).toMatchObject({ language: 'en', destinationCountry: 'GR', keyId: expect.stringMatching(/^ed25519-/) });

    const res = await client.get(`/api/v1/cross-border/${id}/file`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="cross-border-${id}.json"`);
    const file = res.json();
    expect(file.format).toBe('safetynet-cross-border/1');
    expect(file.summary).toMatchObject({
      referenceId: id, riskLevel: 'high', harmTypes: [...signal.harm_types].sort(), placement: { kind: 'kinship_care', since: '2025-01-10' },
      planGoals: [{ domain: 'education', description: 'Back to school by March' }], child: { familyName: 'Fixture' },
    });
    const text = JSON.stringify(file);
    for (const secret of [signal.description!, 'NARRATIVE-PLACEMENT-NOTE', 'NARRATIVE-CHILD-VIEWS', 'Grandmother Vera']) expect(text).not.toContain(secret);
    expect(Object.keys(file.summary)).not.toContain('perpetrators');

    // The signature verifies with the file's own public key, and fails once anything is altered.
    expect(verifyValue(file.summary, file.signature, file.publicKey)).toBe(true);
    expect(verifyValue({ ...file.summary, riskLevel: 'low' }, file.signature, file.publicKey)).toBe(false);
    expect(verifyValue({ ...file.summary, child: { ...file.summary.child, givenName: 'Someone' } }, file.signature, file.publicKey)).toBe(false);
    expect(verifyValue(file.summary, file.signature.replace(/^./, (c: string) => (c === 'A' ? 'B' : 'A')), file.publicKey)).toBe(false);
    // Key order does not matter to the receiver: the canonical form is re-derived.
    const reordered = Object.fromEntries(Object.entries(file.summary).reverse());
    expect(canonicalJson(reordered)).toBe(canonicalJson(file.summary));
    expect(verifyValue(reordered, file.signature, file.publicKey)).toBe(true);

    // One key for the deployment: a second referral is signed by the same key.
    const second = await client.post(`/api/v1/cases/${caseId}/cross-border`, { ...valid, destinationCountry: 'XK' });
    expect(second.json()).toMatchObject({ keyId: file.keyId, language: 'sq' });
    expect(await t.database.db.selectFrom('signing_keys').select('id').execute()).toHaveLength(1);
  });

  it('prints the summary as a PDF, named by its id only', async () => {
    const { caseId, client } = await richCase();
    for (const destinationCountry of ['GR', 'BG', 'XK']) {
      const id = (await client.post(`/api/v1/cases/${caseId}/cross-border`, { ...valid, destinationCountry })).json().id as string;
      const pdf = await client.get(`/api/v1/cross-border/${id}/summary`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toBe(`attachment; filename="cross-border-${id}.pdf"`);
      expect(pdf.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
    }
  });

  it('records the acknowledgement once, with who and when', async () => {
    const { caseId, client } = await openTestCase(t);
    const id = (await client.post(`/api/v1/cases/${caseId}/cross-border`, valid)).json().id as string;
    const today = new Date().toISOString().slice(0, 10);
    expect((await client.post(`/api/v1/cross-border/${id}/acknowledgement`, { acknowledgedAt: today })).statusCode).toBe(400);
    expect((await client.post(`/api/v1/cross-border/${id}/acknowledgement`, { acknowledgedAt: '2099-01-01', acknowledgedByName: 'Ms Papadopoulou' })).json().issues[0].path).toBe('acknowledgedAt');
    const ack = await client.post(`/api/v1/cross-border/${id}/acknowledgement`, { acknowledgedAt: today, acknowledgedByName: 'Ms Papadopoulou', note: 'Received by post' });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', acknowledgedByName: 'Ms Papadopoulou', acknowledgementNote: 'Received by post' });
    expect((await client.post(`/api/v1/cross-border/${id}/acknowledgement`, { acknowledgedAt: today, acknowledgedByName: 'Again' })).statusCode).toBe(409);
    const kinds = (await t.database.db.selectFrom('case_events').select('kind').where('case_id', '=', caseId).execute()).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['cross_border_sent', 'cross_border_acknowledged']));
  });

  it('reaches only the owning unit: other countries get 404, other roles 403', async () => {
    const { caseId, client } = await openTestCase(t);
    const id = (await client.post(`/api/v1/cases/${caseId}/cross-border`, valid)).json().id as string;
    const supervisor = await t.login('supervisor');
    expect((await supervisor.get(`/api/v1/cases/${caseId}/cross-border`)).json().items.map((i: { id: string }) => i.id)).toEqual([id]);
    for (const u of ['m.ivanova', 'b.kasa']) {
      const c = await t.login(u);
      expect((await c.get(`/api/v1/cross-border/${id}/file`)).statusCode, u).toBe(404);
      expect((await c.get(`/api/v1/cross-border/${id}/summary`)).statusCode, u).toBe(404);
      expect((await c.post(`/api/v1/cross-border/${id}/acknowledgement`, { acknowledgedAt: '2025-01-01', acknowledgedByName: 'x' })).statusCode, u).toBe(404);
      expect((await c.post(`/api/v1/cases/${caseId}/cross-border`, valid)).statusCode, u).toBe(404);
    }
    for (const u of ['partner', 'provider', 'monitor']) {
      expect((await (await t.login(u)).get(`/api/v1/cross-border/${id}/file`)).statusCode, u).toBe(403);
    }
    // A Bulgarian unit sends to Albania, in Albanian.
    const bg = await openTestCase(t, { username: 'm.ivanova', municipalityCode: 'BG-16-12' });
    const res = await bg.client.post(`/api/v1/cases/${bg.caseId}/cross-border`, { ...valid, destinationCountry: 'AL' });
    expect(res.statusCode).toBe(201);
    expect(res.json().language).toBe('sq');
  });

  it('`safetynet verify-cross-border` accepts the file as sent and rejects an altered one', async () => {
    const { caseId, client } = await openTestCase(t);
    const id = (await client.post(`/api/v1/cases/${caseId}/cross-border`, valid)).json().id as string;
    const text = (await client.get(`/api/v1/cross-border/${id}/file`)).body;
    expect(verifyCrossBorderText(text)).toMatchObject({ ok: true, referenceId: id });
    const altered = text.replace('"riskLevel":"medium"', '"riskLevel":"low"');
    expect(altered).not.toBe(text);
    expect(verifyCrossBorderText(altered)).toEqual({ ok: false, problem: 'the signature does not match the summary' });
    expect(verifyCrossBorderText('{"format":"x"}').ok).toBe(false);
    expect(verifyCrossBorderText('not json')).toEqual({ ok: false, problem: 'the file is not JSON' });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-xb-'));
    const good = path.join(dir, 'good.json');
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(good, text);
    fs.writeFileSync(bad, altered);
    const run = (file: string) => spawnSync(process.execPath, ['bin/safetynet.mjs', 'verify-cross-border', file], { encoding: 'utf8' });
    const ok = run(good);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`Signature valid: referral ${id}`);
    expect(ok.stdout).not.toContain('Fixture');
    const ko = run(bad);
    expect(ko.status).toBe(1);
    expect(ko.stderr).toContain('Signature INVALID');
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
