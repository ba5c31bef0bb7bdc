import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCase } from '../cases/case-fixtures.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { canonicalJson, fingerprintOf, keyIdOf, signingKey, verifyValue } from './signing.ts';
import { verifyCrossBorderText } from './cross-border-verify.ts';
import { keyFile, listTrustedKeys, readPublicKey, trustStoreDir, trustedKey, untrustKey } from './trust-store.ts';

/** Cross-border referrals: the signed summary, its file and printout, the acknowledgement, and who reaches them. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const valid = { destinationCountry: 'GR', destinationAuthority: 'Hellenic child protection', reason: 'The family moved to Thessaloniki', consentChild: 'given', consentCaregiver: 'given' };
const stored = (caseId: string) => t.database.unguarded.selectFrom('cross_border_referrals').select('id').where('case_id', '=', caseId).execute();

/** A case with an attached signal, a current placement and an approved plan, as its records hold them. */
async function richCase() {
  const { caseId, client } = await openTestCase(t, { riskLevel: 'high' });
  const db = t.database.unguarded;
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
    expect(await t.database.unguarded.selectFrom('signing_keys').select('id').execute()).toHaveLength(1);
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
    const kinds = (await t.database.unguarded.selectFrom('case_events').select('kind').where('case_id', '=', caseId).execute()).map((e) => e.kind);
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
});

describe('verifying a cross-border file against keys the receiver already trusts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-xb-'));
  const env: NodeJS.ProcessEnv = { ...process.env, SAFETYNET_DATA_DIR: path.join(dir, 'receiver'), SAFETYNET_LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  const run = (...args: string[]) => spawnSync(process.execPath, ['bin/safetynet.mjs', ...args], { encoding: 'utf8', env });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A genuine file of the sending deployment (the test app), and a forgery of it. */
  async function files() {
    const { caseId, client } = await openTestCase(t);
    const id = (await client.post(`/api/v1/cases/${caseId}/cross-border`, valid)).json().id as string;
    const text = (await client.get(`/api/v1/cross-border/${id}/file`)).body;
    const genuine = JSON.parse(text);
    // The forger changes the risk level and signs again with a key of their own, keeping the key id.
    const forgerKey = generateKeyPairSync('ed25519');
    const summary = { ...genuine.summary, riskLevel: 'low' };
    const forged = {
      ...genuine,
      summary,
      signature: sign(null, Buffer.from(canonicalJson(summary), 'utf8'), forgerKey.privateKey).toString('base64'),
      publicKey: forgerKey.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    };
    // What the old check did (trust the key in the file) would have accepted it.
    expect(verifyValue(forged.summary, forged.signature, forged.publicKey)).toBe(true);
    const own = await signingKey(t.database.unguarded);
    return { id, text, forgedText: JSON.stringify(forged), sender: { keyId: own.id, publicKey: own.publicKey } };
  }

  it('the pure check: a trusted key verifies the genuine file; a forgery, an altered file, an unknown or wrong key fail', async () => {
    const { id, text, forgedText, sender } = await files();
    const trusted = { trusted: (keyId: string) => (keyId === sender.keyId ? sender : null) };
    expect(verifyCrossBorderText(text, trusted)).toEqual({ ok: true, referenceId: id, keyId: sender.keyId });
    expect(verifyCrossBorderText(text, { given: sender })).toEqual({ ok: true, referenceId: id, keyId: sender.keyId });
    const forgery = verifyCrossBorderText(forgedText, trusted);
    expect(forgery).toEqual({ ok: false, problem: `the signature does not match the summary under the trusted key ${sender.keyId}: the file was altered or forged` });
    expect(verifyCrossBorderText(forgedText, { given: sender }).ok).toBe(false);
    const altered = text.replace('"riskLevel":"medium"', '"riskLevel":"low"');
    expect(altered).not.toBe(text);
    expect(verifyCrossBorderText(altered, trusted).ok).toBe(false);
    // Nothing trusted: the message says what to do.
    const none = verifyCrossBorderText(text, { trusted: () => null });
    expect(none.ok).toBe(false);
    expect(!none.ok && none.problem).toContain("import the sender's public key first");
    // A key given that is not the file's: a mismatch, whatever the file carries.
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    expect(verifyCrossBorderText(text, { given: { keyId: keyIdOf(other), publicKey: other } })).toEqual({ ok: false, problem: `the file names key ${sender.keyId}, not the key given (${keyIdOf(other)})` });
    // A key id made to climb out of the trust store is never looked up or echoed.
    const sneaky = JSON.stringify({ ...JSON.parse(text), keyId: '../../etc/passwd' });
    const lookedUp: string[] = [];
    const res = verifyCrossBorderText(sneaky, { trusted: (k) => (lookedUp.push(k), trustedKey(path.join(dir, 'none'), k)) });
    expect(!res.ok && res.problem).toContain('key of an unknown form');
    expect(verifyCrossBorderText('{"format":"x"}', trusted).ok).toBe(false);
    expect(verifyCrossBorderText('not json', trusted)).toEqual({ ok: false, problem: 'the file is not JSON' });
  });

  it('a key file names its key by the key itself; a doctored one is refused', () => {
    const pub = generateKeyPairSync('ed25519').publicKey;
    const b64 = pub.export({ format: 'der', type: 'spki' }).toString('base64');
    const file = keyFile({ keyId: keyIdOf(b64), publicKey: b64 });
    expect(readPublicKey(JSON.stringify(file))).toEqual({ keyId: keyIdOf(b64), publicKey: b64 });
    expect(readPublicKey(pub.export({ format: 'pem', type: 'spki' }).toString())).toEqual({ keyId: keyIdOf(b64), publicKey: b64 });
    expect(() => readPublicKey(JSON.stringify({ ...file, keyId: 'ed25519-0000000000000000' }))).toThrow(/names key ed25519-0000000000000000, but its key is/);
    expect(() => readPublicKey('{}')).toThrow(/not a Safetynet key file/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(() => readPublicKey(rsa)).toThrow(/not an Ed25519 public key/);
  });

  it('`safetynet cross-border key export|trust` and `verify-cross-border [--key]`: genuine passes, forged and untrusted fail with exit 1', async () => {
    const { id, text, forgedText, sender } = await files();
    const genuine = path.join(dir, 'genuine.json');
    const forged = path.join(dir, 'forged.json');
    const senderKey = path.join(dir, 'sender-key.json');
    fs.writeFileSync(genuine, text);
    fs.writeFileSync(forged, forgedText);
    // The sending deployment's export (here the test app's key, as `key export` writes it).
    fs.writeFileSync(senderKey, JSON.stringify(keyFile(sender)));

    // Before any key is trusted: refused, saying to import the sender's key.
    const untrusted = run('verify-cross-border', genuine);
    expect(untrusted.status).toBe(1);
    expect(untrusted.stderr).toContain(`Signature INVALID: the file names key ${sender.keyId}, which is not trusted here: import the sender's public key first`);

    // With --key, no trust store needed.
    const given = run('verify-cross-border', genuine, '--key', senderKey);
    expect(given.status, given.stderr).toBe(0);
    expect(given.stdout).toContain(`Signature valid: referral ${id}, key ${sender.keyId}.`);
    const givenForged = run('verify-cross-border', forged, '--key', senderKey);
    expect(givenForged.status).toBe(1);
    expect(givenForged.stderr).toContain('the file was altered or forged');

    // Imported into the trust store.
    const trust = run('cross-border', 'key', 'trust', senderKey, '--label', 'Albania test deployment');
    expect(trust.status, trust.stderr).toBe(0);
    expect(trust.stdout).toContain(`Trusted key ${sender.keyId}. Fingerprint: ${fingerprintOf(sender.publicKey)}`);
    expect(fs.existsSync(path.join(dir, 'receiver', 'trusted-keys', `${sender.keyId}.json`))).toBe(true);
    const store = trustStoreDir(path.join(dir, 'receiver'));
    expect(listTrustedKeys(store)).toEqual([expect.objectContaining({ keyId: sender.keyId, label: 'Albania test deployment' })]);
    const ok = run('verify-cross-border', genuine);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`Signature valid: referral ${id}`);
    expect(ok.stdout).not.toContain('Fixture');
    const ko = run('verify-cross-border', forged);
    expect(ko.status).toBe(1);
    expect(ko.stderr).toContain(`Signature INVALID: the signature does not match the summary under the trusted key ${sender.keyId}: the file was altered or forged.`);

    // Another deployment's export (a fresh data directory) is a key file that `key trust` takes.
    const exported = path.join(dir, 'other-key.json');
    const exp = spawnSync(process.execPath, ['bin/safetynet.mjs', 'cross-border', 'key', 'export', '--out', exported], { encoding: 'utf8', env: { ...env, SAFETYNET_DATA_DIR: path.join(dir, 'other') } });
    expect(exp.status, exp.stderr).toBe(0);
    const other = readPublicKey(fs.readFileSync(exported, 'utf8'));
    expect(exp.stdout).toContain(`Public key ${other.keyId} written to ${exported}. Fingerprint: ${fingerprintOf(other.publicKey)}`);
    // Its key is not the sender's: given as the key, the genuine file is refused as a mismatch.
    expect(verifyCrossBorderText(text, { given: other })).toEqual({ ok: false, problem: `the file names key ${sender.keyId}, not the key given (${other.keyId})` });

    // Untrusting puts it back to refused.
    expect(untrustKey(store, sender.keyId)).toBe(true);
    expect(verifyCrossBorderText(text, { trusted: (k) => trustedKey(store, k) }).ok).toBe(false);
  }, 300_000);
});
