import { type Browser, type Page, chromium } from 'playwright-core';

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

/**
 * Signs a demo user in through the login page in a fresh browser context (English interface),
 * and collects Content Security Policy violations reported on the console.
 */
export async function signInBrowser(browser: Browser, base: string, username: string): Promise<{ page: Page; csp: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 768, height: 1024 } });
  const page = await context.newPage();
  const csp: string[] = [];
  page.on('console', (msg) => { if (/Content Security Policy/i.test(msg.text())) csp.push(msg.text()); });
  await page.goto(base);
  await page.getByTestId('language').selectOption('en');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('safetynet-demo');
  await page.locator('button[type=submit]').click();
  await page.locator('nav [data-nav]').first().waitFor();
  return { page, csp, close: () => context.close() };
}
