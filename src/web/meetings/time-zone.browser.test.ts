import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp } from '../../testing/app.ts';
import { type BrowserApp, startBrowserApp, signInBrowser } from '../../testing/browser.ts';

/**
 * Times in the unit's zone whatever the browser's: a caseworker of the Korçë unit (Europe/Tirane)
 * on a computer set to New York sees an action item due on 20 November ending at 23:59 that day,
 * on the meeting page and on the task list alike — not 17:59 (New York), not 21 November (UTC).
 */
let app: BrowserApp;
let t: TestApp;
let browser: Browser;
let base: string;
let meetingId: string;

beforeAll(async () => {
  app = await startBrowserApp();
  ({ t, base, browser } = app);
  const cw = await t.login('caseworker');
  const unit = (await cw.get('/api/v1/auth/me')).json().user.organisation.id as string;
  const child = (await cw.get('/api/v1/children?limit=1')).json().items[0].id as string;
  const m = await cw.post('/api/v1/meetings', { type: 'follow_up', status: 'held', heldAt: '2026-11-18T09:00:00+01:00', childIds: [child], participants: [] });
  if (m.statusCode !== 201) throw new Error(m.body);
  meetingId = m.json().id;
  const item = await cw.post(`/api/v1/meetings/${meetingId}/action-items`, { description: 'Bring the school report', responsibleOrganisationId: unit, dueDate: '2026-11-20' });
  if (item.statusCode !== 201) throw new Error(item.body);
}, 120_000);
afterAll(async () => {
  await app?.close();
});

const text = (l: Locator) => l.innerText().then((s) => s.replace(/\s+/g, ' '));

describe('times in the unit’s zone in a browser set to another zone', () => {
  it('the meeting page and the task list show the same deadline, the end of the due day in Tirana', async () => {
    const { page, csp, close } = await signInBrowser(browser, base, 'caseworker', { timezoneId: 'America/New_York' });
    // The browser really is in New York.
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');

    await page.goto(`${base}/meetings/${meetingId}`);
    const row = page.getByTestId('action-item').filter({ hasText: 'Bring the school report' });
    await row.waitFor();
    const onMeeting = await text(row);
    expect(onMeeting).toContain('20 Nov 2026, 23:59');
    expect(onMeeting).not.toContain('17:59');
    // The meeting's own time: held at 09:00 in Tirana (03:00 in New York).
    expect(await text(page.locator('h1'))).toContain('18 Nov 2026, 09:00');

    await page.goto(`${base}/tasks`);
    const link = page.locator(`a[href="/meetings/${meetingId}"]`).first();
    await link.waitFor();
    const task = link.locator('xpath=ancestor::*[self::tr or self::li][1]');
    const onTasks = await text(task);
    expect(onTasks).toContain('20 Nov 2026, 23:59');
    expect(onTasks).not.toContain('21 Nov');
    expect(csp).toEqual([]);
    await close();
  }, 90_000);
});
