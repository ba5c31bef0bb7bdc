/**
 * The README's screenshots (docs/screenshots/*.png), taken from the built app on a fresh demo
 * database in Debian's Chromium at tablet width — the pages of the walk-through and each role's
 * home page. `npm run screenshots` after a change to those pages; the browser is set to a zone
 * other than the unit's, as the README's times say.
 *
 * Usage: npm run build && npm run screenshots
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Language } from '../src/domain/i18n/i18n-resources.ts';
import { type BrowserApp, signInBrowser, startBrowserApp } from '../src/testing/browser.ts';

const OUT = path.resolve('docs/screenshots');

interface Shot {
  file: string;
  user: string;
  language: Language;
  /** The page to open, or a function that finds it (the demo's ids are new on each database). */
  path: string | ((app: BrowserApp, user: string) => Promise<string>);
  /** Waits for what the shot must show. */
  ready?: string;
}

async function firstId(app: BrowserApp, user: string, url: string, match?: (item: Record<string, unknown>) => boolean): Promise<string> {
  const client = await app.t.login(user);
  const items = (await client.get(url)).json().items as Array<Record<string, unknown>>;
  const item = match ? items.find(match) : items[0];
  if (!item) throw new Error(`no record for the screenshot at ${url}`);
  return String(item.id);
}

const SHOTS: Shot[] = [
  { file: 'home-caseworker.png', user: 'caseworker', language: 'en', path: '/' },
  { file: 'home-supervisor.png', user: 'supervisor', language: 'sq', path: '/' },
  { file: 'home-provider.png', user: 'provider', language: 'en', path: '/' },
  { file: 'home-monitor.png', user: 'monitor', language: 'bg', path: '/' },
  { file: 'tasks-caseworker.png', user: 'caseworker', language: 'en', path: '/tasks' },
  {
    file: 'signal-to-screen.png', user: 'caseworker', language: 'en',
    path: async (app, user) => `/signals/${await firstId(app, user, '/api/v1/signals?limit=100', (s) => s.status === 'unscreened' && s.urgency === 'immediate')}`,
  },
  { file: 'case-page.png', user: 'caseworker', language: 'en', path: async (app, user) => `/cases/${await firstId(app, user, '/api/v1/cases?limit=1')}` },
  { file: 'cases-list-supervisor.png', user: 'supervisor', language: 'en', path: '/cases?owner=all&status=active' },
  { file: 'referral-provider.png', user: 'provider', language: 'sq', path: async (app, user) => `/referrals/${await firstId(app, user, '/api/v1/referrals?direction=incoming')}` },
  { file: 'report-monitor.png', user: 'monitor', language: 'en', path: '/reports/monitoring', ready: 'table' },
];

async function settle(page: Page, ready?: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('main h1').first().waitFor();
  if (ready) await page.locator(ready).first().waitFor();
  await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  // A database of its own, as the tests have (the template of migrated tables and reference data).
  process.env.SAFETYNET_TEST_RUN ??= `screenshots-${process.pid}`;
  const { prepareTemplate, dropTemplate } = await import('../src/testing/database.ts');
  await prepareTemplate();
  const app = await startBrowserApp();
  try {
    for (const shot of SHOTS) {
      const { page, close } = await signInBrowser(app.browser, app.base, shot.user, { language: shot.language, timezoneId: 'America/New_York' });
      const target = typeof shot.path === 'string' ? shot.path : await shot.path(app, shot.user);
      await page.goto(app.base + target);
      await settle(page, shot.ready);
      await page.screenshot({ path: path.join(OUT, shot.file), fullPage: false });
      console.log(`docs/screenshots/${shot.file}  ${shot.user} (${shot.language}) ${typeof shot.path === 'string' ? target : target.replace(/[0-9a-f-]{36}/, ':id')}`);
      await close();
    }
  } finally {
    await app.close();
    await dropTemplate();
  }
}

await main();
