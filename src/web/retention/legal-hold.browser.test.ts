import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../domain/i18n/i18n-resources.ts';
import { type BrowserApp, seriousAxeViolations, signInBrowser, startBrowserApp } from '../../testing/browser.ts';

/**
 * The legal hold in Chromium, in Albanian: the unit's supervisor places a hold on a case from the
 * case page (refused without a reason), sees who placed it and why, then lifts it with a reason;
 * the hold is in the database as shown; no serious accessibility problem.
 */
let app: BrowserApp;
const sq = resources.sq.ui.retention;

beforeAll(async () => {
  app = await startBrowserApp();
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe('the legal hold in the browser', () => {
  it('the supervisor places and lifts a hold with a reason on the case page', async () => {
    const db = app.t.database.unguarded;
    const ela = await db.selectFrom('cases as k').innerJoin('children as c', 'c.id', 'k.child_id').select('k.id').where('c.given_name', '=', 'Ela').executeTakeFirstOrThrow();
    const { page, csp, close } = await signInBrowser(app.browser, app.base, 'supervisor', { language: 'sq' });
    try {
      await page.goto(`${app.base}/cases/${ela.id}#case-legal-hold`);
      const panel = page.getByTestId('legal-hold');
      await panel.getByText(sq.none).waitFor();
      await panel.getByRole('button', { name: sq.place }).click();
      await panel.getByRole('button', { name: sq.placeConfirm }).click();
      await panel.getByText(resources.sq.ui.validation.required).waitFor();
      expect(await db.selectFrom('case_legal_holds').select('id').execute()).toEqual([]);

      await panel.getByLabel(sq.placeReason, { exact: false }).fill('Procedim penal ndaj babait');
      await panel.getByRole('button', { name: sq.placeConfirm }).click();
      await panel.getByTestId('legal-hold-in-force').getByText('Procedim penal ndaj babait', { exact: false }).waitFor();
      expect(await db.selectFrom('case_legal_holds').select(['reason', 'lifted_at']).execute()).toEqual([{ reason: 'Procedim penal ndaj babait', lifted_at: null }]);
      expect(await seriousAxeViolations(page)).toEqual([]);

      await panel.getByRole('button', { name: sq.lift }).click();
      await panel.getByLabel(sq.liftReason, { exact: false }).fill('Procedimi përfundoi');
      await panel.getByRole('button', { name: sq.liftConfirm }).last().click();
      await panel.getByText(sq.none).waitFor();
      await panel.getByText(sq.history).waitFor();
      const rows = await db.selectFrom('case_legal_holds').select(['lift_reason']).execute();
      expect(rows).toEqual([{ lift_reason: 'Procedimi përfundoi' }]);
      expect(csp).toEqual([]);
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });
});
