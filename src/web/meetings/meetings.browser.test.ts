import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../server/app.ts';
import { type TestApp, startTestApp } from '../../testing/app.ts';
import { launchChromium, signInBrowser } from '../../testing/browser.ts';

/**
 * The meetings pages in Chromium against the real server and database (the built web app in
 * dist/web: `npm run build`): a partner marks their overdue action item done; a caseworker
 * convenes a meeting with a person who is not a user; an absent mandatory sector is flagged.
 */
let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('Build the web app first: npm run build');
  t = await startTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const signIn = (username: string) => signInBrowser(browser, base, username);

describe('meetings in the browser', () => {
  it('the partner sees the overdue item and marks it done', async () => {
    const { page, csp, close } = await signIn('partner');
    await page.locator('[data-nav="meetings"]').click();
    const mine = page.getByTestId('my-action-items');
    await mine.waitFor();
    await expect.poll(() => mine.innerText()).toContain('Overdue');
    await mine.getByRole('link', { name: /Joint home visit/ }).click();
    const row = page.getByTestId('action-item').filter({ hasText: 'Joint home visit' });
    await row.waitFor();
    expect(await page.getByTestId('action-item').count()).toBe(2); // only the police's items
    await row.getByTestId('mark-done').click();
    await expect.poll(() => row.innerText()).toContain('Done');
    expect(csp).toEqual([]);
    await close();
  }, 90_000);

  it('a caseworker convenes a meeting with a person who is not a user', async () => {
    const { page, csp, close } = await signIn('caseworker');
    await page.goto(`${base}/meetings/new`);
    await page.locator('#meeting-new-status').selectOption('held');
    await page.locator('input[id^="meeting-children-"]').first().check();
    await page.getByTestId('add-participant-row').click();
    await page.locator('#p-0-kind').selectOption('person');
    await page.locator('#p-0-name').fill('Mimoza Dhima');
    await page.locator('#p-0-institution').fill('School psychologist');
    await page.locator('#p-0-sector').selectOption('education');
    await page.getByTestId('convene-submit').click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('participant').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('Mimoza Dhima')]));
    expect(csp).toEqual([]);
    await close();
  }, 90_000);

  it('an absent mandatory sector is flagged in words', async () => {
    const { page, close } = await signIn('m.ivanova');
    await page.goto(`${base}/meetings`);
    await page.getByTestId('missing-sectors').first().waitFor();
    await page.getByTestId('missing-sectors').first().locator('xpath=ancestor::tr').getByRole('link').click();
    const police = page.locator('[data-testid="mandatory-sectors"] [data-sector="police"]');
    await police.waitFor();
    expect(await police.getAttribute('data-absent')).toBe('true');
    expect(await police.innerText()).toContain('absent');
    await close();
  }, 90_000);
});
