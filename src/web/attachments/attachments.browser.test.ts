import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../domain/i18n/i18n-resources.ts';
import { type BrowserApp, seriousAxeViolations, signInBrowser, startBrowserApp } from '../../testing/browser.ts';

/**
 * Attachments in Chromium, in Bulgarian: a caseworker attaches a photo to a case from her disk;
 * it is listed with its thumbnail, which the browser loads under the app's Content Security
 * Policy; the download answers the very bytes; a file that lies about its type is refused in
 * the form's language of the field; no serious accessibility problem.
 */
let app: BrowserApp;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-attach-browser-'));
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000'
  + '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082', 'hex');
const bg = resources.bg.ui.attachments;

beforeAll(async () => {
  app = await startBrowserApp();
  fs.writeFileSync(path.join(dir, 'снимка.png'), PNG);
  fs.writeFileSync(path.join(dir, 'fake.pdf'), 'not a pdf at all');
}, 120_000);
afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('attachments in the browser', () => {
  it('a caseworker attaches a photo to a case: listed with its thumbnail; a lying file is refused', async () => {
    const db = app.t.database.unguarded;
    const ela = await db.selectFrom('cases as k').innerJoin('children as c', 'c.id', 'k.child_id').select('k.id').where('c.given_name', '=', 'Ela').executeTakeFirstOrThrow();
    const { page, csp, close } = await signInBrowser(app.browser, app.base, 'caseworker', { language: 'bg' });
    try {
      await page.goto(`${app.base}/cases/${ela.id}#case-attachments`);
      const panel = page.getByTestId('attachments-case');
      await panel.getByText(bg.none).waitFor();
      await panel.getByTestId('attachment-add').click();
      await panel.getByLabel(bg.kindLabel).selectOption('photo');
      await panel.getByLabel(bg.file, { exact: false }).setInputFiles(path.join(dir, 'fake.pdf'));
      await panel.getByRole('button', { name: bg.upload, exact: true }).click();
      await panel.getByText(bg.problem.notAllowed).waitFor();
      expect(await db.selectFrom('attachments').select('id').execute()).toEqual([]);

      await panel.getByLabel(bg.file, { exact: false }).setInputFiles(path.join(dir, 'снимка.png'));
      await panel.getByRole('button', { name: bg.upload, exact: true }).click();
      const link = panel.getByRole('link', { name: 'снимка.png' });
      await link.waitFor();
      const thumb = panel.locator('img.attachment-thumb');
      await thumb.waitFor();
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('img.attachment-thumb');
        return !!img && img.complete && img.naturalWidth > 0;
      });
      const href = await link.getAttribute('href');
      const bytes = await page.evaluate(async (url) => Array.from(new Uint8Array(await (await fetch(url!)).arrayBuffer())), href);
      expect(Buffer.from(bytes).equals(PNG)).toBe(true);
      expect(await page.getByTestId('case-section-nav').getByText(/Файлове \(1\)/).count()).toBe(1);
      expect(csp).toEqual([]);
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });
});
