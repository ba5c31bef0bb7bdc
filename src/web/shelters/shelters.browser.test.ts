import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHELTER_PAGE_RESOURCES } from '../../domain/i18n/shelters-pages-resources.ts';
import { type BrowserApp, seriousAxeViolations, signInBrowser, startBrowserApp } from '../../testing/browser.ts';

/**
 * The emergency shelter in Chromium (tablet width): the Elbasan shelter's staff admit a child in
 * Albanian; the Elbasan unit sees one bed fewer free and the stay awaiting its case, in Albanian;
 * the shelter's pages and the unit's have no serious accessibility problem and no CSP violation.
 */
let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
}, 120_000);
afterAll(() => app?.close());

const sq = SHELTER_PAGE_RESOURCES.sq.shelters;
const shelterRow = (page: Page) => page.getByTestId('beds-free-row').filter({ hasText: 'Elbasan' }).getByTestId('beds-free-beds');
/** "10 nga 12" → 10. */
const freeBeds = async (page: Page) => Number.parseInt((await shelterRow(page).innerText()).trim(), 10);

describe('the shelter in the browser', () => {
  it('the shelter admits a child; the unit sees beds free go down and the stay awaiting its case', { timeout: 120_000 }, async () => {
    const unit = await signInBrowser(app.browser, app.base, 'e.cela', { language: 'sq' });
    await unit.page.goto(`${app.base}/shelters`);
    await shelterRow(unit.page).waitFor();
    const before = await freeBeds(unit.page);
    expect(before).toBeGreaterThan(0);
    expect(await seriousAxeViolations(unit.page)).toEqual([]);

    const staff = await signInBrowser(app.browser, app.base, 'a.shelter', { language: 'sq' });
    // Home: the shelter's block counts the demo's two sisters staying, awaiting the unit's case.
    const staying = staff.page.getByTestId('home-shelter-staying');
    await staying.waitFor();
    expect(await staying.getAttribute('data-count')).toBe('2');
    expect(await staff.page.getByTestId('home-shelter-awaiting').getAttribute('data-count')).toBe('2');
    expect(await seriousAxeViolations(staff.page)).toEqual([]);
    await staff.page.locator('nav [data-nav="shelters"]').click();
    await staff.page.getByTestId('stays').waitFor();
    expect(await staff.page.getByTestId('stay-row').count()).toBe(2); // the demo's two sisters
    await staff.page.getByTestId('admit-link').click();
    await staff.page.getByTestId('admit-page').waitFor();
    await staff.page.locator('#admit-child-0-given').fill('Erisa');
    await staff.page.locator('#admit-child-0-family').fill('Braho');
    await staff.page.locator('#admit-child-0-sex').selectOption('female');
    await staff.page.locator('#admit-child-0-birth').fill('14.05.2014');
    const municipality = staff.page.locator('#admit-child-0-municipality-municipality');
    await expect.poll(() => municipality.locator('option').count()).toBeGreaterThan(1);
    await municipality.selectOption('AL-03-03');
    await staff.page.locator('#admit-harm-neglect').check();
    expect(await seriousAxeViolations(staff.page)).toEqual([]);
    await staff.page.getByTestId('admit-submit').click();
    await staff.page.getByTestId('stay-page').waitFor();
    expect(await staff.page.locator('h1').innerText()).toContain('Erisa Braho');
    expect(await staff.page.getByTestId('stay-link').innerText()).toContain(sq.stays.awaiting);
    expect(await seriousAxeViolations(staff.page)).toEqual([]);

    await unit.page.reload();
    await shelterRow(unit.page).waitFor();
    expect(await freeBeds(unit.page)).toBe(before - 1);
    // The unit follows its child's stay: awaiting its case.
    const row = unit.page.getByTestId('stay-row').filter({ hasText: 'Erisa Braho' });
    await row.waitFor();
    expect(await row.innerText()).toContain(sq.stays.awaiting);
    await row.getByRole('link').click();
    await unit.page.getByTestId('stay-link-form').waitFor();
    expect(await seriousAxeViolations(unit.page)).toEqual([]);
    expect([...unit.csp, ...staff.csp]).toEqual([]);
    await unit.close();
    await staff.close();
  });
});
