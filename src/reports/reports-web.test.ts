import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp } from '../testing/app.ts';
import { type BrowserApp, startBrowserApp } from '../testing/browser.ts';
import { insertReportFixture } from './report-fixture.ts';

/** The monitoring report page in Chromium: charts under the strict CSP, tables, suppression, downloads. */
let app: BrowserApp;
let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  app = await startBrowserApp();
  ({ t, base, browser } = app);
  await insertReportFixture(t.database.owner);
}, 120_000);
afterAll(async () => {
  await app?.close();
});

async function openReport(username: string, language: string, jurisdiction: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    // The 401 of /auth/me before signing in is expected; CSP violations and script errors are not.
    if (/Content Security Policy/i.test(msg.text())) problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(String(err)));
  await page.goto(base);
  await page.getByTestId('language').selectOption(language);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('safetynet-demo');
  await page.locator('button[type=submit]').click();
  await page.locator('nav [data-nav="reports"]').click();
  // Opened from the menu, the page shows the latest period with data, named in the address.
  const opened = page.getByTestId('report-body');
  await opened.waitFor();
  const address = new URL(page.url()).searchParams;
  expect(await opened.getAttribute('data-period')).toBe(`${address.get('from')}/${address.get('to')}`);
  expect(address.get('from')).toMatch(/^\d{4}-01-01$/);
  await page.locator('#report-from').fill('2012-01-01');
  await page.locator('#report-to').fill('2012-12-31');
  await page.locator('#report-jurisdiction').selectOption(jurisdiction);
  await page.getByTestId('report-show').click();
  // The figures of the period asked for (not those of the default period, shown until they arrive).
  await page.locator(`[data-testid="report-body"][data-period="2012-01-01/2012-12-31"][data-jurisdiction="${jurisdiction}"]`).waitFor();
  expect(new URL(page.url()).search).toBe(`?from=2012-01-01&to=2012-12-31&jurisdiction=${jurisdiction}`);
  return { context, page, problems };
}

describe('the monitoring report page', () => {
  it('a monitor sees charts and tables of a region, with small cells hidden and said so', async () => {
    const { context, page, problems } = await openReport('d.angelov', 'bg', 'BG-16');
    await page.locator('[data-testid="chart-byHarmType"] .recharts-bar-rectangle').first().waitFor();
    expect(await page.getByTestId('report-suppressed').isVisible()).toBe(true);
    // The chart of sources: only the shown cell above zero (ngo, 5), none of the hidden ones.
    expect(await page.getByTestId('chart-bySource').getAttribute('data-order')).toBe('ngo');
    // The table beside the chart: "скрито" (hidden) for a hidden cell, the number for 5; a zero beside hidden cells is hidden too.
    const row = (code: string) => page.locator(`[data-testid="figure-bySource"] tr[data-code="${code}"] td`).first().innerText();
    expect(await row('police')).toBe('скрито');
    expect(await row('ngo')).toBe('5');
    expect(await row('gp')).toBe('скрито');
    expect(await page.locator('[data-testid="figure-byHarmType"] h3').innerText()).toBe('Сигнали по вид насилие или вреда');
    // Every breakdown has a table, and a chart — or, when nothing in it is above zero or shown, a line saying why.
    for (const id of ['bySource', 'byHarmType', 'byPlace', 'byPerpetrator', 'ageSex', 'byType', 'byRegion', 'byMandatorySector']) {
      expect(await page.locator(`[data-testid="figure-${id}"] svg, [data-testid="figure-${id}"] p.hint`).count(), id).toBeGreaterThan(0);
      expect(await page.locator(`[data-testid="figure-${id}"] table`).count(), id).toBe(1);
    }
    // The comparison with the previous period: counts and change; a hidden total (1 signal in 2011, 4 children) reads "скрито", with no change.
    expect(await page.locator('[data-testid="report-totals"] tr[data-code="signals"] td').allInnerTexts()).toEqual(['9', 'скрито', '']);
    expect(await page.locator('[data-testid="report-totals"] tr[data-code="children"] td').allInnerTexts()).toEqual(['скрито', 'скрито', '']);
    // The download is the export in the page's language.
    expect(await page.getByTestId('download-csv').getAttribute('href')).toBe('/api/v1/reports/monitoring.csv?from=2012-01-01&to=2012-12-31&jurisdiction=BG-16&lang=bg');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('monitoring-report_BG-16_2012-01-01_2012-12-31.xlsx');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('a supervisor sees the country without suppression, and a reversed period is refused in the form', async () => {
    const { context, page, problems } = await openReport('g.petrov', 'en', 'BG');
    expect(await page.getByTestId('report-suppressed').count()).toBe(0);
    expect(await page.locator('[data-testid="figure-byRegion"] tr[data-code="BG-16"] td').first().innerText()).toBe('3');
    await page.locator('#report-from').fill('2013-01-01');
    await page.locator('#report-to').fill('2012-01-01');
    await page.getByTestId('report-show').click();
    expect(await page.locator('#report-to-error').innerText()).toBe('The end of the period must not be before its start.');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
