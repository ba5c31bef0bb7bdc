import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../domain/i18n/i18n-resources.ts';
import { systemActor } from '../../policy/actor.ts';
import { createUser } from '../../users/users-service.ts';
import { type BrowserApp, seriousAxeViolations, signInBrowser, startBrowserApp } from '../../testing/browser.ts';

/**
 * Notifications in Chromium, in Bulgarian: a case assigned to a caseworker shows on her bell; the
 * notifications page opens the case and marks it read; she gives an e-mail address and turns one
 * kind of message off on her account page; no serious accessibility problem.
 */
let app: BrowserApp;
const bg = resources.bg.ui.notifications;

beforeAll(async () => {
  app = await startBrowserApp();
}, 120_000);
afterAll(() => app?.close());

describe('notifications in the browser', () => {
  it('the bell counts what is unread, the page opens the case, the account page keeps the choices', async () => {
    const db = app.t.database.unguarded;
    const me = await db.selectFrom('users').select(['id', 'organisation_id']).where('username', '=', 'caseworker').executeTakeFirstOrThrow();
    const kase = await db.selectFrom('cases').select('id').where('unit_id', '=', me.organisation_id).where('status', 'in', ['open', 'assessed', 'plan_in_force']).executeTakeFirstOrThrow();
    // The case goes to a second caseworker of the unit, then to her: the second step is what she is told of.
    const other = await createUser(db, systemActor('test'), { username: 'n.second', displayName: 'Nora Second', organisationId: me.organisation_id, roles: ['caseworker'], password: 'Vlore-Sunrise-Kestrel-7', language: 'en' });
    const supervisor = await app.t.login('supervisor');
    expect((await supervisor.post('/api/v1/cases/assign', { caseIds: [kase.id], ownerId: other.id })).statusCode).toBe(200);
    await db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', me.id).execute();
    expect((await supervisor.post('/api/v1/cases/assign', { caseIds: [kase.id], ownerId: me.id })).statusCode).toBe(200);

    const { page, csp, close } = await signInBrowser(app.browser, app.base, 'caseworker', { language: 'bg' });
    try {
      const bell = page.getByTestId('notification-bell');
      await page.getByTestId('notification-count').waitFor();
      expect(await page.getByTestId('notification-count').innerText()).toBe('1');
      expect(await bell.getAttribute('aria-label')).toBe(bg.bellUnread_one.replace('{{count}}', '1'));
      await bell.click();
      await page.getByRole('heading', { level: 1, name: bg.title }).waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByRole('link', { name: bg.kind.case_assigned }).first().click();
      await page.waitForURL(`**/cases/${kase.id}`);
      await page.getByTestId('notification-bell').waitFor();
      await page.waitForFunction(() => !document.querySelector('[data-testid="notification-count"]'));

      await page.goto(`${app.base}/account`);
      const form = page.getByTestId('notification-settings');
      await form.getByLabel(bg.settings.email).fill('elira@unit.example.org');
      await form.getByLabel(bg.kind.daily_digest).selectOption('off');
      await form.getByRole('button', { name: bg.settings.save }).click();
      await form.getByText(bg.settings.saved).waitFor();
      const saved = await db.selectFrom('users').select(['email', 'notification_prefs']).where('id', '=', me.id).executeTakeFirstOrThrow();
      expect(saved.email).toBe('elira@unit.example.org');
      expect((saved.notification_prefs as Record<string, string>).daily_digest).toBe('off');
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(csp).toEqual([]);
    } finally {
      await close();
    }
  });
});
