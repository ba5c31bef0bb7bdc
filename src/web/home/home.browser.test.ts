import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources, type Language } from '../../domain/i18n/i18n-resources.ts';
import type { HomeSummary } from '../../home/home-schema.ts';
import { type BrowserApp, seriousAxeViolations, signInBrowser, startBrowserApp } from '../../testing/browser.ts';

/**
 * Home in Chromium for each demo role, in the three languages (the caseworker in all three), the
 * browser in New York while the unit is in Tirana: each role's block with its heading, a figure's
 * link opening the list it counts with the same number of rows, deadlines in the unit's zone, the
 * task list naming the child, and no serious accessibility problem.
 */
let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
}, 120_000);
afterAll(() => app?.close());

const NEW_YORK = 'America/New_York';
/** A string of the web app in a language, by its dotted key under `ui`. */
const tr = (language: Language, key: string, count?: number) => {
  const node = (k: string) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)?.[p], resources[language].ui);
  const text = (count === undefined ? node(key) : node(`${key}_${count === 1 ? 'one' : 'other'}`)) as string;
  return count === undefined ? text : text.replace('{{count}}', String(count));
};
const signIn = async (username: string, language: Language) => {
  const s = await signInBrowser(app.browser, app.base, username, { language, timezoneId: NEW_YORK });
  await s.page.goto(app.base);
  return s;
};
/** The rows the task list shows (all its tables). */
const taskRows = (page: Page) => page.locator('.tasks-page tbody tr').count();
const homeOf = async (username: string) => (await (await app.t.login(username)).get('/api/v1/home')).json() as HomeSummary;
const wallClock = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

describe('Home in the browser', () => {
  it('the caseworker (Albanian): her block, a deadline in Tirana time, the overdue figure opens her overdue tasks, the task list names the child', async () => {
    const { page, csp, close } = await signIn('caseworker', 'sq');
    const block = page.getByTestId('home-caseworker');
    await block.waitFor();
    expect(await page.getByRole('heading', { level: 2, name: tr('sq', 'homePage.caseworker.title') }).count()).toBe(1);
    expect(await page.getByTestId('home-supervisor').count()).toBe(0);
    // The first signal to screen: its deadline in Tirana's time, not New York's.
    const home = await homeOf('caseworker');
    const first = home.caseworker!.signalsToScreen.top[0]!;
    const due = await page.getByTestId('home-signal-due').first().innerText();
    expect(due).toContain(wallClock(first.dueAt, 'Europe/Tirane'));
    expect(due).not.toContain(wallClock(first.dueAt, NEW_YORK));
    expect(await seriousAxeViolations(page)).toEqual([]);

    const overdue = page.getByTestId('home-overdue');
    const count = Number(await overdue.getAttribute('data-count'));
    expect(count).toBeGreaterThan(0);
    expect(await overdue.innerText()).toBe(tr('sq', 'homePage.caseworker.overdue', count));
    await overdue.click();
    await page.waitForURL(`${app.base}/tasks?overdue=1`);
    await page.locator('.tasks-page tbody tr').first().waitFor();
    expect(await taskRows(page)).toBe(count);
    // The task list names the child (Besart Muka's initial assessment is due today).
    await page.goto(`${app.base}/tasks`);
    await page.locator('.tasks-page tbody tr', { hasText: 'Besart Muka' }).first().waitFor();
    expect(csp).toEqual([]);
    await close();
  }, 120_000);

  it('the caseworker in Bulgarian and in English: the same block under each language’s heading', async () => {
    for (const language of ['bg', 'en'] as const) {
      const { page, close } = await signIn('caseworker', language);
      await page.getByTestId('home-caseworker').waitFor();
      expect(await page.getByRole('heading', { level: 2, name: tr(language, 'homePage.caseworker.title') }).count()).toBe(1);
      expect(await page.getByTestId('home-not-seen-child').filter({ hasText: 'Ela Marku' }).count()).toBe(1);
      await close();
    }
  }, 120_000);

  it('the supervisor (Bulgarian): the unit block; the plan-approval figure opens the same number of tasks', async () => {
    const { page, close } = await signIn('supervisor', 'bg');
    await page.getByTestId('home-supervisor').waitFor();
    expect(await page.getByRole('heading', { level: 2, name: tr('bg', 'homePage.supervisor.title') }).count()).toBe(1);
    expect(await page.getByTestId('home-caseload-row').count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    const plans = page.getByTestId('home-plan-approvals');
    const count = Number(await plans.getAttribute('data-count'));
    expect(count).toBeGreaterThan(0);
    expect(await plans.innerText()).toBe(tr('bg', 'homePage.supervisor.plans', count));
    await plans.click();
    await page.waitForURL(`${app.base}/tasks?kind=plan_approval`);
    await page.locator('.tasks-page tbody tr').first().waitFor();
    expect(await taskRows(page)).toBe(count);
    await close();
  }, 120_000);

  it('the partner (English): what the police are asked to do — an overdue action item and an upcoming meeting', async () => {
    const { page, close } = await signIn('partner', 'en');
    await page.getByTestId('home-organisation').waitFor();
    expect(await page.getByRole('heading', { level: 2, name: tr('en', 'homePage.organisation.title') }).count()).toBe(1);
    expect(await page.getByTestId('home-meeting').count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    const late = page.getByTestId('home-action-items-overdue');
    const count = Number(await late.getAttribute('data-count'));
    await late.click();
    await page.waitForURL(`${app.base}/tasks?kind=action_item&overdue=1`);
    await page.locator('.tasks-page tbody tr').first().waitFor();
    expect(await taskRows(page)).toBe(count);
    await close();
  }, 120_000);

  it('the provider (Albanian): referrals to answer, one of them overdue', async () => {
    const { page, close } = await signIn('provider', 'sq');
    await page.getByTestId('home-organisation').waitFor();
    const answer = page.getByTestId('home-referrals-answer');
    const count = Number(await answer.getAttribute('data-count'));
    expect(count).toBeGreaterThanOrEqual(3);
    expect(await answer.innerText()).toBe(tr('sq', 'homePage.organisation.toAnswer', count));
    expect(await answer.getAttribute('href')).toBe('/referrals?status=pending');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await close();
  }, 120_000);

  it('the monitor (Bulgarian): headline figures with the change from the previous period, no child named', async () => {
    const { page, close } = await signIn('monitor', 'bg');
    const block = page.getByTestId('home-monitor');
    await block.waitFor();
    expect(await page.getByRole('heading', { level: 2, name: tr('bg', 'homePage.monitor.title') }).count()).toBe(1);
    const signals = page.getByTestId('home-monitor-signals').locator('a');
    expect(Number(await signals.getAttribute('data-count'))).toBeGreaterThan(0);
    expect(await signals.getAttribute('href')).toMatch(/^\/reports\/monitoring\?from=\d{4}-\d\d-\d\d&to=/);
    const text = await block.innerText();
    for (const name of ['Besart', 'Ela Marku', 'Noel']) expect(text).not.toContain(name);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await close();
  }, 120_000);

  it('the admin (English): user accounts, locked and disabled; the users figure opens the users list', async () => {
    const { page, close } = await signIn('admin', 'en');
    await page.getByTestId('home-admin').waitFor();
    expect(await page.getByRole('heading', { level: 2, name: tr('en', 'homePage.admin.title') }).count()).toBe(1);
    expect(await page.getByTestId('home-caseworker').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByTestId('home-users').click();
    await page.waitForURL(`${app.base}/admin/users`);
    await close();
  }, 120_000);
});
