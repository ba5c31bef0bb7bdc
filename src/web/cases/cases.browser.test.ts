import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCase } from '../../cases/case-fixtures.ts';
import { WEB_DIST } from '../../server/app.ts';
import { type TestApp, startTestApp } from '../../testing/app.ts';
import { launchChromium, seriousAxeViolations, signInBrowser } from '../../testing/browser.ts';

/**
 * The case pages in Chromium against the real server and database (the built web app in
 * dist/web): the supervisor assigns a case, the caseworker asks to close it, the supervisor
 * approves and the page then offers only "Reopen"; no CSP violation on the way.
 */
let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('Build the web app first: npm run build');
  t = await startTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const signIn = (username: string) => signInBrowser(browser, base, username);

const buttons = (page: Page) => page.getByTestId('case-actions').locator('button[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));

describe('cases in the browser', () => {
  it('assign, request closure, approve: the buttons follow the case', async () => {
    const { caseId, childId, client } = await openTestCase(t, { username: 'caseworker', riskLevel: 'high' });
    const child = (await client.get(`/api/v1/children/${childId}`)).json() as { givenName: string; familyName: string };
    const childName = `${child.givenName} ${child.familyName}`;

    const sup = await signIn('supervisor');
    await sup.page.goto(`${base}/cases/${caseId}`);
    await sup.page.getByTestId('case-header').waitFor();
    expect(await buttons(sup.page)).toContain('assign');
    await sup.page.locator('button[data-action="assign"]').click();
    const owner = sup.page.locator('#case-assign-owner');
    await expect.poll(() => owner.locator('option').count()).toBeGreaterThan(1);
    await owner.selectOption({ label: 'Elira Dervishi' });
    await sup.page.getByTestId('assign-submit').click();
    await expect.poll(() => sup.page.locator('[data-field="owner"] dd').innerText()).toBe('Elira Dervishi');

    const cw = await signIn('caseworker');
    await cw.page.goto(`${base}/cases/${caseId}`);
    // Requesting closure is weighty and rare: behind "More actions".
    await cw.page.getByTestId('case-more-toggle').click();
    await cw.page.locator('button[data-action="request_closure"]').click();
    await cw.page.locator('#case-closure-reason').selectOption('no_longer_at_risk');
    await cw.page.getByTestId('closure-submit').click();
    await cw.page.getByTestId('case-closure').waitFor();
    await expect.poll(() => buttons(cw.page)).toEqual([]);
    await expect.poll(() => cw.page.getByTestId('case-timeline').innerText()).toContain('Closure requested');

    await sup.page.reload();
    await expect.poll(() => buttons(sup.page)).toEqual(['approve_closure', 'return_closure']);
    await sup.page.locator('button[data-action="approve_closure"]').click();
    await expect.poll(() => buttons(sup.page)).toEqual(['reopen']);
    await expect.poll(() => sup.page.locator('.case-summary [data-status]').innerText()).toBe('Closed');

    // The caseworker now owns it: it is in their list of closed cases, found by name too.
    await cw.page.goto(`${base}/cases`);
    await cw.page.locator('#cases-filter-status').selectOption('closed');
    await cw.page.locator(`a[href="/cases/${caseId}"]`).waitFor();
    const searched = cw.page.waitForResponse((r) => r.url().endsWith('/api/v1/cases/search') && r.request().method() === 'POST');
    await cw.page.locator('#cases-filter-name').fill(childName);
    expect((await searched).status()).toBe(200);
    await expect.poll(() => cw.page.locator('tbody tr').count()).toBe(1);
    await cw.page.locator(`a[href="/cases/${caseId}"]`).waitFor();

    expect(sup.csp).toEqual([]);
    expect(cw.csp).toEqual([]);
    await sup.close();
    await cw.close();
  }, 120_000);

  it('at tablet width the summary stays in view with the next step; the section links reach the timeline; no serious accessibility issue', async () => {
    const { caseId } = await openTestCase(t, { username: 'caseworker', riskLevel: 'high' });
    const cw = await signIn('caseworker');
    await cw.page.setViewportSize({ width: 768, height: 1024 });
    await cw.page.goto(`${base}/cases/${caseId}`);
    const summary = cw.page.getByTestId('case-summary');
    await summary.waitFor();
    // Compact: one or two lines (with the section links, under a fifth of the screen).
    expect((await cw.page.locator('.case-sticky').boundingBox())!.height).toBeLessThan(1024 / 5);
    expect(await cw.page.getByTestId('case-next-step').getAttribute('data-next-step')).toBe('record_initial_assessment');
    // The weighty actions stay out of sight until "More actions" is opened (and go again when closed).
    const more = cw.page.getByTestId('case-more-actions');
    expect(await more.isVisible()).toBe(false);
    await cw.page.getByTestId('case-more-toggle').click();
    expect(await more.locator('[data-action="request_closure"]').isVisible()).toBe(true);
    await cw.page.getByTestId('case-more-toggle').click();
    expect(await more.isVisible()).toBe(false);
    await cw.page.getByTestId('case-section-nav').locator('a[data-section="timeline"]').click();
    await expect.poll(() => cw.page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    const box = (await summary.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(20);
    expect(await cw.page.getByTestId('case-next-step').isVisible()).toBe(true);
    expect(await seriousAxeViolations(cw.page)).toEqual([]);
    expect(cw.csp).toEqual([]);
    await cw.close();
  }, 120_000);
});
