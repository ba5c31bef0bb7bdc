import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../server/app.ts';
import { DEMO_PASSWORD } from '../testing/app.ts';
import { type BrowserApp, startBrowserApp } from '../testing/browser.ts';
import { firstLoadFiles, readManifest } from '../testing/first-load.ts';

/**
 * What Chromium really downloads from the real server (the built web app in dist/web): the sign-in
 * page and the task list load exactly the files of the first load and the strings of one language
 * (src/web/first-load.test.ts bounds their size), compressed; the report page's file (with its charts) only when the report
 * is opened; all under the strict CSP.
 */
let app: BrowserApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  app = await startBrowserApp();
  ({ base, browser } = app);
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe('the first load in the browser', () => {
  it('signs in and opens the task list with the first-load files only, compressed; the report brings its own', async () => {
    const manifest = readManifest(WEB_DIST);
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 } });
    const page = await context.newPage();
    const csp: string[] = [];
    page.on('console', (msg) => { if (/Content Security Policy/i.test(msg.text())) csp.push(msg.text()); });
    const scripts = new Map<string, string | undefined>();
    page.on('response', (res) => {
      const url = new URL(res.url());
      if (url.pathname.endsWith('.js')) scripts.set(url.pathname.slice(1), res.headers()['content-encoding']);
    });

    await page.goto(base);
    await page.locator('#username').waitFor();
    // The code of the first load and the strings of the reader's language (English here: the
    // browser's), never the other two languages'.
    const english = manifest['../domain/i18n/resources-en.ts']!.file;
    const first = [...firstLoadFiles(manifest), english].sort();
    expect([...scripts.keys()].sort()).toEqual(first);
    // Each file of 1 KB or more comes compressed (the build leaves smaller ones as they are).
    const large = first.filter((file) => fs.statSync(path.join(WEB_DIST, file)).size >= 1024);
    expect(large.length).toBeGreaterThanOrEqual(3);
    for (const file of large) expect(scripts.get(file), file).toMatch(/^(br|gzip)$/);

    await page.locator('#username').fill('supervisor');
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.locator('[data-nav="tasks"]').click();
    await page.waitForURL(`${base}/tasks`);
    await page.locator('main h1').waitFor();
    expect([...scripts.keys()].sort()).toEqual(first);

    await page.locator('[data-nav="reports"]').click();
    await page.waitForURL(`${base}/reports/monitoring`);
    await page.locator('main h1').waitFor();
    expect([...scripts.keys()].sort()).toEqual([...firstLoadFiles(manifest, 'reports/MonitoringReportPage.tsx'), english].sort());
    expect(scripts.has(manifest['reports/MonitoringReportPage.tsx']!.file)).toBe(true);
    expect(csp).toEqual([]);
    await context.close();
  }, 120_000);
});
