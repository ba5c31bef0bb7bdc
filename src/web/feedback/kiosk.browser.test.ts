import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../domain/i18n/locales/en/kiosk.json' with { type: 'json' };
import sq from '../../domain/i18n/locales/sq/kiosk.json' with { type: 'json' };
import { type BrowserApp, seriousAxeViolations, signInBrowser, startBrowserApp } from '../../testing/browser.ts';

/**
 * The child's feedback kiosk in Chromium at tablet width with touch (768×1024, `hasTouch`): a child
 * answers the Korçë unit's demo kiosk alone — faces, a place, an age band, a few words — sees the
 * thank-you screen, and the kiosk starts over for the next child; the helpline shows on every
 * screen, "read aloud" speaks in the kiosk's language, nothing is kept in the browser, and no page
 * has a serious accessibility problem or a CSP violation. The supervisor then finds the words to review.
 */
let app: BrowserApp;
let token: string;
beforeAll(async () => {
  app = await startBrowserApp();
  const db = app.t.database.unguarded;
  const unit = (await db.selectFrom('users').select('organisation_id').where('username', '=', 'supervisor').executeTakeFirstOrThrow()).organisation_id;
  token = (await db.selectFrom('kiosks').select('token').where('org_id', '=', unit).executeTakeFirstOrThrow()).token;
}, 120_000);
afterAll(() => app?.close());

const k = en.kiosk;

describe('the feedback kiosk in the browser', () => {
  it('a child answers alone at tablet width with touch, sees the thank-you, and the kiosk starts over', { timeout: 120_000 }, async () => {
    const context = await app.browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true, locale: 'en-GB' });
    // Records what "read aloud" asks the browser to say (and in which language), instead of saying it.
    await context.addInitScript(() => {
      const said: Array<{ text: string; lang: string }> = [];
      (window as unknown as { said: typeof said }).said = said;
      Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: { speak: (u: SpeechSynthesisUtterance) => said.push({ text: u.text, lang: u.lang }), cancel: () => undefined, getVoices: () => [] } });
    });
    const page = await context.newPage();
    const csp: string[] = [];
    page.on('console', (msg) => { if (/Content Security Policy/i.test(msg.text())) csp.push(msg.text()); });
    await page.goto(`${app.base}/kiosk/${token}`);

    // The kiosk's first language (Albanian) is its default.
    await page.getByRole('button', { name: sq.kiosk.start, exact: true }).waitFor();
    expect(await page.locator('h1').innerText()).toBe(sq.kiosk.title);
    const start = page.getByRole('button', { name: k.start, exact: true });
    expect(await page.locator('#helpline').innerText()).toContain('116 111');
    expect(await page.getByText(sq.kiosk.notes).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The language switch: the kiosk's languages (sq, en).
    await page.getByRole('button', { name: 'English' }).tap();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    expect(await page.locator('h1').innerText()).toBe(k.title);

    await start.tap();
    await page.getByRole('heading', { name: k.question.felt }).waitFor();
    expect(await page.locator('#helpline').innerText()).toContain('116 111');
    await page.getByRole('button', { name: k.readAloud, exact: true }).tap();
    expect(await page.evaluate(() => (window as unknown as { said: unknown[] }).said)).toEqual([{ text: k.question.felt, lang: 'en-GB' }]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: k.face['4'], exact: true }).tap();
    await page.getByRole('heading', { name: k.question.listened }).waitFor();
    await page.getByRole('button', { name: k.face['5'], exact: true }).tap();
    await page.getByRole('heading', { name: k.question.better }).waitFor();
    await page.getByRole('button', { name: k.face['3'], exact: true }).tap();
    await page.getByRole('heading', { name: k.question.place }).waitFor();
    await page.getByRole('button', { name: k.place.school, exact: true }).tap();
    await page.getByRole('heading', { name: k.question.age }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: k.age['9_12'], exact: true }).tap();
    await page.getByRole('heading', { name: k.question.text }).waitFor();
    await page.getByLabel(k.textLabel).fill('I would like to meet at school');
    expect(await page.locator('#helpline').innerText()).toContain('116 111');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: k.send, exact: true }).tap();
    await page.getByRole('heading', { name: k.thanks }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    const stored = await app.t.database.unguarded.selectFrom('kiosk_answers').selectAll().where('free_text', '=', 'I would like to meet at school').executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ felt: 4, listened: 5, better: 3, meet_place: 'school', age_band: '9_12' });

    // The next child: the kiosk starts over by itself, in its own language, with nothing of the last answer.
    const again = page.getByRole('button', { name: sq.kiosk.start, exact: true });
    await again.waitFor({ timeout: 20_000 });
    await page.locator('html[lang="sq"]').waitFor({ state: 'attached' });
    await again.tap();
    await page.getByRole('heading', { name: sq.kiosk.question.felt }).waitFor();
    expect(await page.locator('[aria-pressed="true"].choice').count()).toBe(0);
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    expect(csp).toEqual([]);
    await context.close();

    // The unit's supervisor finds the child's words to review.
    const supervisor = await signInBrowser(app.browser, app.base, 'supervisor');
    await supervisor.page.goto(`${app.base}/feedback/review`);
    await supervisor.page.getByTestId('kiosk-text').filter({ hasText: 'I would like to meet at school' }).waitFor();
    expect(await seriousAxeViolations(supervisor.page)).toEqual([]);
    await supervisor.page.goto(`${app.base}/feedback`);
    await supervisor.page.getByTestId('kiosk-card').first().waitFor();
    expect(await seriousAxeViolations(supervisor.page)).toEqual([]);
    const kioskId = (await app.t.database.unguarded.selectFrom('kiosks').select('id').where('token', '=', token).executeTakeFirstOrThrow()).id;
    await supervisor.page.goto(`${app.base}/feedback/${kioskId}/notes`);
    await supervisor.page.getByTestId('kiosk-note').first().waitFor();
    expect(await seriousAxeViolations(supervisor.page)).toEqual([]);
    await supervisor.page.goto(`${app.base}/feedback/results`);
    await supervisor.page.getByTestId('feedback-results').locator('table').first().waitFor();
    expect(await seriousAxeViolations(supervisor.page)).toEqual([]);
    expect(supervisor.csp).toEqual([]);
    await supervisor.close();
  });
});
