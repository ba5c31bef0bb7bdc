import { generateSync } from 'otplib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, seriousAxeViolations, signInBrowser, startBrowserApp } from '../../testing/browser.ts';

/**
 * The second factor in Chromium at tablet width, in Albanian, with SAFETYNET_REQUIRE_2FA=true:
 * a caseworker signs in with the password, is taken to the set-up (QR code and key), confirms a
 * real code, is shown the recovery codes once, reaches the app; signs in again with password and
 * code; a wrong code gets the one answer that names no factor. The admin resets it. axe on each.
 */
let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp({ env: { SAFETYNET_REQUIRE_2FA: 'true' } });
}, 180_000);
afterAll(() => app?.close());

async function loginPage(browser: Browser, username: string, code?: string) {
  const context = await browser.newContext({ viewport: { width: 768, height: 1024 } });
  const page = await context.newPage();
  await page.goto(app.base);
  await page.getByTestId('language').selectOption('sq');
  await page.locator('html[lang="sq"]').waitFor({ state: 'attached' });
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('safetynet-demo');
  if (code) await page.locator('#code').fill(code);
  await page.locator('button[type=submit]').click();
  return { page, close: () => context.close() };
}

describe('the second factor in the browser', () => {
  it('enrolment after the password, recovery codes once, then sign-in with a code; a wrong code names no factor', async () => {
    const first = await loginPage(app.browser, 'e.cela');
    const { page } = first;
    await page.getByTestId('start-2fa').click();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await page.locator('img.qr-code').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await page.locator('h1').innerText()).toBe('Faktori i dytë');
    expect(await page.locator('nav [data-nav]').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.locator('#enrol-code').fill(generateSync({ secret }));
    await page.getByRole('button', { name: 'Konfirmoni' }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'I kam ruajtur kodet e rikuperimit' }).click();
    await page.locator('nav [data-nav]').first().waitFor();
    await first.close();

    const wrong = await loginPage(app.browser, 'e.cela', '000000' === generateSync({ secret }) ? '111111' : '000000');
    await wrong.page.locator('#login-error').waitFor();
    expect(await wrong.page.locator('#login-error').innerText()).toBe('Emri i përdoruesit, fjalëkalimi ose kodi është i gabuar.');
    expect(await seriousAxeViolations(wrong.page)).toEqual([]);
    await wrong.close();

    // The code of the next step: the enrolment spent this one's, and a code is good once.
    const again = await loginPage(app.browser, 'e.cela', generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await again.page.locator('nav [data-nav]').first().waitFor();
    await again.page.goto(`${app.base}/account`);
    await again.page.getByTestId('second-factor').getByText('Faktori i dytë është konfiguruar.').waitFor();
    expect(await seriousAxeViolations(again.page)).toEqual([]);
    await again.close();
  }, 120_000);

  it('the admin resets a user\'s second factor from the user\'s page', async () => {
    const id = (await app.t.database.unguarded.selectFrom('users').select('id').where('username', '=', 'e.cela').executeTakeFirstOrThrow()).id;
    const admin = await signInBrowser(app.browser, app.base, 'admin');
    const { page } = admin;
    await page.goto(`${app.base}/admin/users/${id}`);
    const section = page.getByTestId('user-sign-in');
    await section.getByText('Second factor: set up').waitFor();
    await page.getByTestId('reset-2fa').click();
    await page.getByTestId('reset-2fa-confirm').getByRole('button', { name: 'Reset the second factor' }).click();
    await section.getByText('The second factor was reset.').waitFor();
    await section.getByText('Second factor: not set up').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(admin.csp).toEqual([]);
    await admin.close();
    const entry = await app.t.database.unguarded.selectFrom('audit_log').select('action').where('entity_id', '=', id).where('action', '=', 'second_factor_reset').executeTakeFirst();
    expect(entry).toBeTruthy();
  }, 120_000);
});
