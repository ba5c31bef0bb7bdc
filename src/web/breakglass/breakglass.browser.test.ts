import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Language, resources } from '../../domain/i18n/i18n-resources.ts';
import { type BrowserApp, seriousAxeViolations, signInBrowser, startBrowserApp } from '../../testing/browser.ts';

/**
 * Emergency access in Chromium at tablet width: the police-station team (Albanian) names a child
 * of the Korçë unit and says why, opens the read-only record through the grant; the unit's
 * supervisor (English) reviews it as not justified and sees the count per user; the admin
 * (Bulgarian) sees the same count. No serious accessibility problem on any of the pages.
 */
let app: BrowserApp;
let ela: { given_name: string; family_name: string; birth_date: string };
beforeAll(async () => {
  app = await startBrowserApp();
  const db = app.t.database.unguarded;
  const unit = (await db.selectFrom('organisations').select('id').where('name', 'like', '%Bashkia Korçë').executeTakeFirstOrThrow()).id;
  const row = await db.selectFrom('children as c').innerJoin('cases as k', 'k.child_id', 'c.id')
    .select(['c.given_name', 'c.family_name', 'c.birth_date']).where('c.given_name', '=', 'Ela').where('k.unit_id', '=', unit).executeTakeFirstOrThrow();
  ela = { ...row, birth_date: row.birth_date! };
}, 120_000);
afterAll(() => app?.close());

const lookup = (tree: unknown, key: string) => key.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)?.[p], tree) as string | undefined;
const tr = (language: Language, key: string) => lookup(resources[language].ui, key)!;

describe('break-glass access in the browser', () => {
  it('the team asks and reads the record; the supervisor reviews; the admin sees the count', async () => {
    const team = await signInBrowser(app.browser, app.base, 'police_support', { language: 'sq', timezoneId: 'Europe/Tirane' });
    let page = team.page;
    await page.goto(app.base);
    await page.getByRole('link', { name: tr('sq', 'nav.breakGlass'), exact: true }).click();
    await page.waitForURL(`${app.base}/break-glass`);
    await page.locator('main h1').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Too short a reason: said at the field, nothing asked.
    await page.locator('#bg-given-name').fill(ela.given_name);
    await page.locator('#bg-family-name').fill(ela.family_name);
    const [y, m, d] = ela.birth_date.split('-');
    await page.locator('#bg-birth-date').fill(`${d}.${m}.${y}`);
    await page.locator('#bg-reason').fill('Urgjent');
    await page.getByRole('button', { name: tr('sq', 'breakGlass.submit') }).click();
    await page.locator('#bg-reason[aria-invalid="true"]').waitFor();
    expect(await page.getByTestId('break-glass-result').count()).toBe(0);

    await page.locator('#bg-reason').fill('Fëmija u soll në komisariat natën; duhet të dimë nëse ka rast të hapur.');
    await page.getByRole('button', { name: tr('sq', 'breakGlass.submit') }).click();
    await page.getByTestId('break-glass-result').waitFor();
    await page.getByTestId('break-glass-mine').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByTestId('break-glass-result').getByRole('link', { name: tr('sq', 'breakGlass.openRecord') }).click();
    await page.waitForURL(/\/break-glass\/grants\/[0-9a-f-]{36}$/);
    await page.getByTestId('break-glass-banner').waitFor();
    await page.getByTestId('break-glass-cases').waitFor();
    expect(await page.locator('main').innerText()).toContain(ela.family_name);
    expect(await page.getByTestId('break-glass-cases').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await team.close();

    const supervisor = await signInBrowser(app.browser, app.base, 'supervisor', { language: 'en' });
    page = supervisor.page;
    await page.goto(`${app.base}/break-glass/reviews?state=pending`);
    const item = page.getByTestId('break-glass-reviews').locator('li').first();
    await item.waitFor();
    expect(await item.innerText()).toContain('Dritan Shehu');
    await page.getByTestId('break-glass-users').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await item.getByLabel(tr('en', 'breakGlass.reviews.verdict')).selectOption('unjustified');
    await item.getByLabel(tr('en', 'breakGlass.reviews.note')).fill('No call from the station was logged that night.');
    await item.getByRole('button', { name: tr('en', 'breakGlass.reviews.save') }).click();
    await page.getByText(tr('en', 'breakGlass.reviews.empty')).waitFor();
    await page.locator('[data-username="police_support"] td.numeric').nth(2).filter({ hasText: '1' }).waitFor();
    await supervisor.close();

    const admin = await signInBrowser(app.browser, app.base, 'admin', { language: 'bg' });
    page = admin.page;
    await page.goto(app.base);
    await page.getByRole('link', { name: tr('bg', 'nav.breakGlassUsers'), exact: true }).click();
    await page.waitForURL(`${app.base}/break-glass/users`);
    const row = page.locator('[data-username="police_support"]');
    await row.waitFor();
    expect(await row.locator('td.numeric').allInnerTexts()).toEqual(['1', '0', '1', '0']);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await admin.close();
  }, 180_000);
});
