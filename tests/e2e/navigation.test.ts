import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, resources } from '../../src/domain/i18n/i18n-resources.ts';
import { ROLES, navigationFor } from '../../src/domain/roles.ts';
import { type BrowserApp, startBrowserApp } from '../../src/testing/browser.ts';

/** Each role signs in and sees its navigation, in each of the three languages, in Chromium. */
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

describe('sign-in and navigation by role, in every language', () => {
  for (const language of LANGUAGES) {
    it(`every role in ${language}`, async () => {
      const ui = resources[language].ui as { nav: Record<string, string> };
      for (const role of ROLES) {
        // A provider's sections depend on its organisation's sector (a shelter, an institution, an NGO).
        const { sector } = await app.t.database.unguarded.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.organisation_id')
          .select('o.sector').where('u.username', '=', role).executeTakeFirstOrThrow();
        const expected = navigationFor([role], sector as Parameters<typeof navigationFor>[1]);
        const context = await browser.newContext({ viewport: { width: 768, height: 1024 } });
        const page = await context.newPage();
        const cspViolations: string[] = [];
        page.on('console', (msg) => {
          if (/Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
        });
        await page.goto(base);
        await page.getByTestId('language').selectOption(language);
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
        await page.locator('#username').fill(role);
        await page.locator('#password').fill('safetynet-demo');
        // An administrator always has a second factor: set up once through the API (as the
        // set-up page does), then one of its recovery codes is typed in the code field.
        await app.t.login(role);
        const factor = app.t.secondFactorOf(role);
        if (factor) await page.locator('#code').fill(factor.recoveryCode());
        await page.locator('button[type=submit]').click();
        await page.locator('nav [data-nav]').first().waitFor();
        const items = await page.locator('nav [data-nav]').evaluateAll((els) => els.map((e) => e.getAttribute('data-nav')));
        expect(items, `${role} in ${language}`).toEqual(expected.map((n) => n.id));
        // The labels are the language's own.
        const labels = await page.locator('nav [data-nav]').allInnerTexts();
        expect(labels.map((l) => l.trim())).toEqual(expected.map((n) => ui.nav[n.id]));
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
        expect(cspViolations).toEqual([]);
        await context.close();
      }
    }, 180_000);
  }

  it('the language is remembered, and keyboard users reach the form', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base);
    await page.getByTestId('language').selectOption('bg');
    // The choice is taken (and kept) once the language's strings have loaded and the page shows it.
    await page.locator('html[lang="bg"]').waitFor({ state: 'attached' });
    await page.reload();
    // The app shows once the chosen language's strings are loaded (src/web/app/i18n.ts).
    await page.locator('#username').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('bg');
    // Tab reaches the username field and the focus is visible.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.id === 'username')) break;
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('username');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await context.close();
  });
});
