import { type Browser, type Page, chromium } from 'playwright-core';
import type { Language } from '../domain/i18n/i18n-resources.ts';

/** Debian's Chromium, never a downloaded browser; flags for a closed network and root. */
export const CHROMIUM = process.env.SAFETYNET_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
}

export type SignInOptions = {
  /** The language chosen with the sign-in page's switcher (English by default). */
  language?: Language;
  /** The browser's time zone (an IANA name), e.g. the unit's own; the machine's by default. */
  timezoneId?: string;
};

/**
 * Signs a demo user in through the login page in a fresh browser context, in the language chosen
 * on the sign-in page, and collects Content Security Policy violations reported on the console.
 * Resolves once the signed-in navigation shows in that language.
 */
export async function signInBrowser(
  browser: Browser, base: string, username: string, options: SignInOptions = {},
): Promise<{ page: Page; csp: string[]; close: () => Promise<void> }> {
  const language = options.language ?? 'en';
  const context = await browser.newContext({
    viewport: { width: 768, height: 1024 },
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  const page = await context.newPage();
  const csp: string[] = [];
  page.on('console', (msg) => { if (/Content Security Policy/i.test(msg.text())) csp.push(msg.text()); });
  await page.goto(base);
  await page.getByTestId('language').selectOption(language);
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('safetynet-demo');
  await page.locator('button[type=submit]').click();
  await page.locator('nav [data-nav]').first().waitFor();
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  return { page, csp, close: () => context.close() };
}
