import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, seriousAxeViolations, signInBrowser, startBrowserApp } from '../../testing/browser.ts';

/**
 * The lists in Chromium at tablet width (768 px) against the real server on the demo database: the
 * case list keeps status, the next deadline and the overdue mark in view while the other columns
 * give way; every list page passes axe-core (no serious or critical violation); the demo
 * supervisor ticks two cases and assigns them to a worker at once.
 */
let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
}, 180_000);
afterAll(() => app?.close());

describe('the lists at tablet width', () => {
  it('the case list keeps status, deadline and overdue in view; the list pages have no serious accessibility violation', async () => {
    const sup = await signInBrowser(app.browser, app.base, 'supervisor');
    const { page } = sup;
    await page.goto(`${app.base}/cases?owner=all&status=active&overdue=1`);
    await page.locator('tbody tr a[href^="/cases/"]').first().waitFor();
    expect(page.viewportSize()?.width).toBe(768);
    const header = (name: RegExp) => page.locator('thead th').filter({ hasText: name });
    expect(await header(/^Status/).isVisible()).toBe(true);
    expect(await header(/Next deadline/).isVisible()).toBe(true);
    expect(await header(/Opened/).isVisible()).toBe(false);
    expect(await header(/Unit/).isVisible()).toBe(false);
    const first = page.locator('tbody tr').first();
    expect(await first.locator('[data-status], .badge').first().isVisible()).toBe(true);
    expect(await first.getByText('Overdue').isVisible()).toBe(true);
    // The table fits: nothing to scroll sideways for.
    expect(await page.locator('.table-scroll').evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);

    for (const [path, ready] of [['/signals', 'table'], ['/meetings', 'table'], ['/referrals', 'table']] as const) {
      await page.goto(`${app.base}${path}`);
      await page.locator(ready).first().waitFor();
      expect({ path, violations: await seriousAxeViolations(page) }).toEqual({ path, violations: [] });
    }
    expect(sup.csp).toEqual([]);
    await sup.close();

    const admin = await signInBrowser(app.browser, app.base, 'admin');
    await admin.page.goto(`${app.base}/admin/users?sort=-createdAt`);
    await admin.page.locator('tbody tr a').first().waitFor();
    expect(await admin.page.locator('thead th[aria-sort="descending"]').innerText()).toMatch(/Created/);
    expect(await seriousAxeViolations(admin.page)).toEqual([]);
    await admin.close();
  });

  it('the demo supervisor assigns two cases to a worker at once', async () => {
    const sup = await signInBrowser(app.browser, app.base, 'supervisor');
    const { page } = sup;
    await page.goto(`${app.base}/cases?owner=all&status=active&sort=child`);
    await page.locator('tbody tr a[href^="/cases/"]').nth(1).waitFor();
    const rows = page.locator('tbody tr');
    const ids: string[] = [];
    for (const i of [0, 1]) {
      const href = await rows.nth(i).locator('a[href^="/cases/"]').getAttribute('href');
      ids.push(href!.slice('/cases/'.length));
      await rows.nth(i).locator('input[type=checkbox]').check();
    }
    const bar = page.getByTestId('bulk-assign');
    await bar.getByText('2 cases selected').waitFor();
    await bar.locator('#bulk-owner').selectOption({ label: 'Elira Dervishi' });
    await bar.getByTestId('bulk-assign-submit').click();
    await page.getByTestId('bulk-assigned').waitFor();
    expect(await page.getByTestId('bulk-assigned').innerText()).toBe('2 cases assigned to Elira Dervishi.');
    const db = app.t.database.unguarded;
    const worker = await db.selectFrom('users').select('id').where('username', '=', 'caseworker').executeTakeFirstOrThrow();
    const owners = await db.selectFrom('cases').select('owner_id').where('id', 'in', ids).execute();
    expect(owners.map((o) => o.owner_id)).toEqual([worker.id, worker.id]);
    const audit = await db.selectFrom('audit_log').select(['entity_id', 'detail']).where('action', '=', 'assign').where('outcome', '=', 'ok').where('entity_id', 'in', ids).execute();
    expect(audit.filter((a) => (a.detail as { bulk?: boolean } | null)?.bulk === true).map((a) => a.entity_id).sort()).toEqual([...ids].sort());
    expect(sup.csp).toEqual([]);
    await sup.close();
  });
});
