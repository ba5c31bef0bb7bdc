import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, seriousAxeViolations, signInBrowser, startBrowserApp } from '../../testing/browser.ts';

/**
 * Issue 12 (forms) in Chromium at tablet width: an immediate signal opens on its screening (the
 * clock and the form in the first screen), the in-place confirmation and the unsaved-changes
 * dialog, each with no serious accessibility problem.
 */
let app: BrowserApp;
let signalId: string;
let meetingId: string;

beforeAll(async () => {
  app = await startBrowserApp();
  const cw = await app.t.login('caseworker');
  const s = await cw.post('/api/v1/signals', {
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(), channel: 'phone', source: 'neighbour', reporterName: 'A neighbour',
    reporterContact: null, harmTypes: ['physical'], place: 'family', perpetrators: ['father'], description: 'A child alone at night.',
    urgency: 'immediate', municipalityCode: 'AL-06-03', children: [{ givenName: 'Drita', familyName: 'Koci', sex: 'female', birthDate: '2016-04-04' }],
  });
  if (s.statusCode !== 201) throw new Error(s.body);
  signalId = s.json().id;
  const police = (await app.t.database.unguarded.selectFrom('organisations').select('id').where('name', '=', 'Drejtoria Vendore e Policisë Korçë').executeTakeFirstOrThrow()).id;
  const m = await cw.post('/api/v1/meetings', {
    type: 'initial_signal', status: 'held', heldAt: new Date(Date.now() - 600_000).toISOString(), signalId,
    participants: [{ organisationId: police, attended: false }],
  });
  if (m.statusCode !== 201) throw new Error(m.body);
  meetingId = m.json().id;
}, 120_000);
afterAll(() => app?.close());

describe('forms in the browser', () => {
  it('an unscreened immediate signal opens on its screening, in the first screen', async () => {
    const { page, close } = await signInBrowser(app.browser, app.base, 'caseworker', { timezoneId: 'America/New_York' });
    await page.goto(`${app.base}/signals/${signalId}`);
    const clock = page.getByTestId('screening-clock');
    await clock.waitFor();
    expect(await page.getByTestId('screening-countdown').innerText()).toMatch(/^\d+ (d|h|min)\b.* left/);
    const form = await page.getByTestId('screening-form').boundingBox();
    expect(form!.y).toBeLessThan(1024);
    expect((await page.getByTestId('signal-children').boundingBox())!.y).toBeGreaterThan(form!.y);
    // The meeting is held: no offer to convene it.
    expect(await page.getByTestId('signal-convene-link').count()).toBe(0);
    await page.getByTestId('signal-meeting').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await close();
  }, 90_000);

  it('removing a participant asks in place; leaving unsaved decisions asks in a dialog', async () => {
    const { page, close } = await signInBrowser(app.browser, app.base, 'caseworker');
    await page.goto(`${app.base}/meetings/${meetingId}`);
    await page.getByTestId('remove-participant').click();
    const ask = page.getByTestId('remove-participant-confirm');
    await ask.waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByTestId('remove-participant').waitFor();
    expect(await page.getByTestId('participant').count()).toBe(2);

    await page.locator('#meeting-decisions').fill('The police visit the family today.');
    await page.getByRole('link', { name: 'Back to the meetings' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Stay on the page');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('#meeting-decisions').inputValue()).toBe('The police visit the family today.');
    await page.getByRole('link', { name: 'Back to the meetings' }).click();
    await page.getByTestId('unsaved-leave').click();
    await page.waitForURL(`${app.base}/meetings`);
    await close();
  }, 90_000);
});
