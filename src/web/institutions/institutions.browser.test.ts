import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCase } from '../../cases/case-fixtures.ts';
import { DEMO_INSTITUTIONS } from '../../institutions/institution-demo.ts';
import { type BrowserApp, seriousAxeViolations, signInBrowser, startBrowserApp } from '../../testing/browser.ts';

/**
 * Deinstitutionalisation in Chromium against the real server and database (dist/web): the
 * institution's staff (in Albanian) find the child under three among their residents and record a
 * DI assessment; the caseworker (in English) admits a child of a case and records the child's
 * transition to kinship care, after which the follow-up visits are listed. axe: no serious issue.
 */
let app: BrowserApp;
beforeAll(async () => { app = await startBrowserApp(); }, 120_000);
afterAll(async () => { await app?.close(); });

describe('institutions in the browser', () => {
  it("the institution's staff read their residents and record a DI assessment", async () => {
    const staff = await signInBrowser(app.browser, app.base, 'r.gjoni', { language: 'sq' });
    const { page } = staff;
    await page.locator('[data-nav="institutions"]').click();
    await page.getByTestId('institutions-page').waitFor();
    await page.getByRole('link', { name: DEMO_INSTITUTIONS.AL.name }).first().click();
    await page.getByTestId('institution-page').waitFor();
    const row = page.locator('tr', { hasText: 'Dea Shehaj' });
    await expect.poll(() => row.innerText()).toContain('Nën 3 vjeç');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await row.getByRole('link', { name: 'Dea Shehaj' }).click();
    await page.getByTestId('resident-page').waitFor();
    await page.getByTestId('assessment-add').click();
    await page.locator('#assessment-by').fill('Rozeta Gjoni, psikologe');
    await page.locator('#assessment-findings').fill('Lidhje e mirë me familjen kujdestare.');
    await page.getByTestId('assessment-form').locator('button[type=submit]').click();
    await expect.poll(() => page.locator('#resident-assessments').locator('..').innerText()).toContain('Lidhje e mirë me familjen kujdestare.');
    // The follow-ups are the unit's: not on the institution's page.
    expect(await page.getByTestId('follow-ups').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(staff.csp).toEqual([]);
    await staff.close();
  }, 90_000);

  it('the caseworker admits a child and records the transition to kinship care; the follow-ups follow', async () => {
    const { client } = await openTestCase(app.t);
    const institutionId = (await client.get('/api/v1/institutions')).json().items.find((i: { name: string }) => i.name === DEMO_INSTITUTIONS.AL.name).id;
    const cw = await signInBrowser(app.browser, app.base, 'caseworker');
    const { page } = cw;
    page.setDefaultTimeout(10_000);
    await page.goto(`${app.base}/institutions/${institutionId}`);
    await page.getByTestId('admit-open').click();
    const form = page.getByTestId('admit-form');
    await expect.poll(() => form.locator('#admit-case option').count()).toBeGreaterThan(1);
    // Submitting empty names the missing fields.
    await form.locator('button[type=submit]').click();
    await expect.poll(() => form.locator('[role=alert]').count()).toBeGreaterThan(1);
    const option = await form.locator('#admit-case option', { hasText: 'Fixture' }).last().getAttribute('value');
    await form.locator('#admit-case').selectOption(option!);
    await form.locator('#admit-reasons-poverty').check();
    await form.locator('#admit-rights').selectOption('both_parents');
    await form.locator('#admit-contact').selectOption('regular');
    await form.locator('button[type=submit]').click();
    await page.getByTestId('resident-page').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByTestId('transition-open').click();
    await page.locator('#transition-target').selectOption('kinship_care');
    await page.locator('#transition-carer').fill('Grandmother');
    await page.getByTestId('transition-save').click();
    await page.getByTestId('transition-save-confirm').getByRole('button').first().click();
    await expect.poll(() => page.getByTestId('transition').innerText()).toContain('Kinship care');
    await expect.poll(() => page.getByTestId('follow-ups').innerText()).toContain('After 3 months');
    await page.getByTestId('follow-up-3-open').click();
    await page.locator('#follow-up-3-outcome').selectOption('stable');
    await page.getByTestId('follow-up-3-form').locator('button[type=submit]').click();
    await expect.poll(() => page.getByTestId('follow-up-3').innerText()).toContain('Placement stable');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(cw.csp).toEqual([]);
    await cw.close();
  }, 90_000);
});
