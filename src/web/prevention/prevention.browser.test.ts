import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREVENTION_PAGE_RESOURCES } from '../../domain/i18n/prevention-pages-resources.ts';
import { type BrowserApp, seriousAxeViolations, signInBrowser, startBrowserApp } from '../../testing/browser.ts';

/**
 * Prevention activities in Chromium: the Plovdiv NGO records a session in Bulgarian; the Plovdiv
 * unit finds it in its list (filtered by topic in the address), opens it and may not change it;
 * the pages have no serious accessibility problem and no CSP violation.
 */
let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
}, 120_000);
afterAll(() => app?.close());

const bg = PREVENTION_PAGE_RESOURCES.bg.prevention;

describe('prevention activities in the browser', () => {
  it('an NGO records an activity; the unit of its municipality finds and reads it', { timeout: 120_000 }, async () => {
    const ngo = await signInBrowser(app.browser, app.base, 'v.georgieva', { language: 'bg' });
    await ngo.page.locator('nav [data-nav="prevention"]').click();
    await ngo.page.getByTestId('prevention-table').waitFor();
    expect(await seriousAxeViolations(ngo.page)).toEqual([]);
    await ngo.page.getByTestId('prevention-new').click();
    const form = ngo.page.getByTestId('prevention-form');
    await form.waitFor();
    await ngo.page.locator('#activity-held-on').fill('02.03.2026');
    await ngo.page.locator('#activity-place').selectOption('school');
    await expect.poll(() => ngo.page.locator('#activity-municipality').inputValue()).toBe('BG-16-12');
    await ngo.page.locator('#activity-topic').selectOption('child_marriage');
    await ngo.page.locator('#activity-title').fill('Ранните бракове – беседа с осми клас');
    await ngo.page.locator('#reach-3-female').fill('14');
    await ngo.page.locator('#reach-3-male').fill('11');
    await ngo.page.locator('#activity-adults-teachers').fill('2');
    await ngo.page.locator('#activity-co-organised').check();
    expect(await seriousAxeViolations(ngo.page)).toEqual([]);
    await ngo.page.getByTestId('prevention-save').click();
    await ngo.page.getByTestId('prevention-activity').waitFor();
    expect(await ngo.page.locator('h1').innerText()).toBe('Ранните бракове – беседа с осми клас');
    expect(await ngo.page.getByTestId('prevention-edit').count()).toBe(1);
    expect(await seriousAxeViolations(ngo.page)).toEqual([]);

    const unit = await signInBrowser(app.browser, app.base, 'g.petrov', { language: 'bg' });
    await unit.page.goto(`${app.base}/prevention?topic=child_marriage`);
    const row = unit.page.getByTestId('prevention-row').filter({ hasText: 'Ранните бракове' });
    await row.waitFor();
    expect(await row.innerText()).toContain(bg.topic.child_marriage);
    expect(await unit.page.locator('#prevention-topic').inputValue()).toBe('child_marriage');
    await row.getByRole('link').click();
    await unit.page.getByTestId('prevention-activity').waitFor();
    expect(await unit.page.getByText(bg.notEditable).count()).toBe(1);
    expect(await unit.page.getByTestId('prevention-edit').count()).toBe(0);
    expect(await seriousAxeViolations(unit.page)).toEqual([]);
    expect([...ngo.csp, ...unit.csp]).toEqual([]);
    await ngo.close();
    await unit.close();
  });
});
