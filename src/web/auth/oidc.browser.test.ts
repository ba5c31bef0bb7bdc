import { generateSync } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bg from '../../domain/i18n/locales/bg/auth2.json' with { type: 'json' };
import en from '../../domain/i18n/locales/en/auth2.json' with { type: 'json' };
import sq from '../../domain/i18n/locales/sq/auth2.json' with { type: 'json' };
import type { Client } from '../../testing/app.ts';
import { type BrowserApp, freePort, seriousAxeViolations, startBrowserApp } from '../../testing/browser.ts';
import { type LocalOidcProvider, startOidcProvider } from '../../testing/oidc-provider.ts';

/**
 * Single sign-on in Chromium at tablet width, against a real OpenID provider (oidc-provider) on a
 * local port with its own login and consent pages. The app's port is chosen first, so that its
 * public URL (and the redirect URI the provider registers) is known before either starts.
 * A linked subject reaches the app with its Safetynet roles; an unlinked one gets the refusal
 * page in the browser's language; a user with a Safetynet TOTP whose provider does not assert
 * `amr: mfa` types the code on the verify gate. axe on each page of the app.
 */
const STRINGS = { sq, bg, en } as const;
let app: BrowserApp;
let provider: LocalOidcProvider;
let admin: Client;

beforeAll(async () => {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({ redirectUri: `${publicUrl}/api/v1/auth/oidc/callback`, pages: true });
  app = await startBrowserApp({ port, env: provider.env(publicUrl, 'Test ID') });
  expect(app.base).toBe(publicUrl);
  admin = await app.t.login('admin');
}, 180_000);
afterAll(async () => {
  await app?.close();
  await provider?.close();
});

async function link(username: string, subject: string) {
  const id = (await app.t.database.unguarded.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const res = await admin.request('PUT', `/api/v1/users/${id}/oidc`, { subject });
  expect(res.statusCode).toBe(200);
}

/** A fresh browser whose language is `language`, on the sign-in page. */
async function signInPage(language: keyof typeof STRINGS) {
  const context = await app.browser.newContext({ viewport: { width: 768, height: 1024 }, locale: language });
  const page = await context.newPage();
  await page.goto(app.base);
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  return { page, close: () => context.close() };
}

/** From the sign-in page's button through the provider's login (as `subject`) and consent pages. */
async function throughProvider(page: Page, language: keyof typeof STRINGS, subject: string) {
  const button = page.getByTestId('sso');
  expect(await button.innerText()).toBe(STRINGS[language].auth2.login.sso.replace('{{name}}', 'Test ID'));
  await button.click();
  await page.getByRole('heading', { name: 'Test ID: sign in' }).waitFor();
  expect(new URL(page.url()).origin).toBe(provider.issuer);
  await page.getByLabel('Subject').fill(subject);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Test ID: allow Safetynet' }).waitFor();
  await page.getByRole('button', { name: 'Allow' }).click();
}

const me = (page: Page) => page.evaluate(async () => (await fetch('/api/v1/auth/me')).json() as Promise<{
  user: { username: string; roles: string[] }; secondFactor: { enrolled: boolean; passed: boolean };
}>);

describe('single sign-on in the browser', () => {
  it('the sign-in page offers the provider; a linked subject returns signed in with the Safetynet user\'s roles', async () => {
    provider.account = { sub: '', amr: ['pwd'] };
    await link('l.muca', 'sub-l-muca');
    const { page, close } = await signInPage('en');
    await page.getByTestId('sso').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await throughProvider(page, 'en', 'sub-l-muca');
    await page.locator('nav [data-nav]').first().waitFor();
    expect(new URL(page.url()).origin).toBe(app.base);
    const who = await me(page);
    expect(who.user.username).toBe('l.muca');
    expect([...who.user.roles].sort()).toEqual(['caseworker', 'supervisor']);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await close();
  }, 120_000);

  it.each(['sq', 'bg'] as const)('an unlinked subject lands on the refusal page, in the browser\'s language (%s)', async (language) => {
    provider.account = { sub: '', amr: ['pwd'] };
    const { page, close } = await signInPage(language);
    await page.getByTestId('sso').waitFor();
    const answer = page.waitForResponse((r) => r.url().startsWith(`${app.base}/api/v1/auth/oidc/callback`));
    await throughProvider(page, language, `sub-stranger-${language}`);
    expect((await answer).status()).toBe(403);
    const s = STRINGS[language].auth2.sso;
    await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
    expect(await page.locator('h2').first().innerText()).toBe(s.refusedTitle);
    await page.getByText(s.refused.unknown).waitFor();
    expect(await page.locator('nav [data-nav]').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect((await page.context().cookies(app.base)).some((c) => c.name === 'sn_session')).toBe(false);
    await page.getByRole('link', { name: s.back }).click();
    await page.getByTestId('sso').waitFor();
    await close();
  }, 120_000);

  it('a user with a Safetynet TOTP, through a provider that does not assert MFA, types the code on the verify gate', async () => {
    // m.ivanova sets up a TOTP through the API, as the web app does.
    const user = await app.t.login('m.ivanova');
    const secret = (await user.post('/api/v1/auth/2fa/setup')).json().secret as string;
    expect((await user.post('/api/v1/auth/2fa/enable', { code: generateSync({ secret }) })).statusCode).toBe(200);
    await link('m.ivanova', 'sub-m-ivanova');
    provider.account = { sub: '', amr: ['pwd'] };

    const { page, close } = await signInPage('bg');
    await throughProvider(page, 'bg', 'sub-m-ivanova');
    const f = bg.auth2.factor;
    await page.getByRole('heading', { name: f.verifyTitle }).waitFor();
    expect(await page.locator('nav [data-nav]').count()).toBe(0);
    expect((await me(page)).secondFactor).toMatchObject({ enrolled: true, passed: false });
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The code of the next step: the enrolment spent this one's, and a code is good once.
    await page.locator('#verify-code').fill(generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.getByRole('button', { name: f.verify }).click();
    await page.locator('nav [data-nav]').first().waitFor();
    const who = await me(page);
    expect(who.user.username).toBe('m.ivanova');
    expect(who.secondFactor.passed).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await close();
  }, 120_000);
});
