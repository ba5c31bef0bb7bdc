import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bgStrings from '../../domain/i18n/locales/bg/trainings.json' with { type: 'json' };
import { type BrowserApp, seriousAxeViolations, signInBrowser, startBrowserApp } from '../../testing/browser.ts';

/**
 * The trainings register in Chromium: the Bulgarian trainer finds on Home the session with
 * certificates to issue, records the missing day of a participant in the attendance grid, issues
 * her certificate and downloads it, and sees it counted in the register's figures; the public page (no sign-in) verifies its code. No serious
 * accessibility problem, no CSP violation.
 */
let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
}, 120_000);
afterAll(() => app?.close());

const bg = bgStrings.trainings;

describe('trainings register in the browser', () => {
  it('the trainer records attendance and downloads a certificate; the public page verifies its code', { timeout: 180_000 }, async () => {
    const trainer = await signInBrowser(app.browser, app.base, 'k.vasileva', { language: 'bg' });
    const { page } = trainer;
    const toIssue = page.getByTestId('home-trainings-issue');
    await toIssue.getByText('Иван Колев').waitFor();
    expect(await page.getByTestId('home-trainings-upcoming').locator('li').count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await toIssue.getByRole('link').first().click();
    await page.getByTestId('training-session').waitFor();

    // Гергана Петкова came on the first day only: no certificate yet.
    const results = page.getByTestId('training-participant').filter({ hasText: 'Гергана Петкова' });
    expect(await results.getByText(bg.participants.notEligible).count()).toBe(1);
    const row = page.getByTestId('attendance-grid').locator('tbody tr').filter({ hasText: 'Гергана Петкова' });
    const boxes = row.locator('input[type="checkbox"]');
    expect(await boxes.count()).toBe(2);
    expect(await boxes.nth(1).isChecked()).toBe(false);
    await boxes.nth(1).check();
    await page.getByTestId('attendance-save').click();
    await page.getByText(bg.participants.attendanceSaved).waitFor();
    await results.getByTestId('certificate-issue').click();
    const link = results.getByTestId('certificate-download');
    await link.waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const code = /certificate-([A-Z0-9-]+)\.pdf/.exec(download.suggestedFilename())?.[1];
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(code!);

    // The register's figures (the last twelve months): Plovdiv's session, its five trained, the certificate just issued the fourth.
    await page.getByRole('link', { name: bg.sessions.back }).click();
    await page.getByRole('link', { name: bg.tabs.figures }).click();
    const plovdiv = page.getByTestId('figure-trainings.byRegion').locator('tr[data-code="BG-16"]');
    await plovdiv.waitFor();
    expect(await plovdiv.locator('td').allInnerTexts()).toEqual(['1', '5', '4']);
    expect(await seriousAxeViolations(page)).toEqual([]);
    const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByTestId('trainings-figures-xlsx').click()]);
    expect(sheet.suggestedFilename()).toMatch(/^trainings-figures_BG_\d{4}-\d{2}-01_\d{4}-\d{2}-\d{2}\.xlsx$/);

    // Anyone, signed out, checks the code.
    const context = await app.browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'bg-BG' });
    const visitor = await context.newPage();
    const answer = await visitor.goto(`${app.base}/verify/${code}`);
    expect(answer?.status()).toBe(200);
    expect(await visitor.locator('h1').innerText()).toBe(bg.verify.title);
    expect(await visitor.getByRole('status').innerText()).toBe(bg.verify.valid);
    expect(await visitor.locator('dd').first().innerText()).toBe('Гергана Петкова');
    expect(await seriousAxeViolations(visitor)).toEqual([]);
    const unknown = await visitor.goto(`${app.base}/verify/AAAA-BBBB-CCCC`);
    expect(unknown?.status()).toBe(404);
    expect(await visitor.getByRole('alert').innerText()).toBe(bg.verify.unknown);
    expect(trainer.csp).toEqual([]);
    await context.close();
    await trainer.close();
  });
});
