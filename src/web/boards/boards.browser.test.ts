import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD_PAGE_RESOURCES } from '../../domain/i18n/boards-pages-resources.ts';
import { localDay } from '../../domain/deadlines.ts';
import { type BrowserApp, seriousAxeViolations, signInBrowser, startBrowserApp } from '../../testing/browser.ts';

/**
 * Child consultation boards in Chromium: the Korçë unit's caseworker opens the demo board, records
 * a meeting with the members present and a view the children raised, then answers the view; the
 * view is then answered. The pages have no serious accessibility problem and no CSP violation.
 */
let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
}, 120_000);
afterAll(() => app?.close());

const sq = BOARD_PAGE_RESOURCES.sq.boards;
const statement = 'Duam një kënd lojërash pranë shkollës.';

describe('consultation boards in the browser', () => {
  it('a unit records a meeting with a view and answers it', { timeout: 120_000 }, async () => {
    const { page, csp, close } = await signInBrowser(app.browser, app.base, 'caseworker', { language: 'sq', timezoneId: 'Europe/Tirane' });
    await page.locator('nav [data-nav="boards"]').click();
    await page.getByTestId('boards-table').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByTestId('board-row').filter({ hasText: 'Këshilli i fëmijëve – Korçë' }).getByRole('link').click();
    await page.getByTestId('board-page').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    const [y, m, d] = localDay(new Date(Date.now() - 86_400_000), 'Europe/Tirane').split('-');
    await page.getByTestId('meeting-add').click();
    const form = page.getByTestId('meeting-form');
    await form.waitFor();
    await page.locator('#meeting-held-on').fill(`${d}.${m}.${y}`);
    await page.locator('#meeting-place').fill('Qendra rinore, Korçë');
    await page.locator('#meeting-topics').fill('Koha e lirë');
    await form.getByTestId('meeting-attendance').getByLabel('Yllka').check();
    await form.getByTestId('view-add').click();
    const view = form.getByTestId('meeting-view');
    await view.getByLabel(sq.meetings.statement).fill(statement);
    await view.getByLabel('Koha e lirë').check();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await form.getByTestId('meeting-save').click();
    await form.waitFor({ state: 'detached' });

    const raised = page.getByTestId('board-view').filter({ hasText: statement });
    await raised.waitFor();
    expect(await raised.getByTestId('view-status').innerText()).toBe(sq.viewStatus.open);
    await raised.getByTestId('view-respond').click();
    const response = raised.getByTestId('response-form');
    await response.getByLabel(sq.views.action).fill('Bashkia planifikoi një kënd lojërash në buxhetin e vitit të ardhshëm.');
    await response.getByLabel(sq.views.byWhom).fill('NJMF Korçë dhe Bashkia');
    await response.locator('input[id$="-on"]').fill(`${d}.${m}.${y}`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await response.getByTestId('response-save').click();
    await expect.poll(() => raised.getByTestId('view-status').innerText()).toBe(sq.viewStatus.answered);
    expect(await raised.getByTestId('view-response').innerText()).toContain('NJMF Korçë dhe Bashkia');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(csp).toEqual([]);
    await close();
  });
});
