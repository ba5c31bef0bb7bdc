import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup, restore } from '../backup/backup.ts';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';
import { freshDatabase } from '../testing/database.ts';
import { multipartBody } from '../testing/multipart.ts';
import { KEY_FILE, keyId, loadAttachmentKey, open, parseKey, seal } from './attachment-crypto.ts';
import { startPdf } from '../server/pdf-document.ts';

/**
 * Attachments over HTTP: upload, list, download and preview, removal; the type told from the
 * content; bad files refused with nothing stored; the reach and sector rules of the record the
 * file belongs to; every access audited; the content encrypted at rest and carried by backup and
 * restore.
 */
const KEY = 'q2cD4CwR3Xw2Qd8VtSp7nqQyW0sJ5d3mZb1kYp4rT6E=';
let t: TestApp;
let caseworker: Client;
let supervisor: Client;
let elaCase: string;
let referralId: string;
let pdf: Buffer;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000'
  + '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082', 'hex');

async function makePdf(text: string): Promise<Buffer> {
  const { doc, done } = startPdf({ title: 'test', margin: 40 });
  doc.font('body').text(text);
  doc.end();
  return done;
}

function upload(client: Client, fields: Record<string, string>, file?: { name: string; content: Buffer }) {
  const { body, contentType } = multipartBody(fields, file);
  return client.request('POST', '/api/v1/attachments', body, { 'content-type': contentType });
}
const rowCount = async () => Number((await t.database.unguarded.selectFrom('attachments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await startTestApp({ env: { SAFETYNET_ATTACHMENT_KEY: KEY, SAFETYNET_ATTACHMENT_MAX_MB: '0.05' } });
  caseworker = await t.login('caseworker');
  supervisor = await t.login('supervisor');
  const db = t.database.unguarded;
  elaCase = (await db.selectFrom('cases as k').innerJoin('children as c', 'c.id', 'k.child_id').select('k.id').where('c.given_name', '=', 'Ela').executeTakeFirstOrThrow()).id;
  const ngo = (await db.selectFrom('users').select('organisation_id').where('username', '=', 'provider').executeTakeFirstOrThrow()).organisation_id;
  const ref = await caseworker.post(`/api/v1/cases/${elaCase}/referrals`, { providerOrgId: ngo, service: 'psychosocial_support', request: 'Weekly sessions.', consentChild: 'given', consentCaregiver: 'given' });
  referralId = ref.json().id;
  pdf = await makePdf('Consent signed by the mother');
}, 120_000);
afterAll(() => t?.close());

describe('attachments', () => {
  it('uploads a PDF to a case, lists it, gives back the very bytes, encrypted at rest and audited', async () => {
    const res = await upload(caseworker, { ownerKind: 'case', ownerId: elaCase, kind: 'consent', description: 'Signed consent' }, { name: 'pëlqim.pdf', content: pdf });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ kind: 'consent', fileName: 'pëlqim.pdf', mediaType: 'application/pdf', sizeBytes: pdf.length, previewable: true, canRemove: true });

    const list = await supervisor.get(`/api/v1/attachments?ownerKind=case&ownerId=${elaCase}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((a: { id: string }) => a.id)).toContain(created.id);
    expect(list.json().maxBytes).toBe(Math.round(0.05 * 1024 * 1024));

    const download = await supervisor.get(`/api/v1/attachments/${created.id}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="p_lqim.pdf"; filename*=UTF-8''p%C3%ABlqim.pdf`);
    expect(download.headers['cache-control']).toContain('no-store');
    expect((await supervisor.get(`/api/v1/attachments/${created.id}/content?inline=true`)).headers['content-disposition']).toMatch(/^inline;/);

    const stored = await t.database.unguarded.selectFrom('attachment_contents').selectAll().where('attachment_id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.ciphertext.includes(Buffer.from('%PDF'))).toBe(false);
    expect(stored.key_id).toBe(keyId(parseKey(KEY)));

    const audit = await t.database.unguarded.selectFrom('audit_log').select(['action', 'entity', 'detail']).where('entity_id', '=', created.id).orderBy('seq').execute();
    expect(audit.map((a) => `${a.action} ${a.entity}`)).toEqual(['create attachment', 'read attachment', 'read attachment']);
    expect(JSON.stringify(audit)).not.toContain('pëlqim');
  });

  it('tells the type from the content, and refuses an empty, a lying, a foreign or a too large file, storing nothing', async () => {
    const before = await rowCount();
    const fields = { ownerKind: 'case', ownerId: elaCase, kind: 'report' };
    const refused = async (file: { name: string; content: Buffer } | undefined, status: number, pathName: string, extra: Record<string, string> = {}) => {
      const res = await upload(caseworker, { ...fields, ...extra }, file);
      expect(res.statusCode, res.body).toBe(status);
      if (status === 400) expect(res.json().issues.map((i: { path: string }) => i.path)).toContain(pathName);
      expect(res.json().message).toBeTruthy();
    };
    await refused({ name: 'empty.pdf', content: Buffer.alloc(0) }, 400, 'file');
    await refused({ name: 'photo.pdf', content: PNG }, 400, 'file');
    await refused({ name: 'notes.pdf', content: Buffer.from('just text, not a PDF') }, 400, 'file');
    await refused({ name: 'run.exe', content: Buffer.from('4d5a90000300000004000000ffff0000', 'hex') }, 400, 'file');
    await refused({ name: 'big.pdf', content: Buffer.concat([pdf, Buffer.alloc(60_000)]) }, 413, 'file');
    await refused(undefined, 400, 'file');
    await refused({ name: 'a.pdf', content: pdf }, 400, 'ownerKind', { ownerKind: 'school' });
    await refused({ name: 'a.pdf', content: pdf }, 400, 'kind', { kind: 'selfie' });
    const json = await caseworker.post('/api/v1/attachments', { ...fields });
    expect(json.statusCode).toBe(415);
    expect(await rowCount()).toBe(before);

    const png = await upload(caseworker, { ...fields, kind: 'photo' }, { name: 'bruise.png', content: PNG });
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json()).toMatchObject({ mediaType: 'image/png', previewable: true });
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('a').addRow(['x']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const office = await upload(caseworker, { ...fields }, { name: 'school-report.xlsx', content: xlsx });
    expect(office.statusCode, office.body).toBe(201);
    expect(office.json()).toMatchObject({ previewable: false });
  });

  it('follows the reach and sector rules of its record: 404 outside, the provider sees the referral’s files and only its own on the case', async () => {
    const provider = await t.login('provider');
    const other = await t.login('e.cela');
    const onCase = (await upload(caseworker, { ownerKind: 'case', ownerId: elaCase, kind: 'court_order' }, { name: 'order.pdf', content: pdf })).json();
    const onReferral = await upload(caseworker, { ownerKind: 'referral', ownerId: referralId, kind: 'consent' }, { name: 'consent.pdf', content: pdf });
    expect(onReferral.statusCode).toBe(201);

    // Another unit's caseworker: the case's files, the file itself and an upload are all "not found".
    expect((await other.get(`/api/v1/attachments?ownerKind=case&ownerId=${elaCase}`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/attachments/${onCase.id}/content`)).statusCode).toBe(404);
    expect((await upload(other, { ownerKind: 'case', ownerId: elaCase, kind: 'other' }, { name: 'x.pdf', content: pdf })).statusCode).toBe(404);
    expect((await other.post(`/api/v1/attachments/${onCase.id}/remove`, { reason: 'x' })).statusCode).toBe(404);

    // The provider of the referral sees the referral's files and adds its own report to it.
    const seen = await provider.get(`/api/v1/attachments?ownerKind=referral&ownerId=${referralId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().items.map((a: { id: string }) => a.id)).toEqual([onReferral.json().id]);
    const report = await upload(provider, { ownerKind: 'referral', ownerId: referralId, kind: 'report' }, { name: 'session-report.pdf', content: pdf });
    expect(report.statusCode).toBe(201);
    expect((await caseworker.get(`/api/v1/attachments?ownerKind=referral&ownerId=${referralId}`)).json().items).toHaveLength(2);
    // … but not the unit's court order, whether or not it reaches the case.
    const caseList = await provider.get(`/api/v1/attachments?ownerKind=case&ownerId=${elaCase}`);
    if (caseList.statusCode === 200) expect(caseList.json().items.map((a: { id: string }) => a.id)).not.toContain(onCase.id);
    else expect(caseList.statusCode).toBe(404);
    expect((await provider.get(`/api/v1/attachments/${onCase.id}/content`)).statusCode).toBe(404);
    // Roles without children's records are refused at the door.
    expect((await (await t.login('monitor')).get(`/api/v1/attachments?ownerKind=case&ownerId=${elaCase}`)).statusCode).toBe(403);
  });

  it('is removed by who attached it or the unit’s supervisor, with a reason: the content goes, the record of it stays', async () => {
    const provider = await t.login('provider');
    const file = (await upload(caseworker, { ownerKind: 'referral', ownerId: referralId, kind: 'other' }, { name: 'draft.pdf', content: pdf })).json();
    expect((await provider.post(`/api/v1/attachments/${file.id}/remove`, { reason: 'Not ours' })).statusCode).toBe(403);
    expect((await supervisor.post(`/api/v1/attachments/${file.id}/remove`, {})).statusCode).toBe(400);
    const removed = await supervisor.post(`/api/v1/attachments/${file.id}/remove`, { reason: 'Uploaded to the wrong referral' });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ removedReason: 'Uploaded to the wrong referral', previewable: false, canRemove: false });
    expect((await caseworker.get(`/api/v1/attachments/${file.id}/content`)).statusCode).toBe(404);
    const stored = await t.database.unguarded.selectFrom('attachment_contents').select('attachment_id').where('attachment_id', '=', file.id).execute();
    expect(stored).toEqual([]);
  });

  it('opens only with its key, fails on a changed byte, and comes back whole from a backup', async () => {
    const key = { key: parseKey(KEY), id: keyId(parseKey(KEY)) };
    const sealed = seal(key, pdf, 'AL/x');
    expect(open(key, sealed, 'AL/x').equals(pdf)).toBe(true);
    expect(() => open(key, sealed, 'AL/y')).toThrow(/integrity/);
    const other = parseKey('00'.repeat(32));
    expect(() => open({ key: other, id: keyId(other) }, sealed, 'AL/x')).toThrow(/another attachment key/);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-attach-'));
    // Without SAFETYNET_ATTACHMENT_KEY: a key file is made once in the data directory, readable by its owner only, and kept.
    const made = loadAttachmentKey({ envKey: undefined, dataDir: path.join(dir, 'data') });
    expect(fs.statSync(path.join(dir, 'data', KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadAttachmentKey({ envKey: undefined, dataDir: path.join(dir, 'data') }).id).toBe(made.id);
    expect(() => loadAttachmentKey({ envKey: 'short', dataDir: dir })).toThrow(/32 bytes/);
    const file = path.join(dir, 'backup.gz');
    await backup(t.database, file);
    const copy = await freshDatabase();
    try {
      await restore(copy, file);
      const a = await t.database.unguarded.selectFrom('attachment_contents').selectAll().orderBy('attachment_id').execute();
      const b = await copy.unguarded.selectFrom('attachment_contents').selectAll().orderBy('attachment_id').execute();
      expect(b.length).toBe(a.length);
      expect(b.every((row, i) => row.ciphertext.equals(a[i]!.ciphertext) && row.iv.equals(a[i]!.iv) && row.tag.equals(a[i]!.tag))).toBe(true);
    } finally {
      await copy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
