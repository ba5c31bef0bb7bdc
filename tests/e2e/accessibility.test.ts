import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/domain/i18n/i18n-resources.ts';
import { ROLES, type Role, navigationFor } from '../../src/domain/roles.ts';
import { type AxeViolation, type BrowserApp, seriousAxeViolations, signInBrowser, startBrowserApp } from '../../src/testing/browser.ts';

/**
 * Every page a role can reach, checked by axe-core (WCAG 2.1 A and AA) in Chromium at tablet
 * width: the pages of its navigation, a record of each kind it reads (the first of its lists),
 * the forms it opens, its notifications, and the sign-in page. No serious or critical violation anywhere.
 */
let app: BrowserApp;

beforeAll(async () => {
  app = await startBrowserApp();
}, 120_000);
afterAll(async () => {
  await app?.close();
});

/** The first record of a list the role reads through the API, as a page path. */
async function firstRecordPages(role: Role): Promise<string[]> {
  const client = await app.t.login(role);
  const lists: Array<[string, string, string]> = [
    ['cases', '/api/v1/cases?limit=1', '/cases/'],
    ['signals', '/api/v1/signals?limit=1', '/signals/'],
    ['intakes', '/api/v1/intakes?limit=1', '/intakes/'],
    ['meetings', '/api/v1/meetings?limit=1', '/meetings/'],
    ['referrals', '/api/v1/referrals?direction=incoming', '/referrals/'],
    ['referrals', '/api/v1/referrals?direction=outgoing', '/referrals/'],
    ['children', '/api/v1/children?limit=1', '/children/'],
    ['users', '/api/v1/users?limit=1', '/admin/users/'],
    ['organisations', '/api/v1/organisations', '/admin/organisations/'],
    ['prevention', '/api/v1/prevention-activities?limit=1', '/prevention/'],
    ['boards', '/api/v1/boards', '/boards/'],
    ['trainings', '/api/v1/training-sessions', '/trainings/sessions/'],
  ];
  const sections = new Set<string>(navigationFor([role]).map((n) => n.id));
  const pages: string[] = [];
  for (const [section, url, prefix] of lists) {
    if (!sections.has(section)) continue;
    const res = await client.get(url);
    expect(res.statusCode, url).toBe(200);
    const id = (res.json() as { items: Array<{ id: string }> }).items[0]?.id;
    if (id && !pages.includes(prefix + id)) pages.push(prefix + id);
  }
  return pages;
}

/** The forms a role opens from its navigation (registering a signal, a child, convening a meeting…). */
const FORMS: Partial<Record<string, string[]>> = {
  signals: ['/signals/new'],
  intakes: ['/intakes/new', '/intakes/figures'],
  children: ['/children/new'],
  meetings: ['/meetings/new'],
  cases: ['/cases/caseload'],
  users: ['/admin/users/new'],
  organisations: ['/admin/organisations/new'],
  prevention: ['/prevention/new'],
  // The child's feedback kiosk (issue 14 §1): results and the supervisor's review; the kiosk page itself is checked in src/web/feedback/kiosk.browser.test.ts.
  feedback: ['/feedback/results', '/feedback/review'],
  trainings: ['/trainings/modules', '/trainings/needs', '/trainings/figures'],
};

/** Pages every role opens outside its navigation: the notifications, from the bell on every page. */
const EVERY_ROLE = ['/notifications'];

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('main h1').first().waitFor();
  await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
}

describe('accessibility (axe-core): no serious or critical violation on any page a role reaches', () => {
  it('the sign-in page, in every language', async () => {
    const context = await app.browser.newContext({ viewport: { width: 768, height: 1024 } });
    const page = await context.newPage();
    const found: Record<string, AxeViolation[]> = {};
    for (const language of LANGUAGES) {
      await page.goto(app.base);
      await page.getByTestId('language').selectOption(language);
      await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
      const violations = await seriousAxeViolations(page);
      if (violations.length) found[language] = violations;
    }
    expect(found).toEqual({});
    await context.close();
  }, 120_000);

  ROLES.forEach((role, i) => {
    const language = LANGUAGES[i % LANGUAGES.length]!;
    it(`${role} (${language})`, async () => {
      const { page, close } = await signInBrowser(app.browser, app.base, role, { language });
      const sections = navigationFor([role]);
      const paths = [
        ...sections.map((n) => n.path),
        ...sections.flatMap((n) => FORMS[n.id] ?? []),
        ...EVERY_ROLE,
        ...(await firstRecordPages(role)),
      ];
      expect(paths.length).toBeGreaterThan(1);
      const found: Record<string, AxeViolation[]> = {};
      for (const path of paths) {
        await page.goto(app.base + path);
        await settle(page);
        const violations = await seriousAxeViolations(page);
        if (violations.length) found[path] = violations;
      }
      expect(found).toEqual({});
      await close();
    }, 240_000);
  });
});
