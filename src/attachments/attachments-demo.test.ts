import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { loadAttachmentKey } from './attachment-crypto.ts';
import { demoPdf, demoPng, seedDemoAttachments } from './attachments-demo.ts';

/** The demo's files: made in code, accepted by the ordinary write path (type read from the content), readable back through the API in AL and BG. */
let t: TestApp;
const KEY = 'q2cD4CwR3Xw2Qd8VtSp7nqQyW0sJ5d3mZb1kYp4rT6E=';

beforeAll(async () => {
  t = await startTestApp({ env: { SAFETYNET_ATTACHMENT_KEY: KEY } });
}, 180_000);
afterAll(() => t?.close());

describe('the demo attachments', () => {
  it('are valid PDF and PNG files, attached to AL and BG cases and children, and download as they were made', async () => {
    expect(demoPdf('x').subarray(0, 5).toString()).toBe('%PDF-');
    expect(demoPdf('x').toString('latin1')).toMatch(/startxref\n\d+\n%%EOF\n$/);
    expect(demoPng(8, [1, 2, 3]).subarray(1, 4).toString()).toBe('PNG');

    const added = await seedDemoAttachments(t.database.db, loadAttachmentKey({ envKey: KEY, dataDir: t.config.dataDir }));
    expect(added).toBe(4);
    const rows = await t.database.unguarded.selectFrom('attachments').select(['id', 'country', 'owner_kind', 'media_type', 'file_name']).orderBy('file_name').execute();
    expect(rows.map((r) => [r.country, r.owner_kind, r.media_type])).toEqual([
      ['BG', 'child', 'application/pdf'], ['AL', 'child', 'image/png'], ['AL', 'case', 'application/pdf'], ['BG', 'case', 'application/pdf'],
    ]);
    const al = await t.login('caseworker');
    const alCase = rows.find((r) => r.country === 'AL' && r.owner_kind === 'case')!;
    const file = await al.get(`/api/v1/attachments/${alCase.id}/content`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(demoPdf('Pelqim i nenshkruar - demo'))).toBe(true);
    const bg = await t.login('m.ivanova');
    const bgCase = rows.find((r) => r.country === 'BG' && r.owner_kind === 'case')!;
    expect((await bg.get(`/api/v1/attachments/${bgCase.id}/content`)).statusCode).toBe(200);
    expect((await al.get(`/api/v1/attachments/${bgCase.id}/content`)).statusCode).toBe(404);
  }, 120_000);
});
