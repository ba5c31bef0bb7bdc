import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Language, resources } from '../../domain/i18n/i18n-resources.ts';
import { INTAKE_PAGE_RESOURCES } from '../../domain/i18n/intakes-pages-resources.ts';
import { type BrowserApp, seriousAxeViolations, signInBrowser, startBrowserApp } from '../../testing/browser.ts';

/**
 * The police-station team in Chromium (Albanian, at tablet width): records an intake with a new
 * child, reads it back with its follow-up, finds it first in its list; the Korçë unit's
 * caseworker (English) finds the signal it became, with the child, waiting for screening. No
 * serious accessibility problem on any of the team's pages.
 */
let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
}, 120_000);
afterAll(() => app?.close());

const TIRANA = 'Europe/Tirane';
const lookup = (tree: unknown, key: string) => key.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)?.[p], tree) as string | undefined;
/** A string of the web app, from `resources` or from the strings that load with the team's pages. */
const tr = (language: Language, key: string, ns: 'ui' | 'taxonomy' = 'ui') =>
  (lookup(resources[language][ns], key) ?? lookup(INTAKE_PAGE_RESOURCES[language], key))!;
/** A wall-clock time in Tirana, `minutes` ago, as the date-and-time field takes it. */
const tiranaAgo = (minutes: number) => {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: TIRANA, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(Date.now() - minutes * 60_000)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
};

describe('police-station intake in the browser', () => {
  it('the team records an intake and follows it; the unit sees the signal', async () => {
    const team = await signInBrowser(app.browser, app.base, 'police_support', { language: 'sq', timezoneId: TIRANA });
    const page = team.page;
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(app.base);
    await page.getByRole('link', { name: tr('sq', 'nav.intakes') }).click();
    await page.waitForURL(`${app.base}/intakes`);
    await page.locator('table tbody tr').first().waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByTestId('new-intake').click();
    await page.waitForURL(`${app.base}/intakes/new`);
    await page.locator('#intake-station').selectOption({ label: 'Drejtoria Vendore e Policisë Korçë' });
    await page.locator('#intake-called-at').fill(tiranaAgo(95));
    await page.locator('#intake-arrived-at').fill(tiranaAgo(60));
    await page.locator('#intake-member-0-role').fill('Punonjës social');
    await page.locator('#signal-child-0-given-name').fill('Gentiana');
    await page.locator('#signal-child-0-family-name').fill('Brovina');
    await page.locator('#signal-child-0-sex').selectOption('female');
    await page.locator('#intake-legal-situation').selectOption('victim');
    await page.getByLabel(tr('sq', 'harmType.physical', 'taxonomy'), { exact: true }).check();
    await page.getByLabel(tr('sq', 'intakes.field.lawyerPresent'), { exact: true }).check();
    await page.getByLabel(tr('sq', 'intakes.field.childFriendlyRoom'), { exact: true }).check();
    await page.locator('#intake-support').fill('Mbështetje gjatë intervistës; shoqëruam vajzën te nëna.');
    await page.locator('#intake-outcome').selectOption('returned_to_family');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByTestId('record-intake-submit').click();

    await page.waitForURL(/\/intakes\/[0-9a-f-]{36}$/);
    const screened = page.getByTestId('intake-screened');
    await screened.waitFor();
    expect(await screened.innerText()).toBe(tr('sq', 'intakes.screened.no'));
    expect(await page.getByTestId('intake-children').innerText()).toContain('Gentiana Brovina');
    expect(await page.locator('[data-field="responseMinutes"] dd').innerText()).toContain('35');
    expect(await page.getByTestId('intake-follow-up').innerText()).toContain(tr('sq', 'intakes.awaitingScreening'));
    expect(await seriousAxeViolations(page)).toEqual([]);
    const intakeId = page.url().split('/').pop()!;

    // First in the list (newest call first), waiting for screening; no child's name in the list.
    await page.getByRole('link', { name: tr('sq', 'intakes.backToList') }).click();
    await page.waitForURL(`${app.base}/intakes`);
    const first = page.locator('table tbody tr').first();
    // The list may show its cached rows first, then the fresh ones with the new intake on top.
    await expect.poll(() => first.locator(`a[href="/intakes/${intakeId}"]`).count(), { timeout: 10_000 }).toBe(1);
    expect(await first.innerText()).toContain(tr('sq', 'intakes.screened.no'));
    expect(await page.locator('table').innerText()).not.toContain('Gentiana');
    // A filter lives in the address.
    await page.locator('#intakes-filter-screened').selectOption('false');
    await page.waitForURL(/screened=false/);
    expect(await page.locator(`a[href="/intakes/${intakeId}"]`).count()).toBe(1);
    await team.close();

    // The unit's caseworker finds the signal it became, with the child, to screen.
    const signalId = (await (await app.t.login('police_support')).get(`/api/v1/intakes/${intakeId}`)).json().signalId as string;
    const unit = await signInBrowser(app.browser, app.base, 'caseworker', { language: 'en', timezoneId: TIRANA });
    await unit.page.goto(`${app.base}/signals/${signalId}`);
    await unit.page.getByTestId('signal-children').waitFor();
    expect(await unit.page.getByTestId('signal-children').innerText()).toContain('Gentiana Brovina');
    expect(await unit.page.locator('body').innerText()).toContain(tr('en', 'channel.police_station', 'taxonomy'));
    expect(await seriousAxeViolations(unit.page)).toEqual([]);
    await unit.close();
  }, 180_000);
});
