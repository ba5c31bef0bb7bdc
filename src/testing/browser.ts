import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { WEB_DIST } from '../server/app.ts';
import { type TestApp, startTestApp } from './app.ts';
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

/** The test app behind each browser app's address, for the second factor of signInBrowser. */
const appsByBase = new Map<string, TestApp>();

/**
 * Signs a demo user in through the login page in a fresh browser context, in the language chosen
 * on the sign-in page, and collects Content Security Policy violations reported on the console.
 * Resolves once the signed-in navigation shows in that language. A user who must have a second
 * factor (an admin) is enrolled through the API first (the test app's `login`), and the form is
 * sent with one of the recovery codes kept from that: the real sign-in with password and code.
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
  const t = appsByBase.get(base);
  if (t) {
    await t.login(username);
    const factor = t.secondFactorOf(username);
    if (factor) await page.locator('#code').fill(factor.recoveryCode());
  }
  await page.locator('button[type=submit]').click();
  await page.locator('nav [data-nav]').first().waitFor();
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  return { page, csp, close: () => context.close() };
}

/** The app on a fresh demo database, listening on a local port, and Debian's Chromium. */
export interface BrowserApp {
  t: TestApp;
  base: string;
  browser: Browser;
  close: () => Promise<void>;
}

/**
 * What every browser test starts with: the built web app (dist/web) served by a test app on a
 * fresh demo database, on a free local port, and a headless Chromium. Fails clearly when the web
 * app has not been built. `port` fixes the port when the address must be known first (e.g. in
 * SAFETYNET_PUBLIC_URL, for single sign-on's redirect URI; see freePort).
 */
export async function startBrowserApp(options: Parameters<typeof startTestApp>[0] & { port?: number } = {}): Promise<BrowserApp> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('Build the web app first: npm run build');
  const { port = 0, ...appOptions } = options;
  const t = await startTestApp(appOptions);
  const base = await t.app.listen({ port, host: '127.0.0.1' });
  appsByBase.set(base, t);
  const browser = await launchChromium();
  return { t, base, browser, close: async () => { appsByBase.delete(base); await browser.close(); await t.close(); } };
}

/** A local port free now (the system's choice), for an app whose address must be known before it listens. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** An accessibility problem axe-core finds on a page: its rule, impact and the elements. */
export interface AxeViolation { id: string; impact: string | null; help: string; targets: string[] }

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is and returns the serious and
 * critical violations (an empty list is the goal).
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the debugging protocol, so that the page's Content Security Policy (which
  // refuses inline scripts) neither blocks it nor reports it.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
