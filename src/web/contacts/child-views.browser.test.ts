import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, seriousAxeViolations, signInBrowser, startBrowserApp } from '../../testing/browser.ts';

/**
 * The child's views in casework (issue 14 §2) in Chromium: the Plovdiv caseworker opens the case
 * of the boy in foster care and finds, above the contacts, what he said at each visit and where he
 * would rather meet, in Bulgarian; no serious accessibility problem, no CSP violation.
 */
let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
}, 120_000);
afterAll(() => app?.close());

describe("the child's views in the browser", () => {
  it('the case page shows what the child said at each contact and where he would rather meet', { timeout: 120_000 }, async () => {
    const kase = await app.t.database.unguarded
      .selectFrom('cases as k').innerJoin('children as c', (j) => j.onRef('c.country', '=', 'k.country').onRef('c.id', '=', 'k.child_id'))
      .select('k.id').where('c.given_name', '=', 'Георги').where('c.family_name', '=', 'Маринов').executeTakeFirstOrThrow();
    const worker = await signInBrowser(app.browser, app.base, 'm.ivanova', { language: 'bg' });
    await worker.page.goto(`${app.base}/cases/${kase.id}`);
    const panel = worker.page.getByTestId('child-views');
    await panel.waitFor();
    const text = await panel.innerText();
    expect(text).toContain('Мнението на детето');
    expect(text).toContain('Може ли да се видим в училище?');
    expect(text).toContain('Искам да остана при семейство Колеви.');
    expect(text).toContain('В училище');
    expect(await panel.locator('[data-testid^="child-view-"]').count()).toBe(2);
    expect(await seriousAxeViolations(worker.page)).toEqual([]);
    expect(worker.csp).toEqual([]);
    await worker.close();
  });
});
