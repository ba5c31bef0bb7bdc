import fs from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NAMESPACE, LANGUAGES, type Language, NAMESPACES, resources } from '../../src/domain/i18n/i18n-resources.ts';
import { WEB_DIST } from '../../src/server/app.ts';
import { type TestApp, startTestApp } from '../../src/testing/app.ts';
import { launchChromium, signInBrowser } from '../../src/testing/browser.ts';
import { DEMO_REFERRALS_TO_ANSWER } from '../../src/referrals/referral-demo.ts';

/**
 * The README's walk-through, in Chromium, in each language on a fresh database with the demo
 * data: the caseworker screens the demo signal about Noel Hoxhaj and opens a case, convenes the
 * crisis meeting on the signal, records the assessments and a plan; the supervisor approves the
 * plan from the task list; the caseworker refers the child to the demo provider, which accepts
 * and records a service; two visits, a closure request, the supervisor's approval, and the
 * timeline. Every control is found by its label in the language under test (the same resources
 * the web app uses), and each role's reach is checked on the way.
 */
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('Build the web app first: npm run build');
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

const PROVIDER = 'Qendra Komunitare „Për Fëmijët“ Korçë';
const POLICE = 'Drejtoria Vendore e Policisë Korçë';
const SCHOOL = 'Shkolla 9-vjeçare „Naim Frashëri“, Korçë';
const CHILD = 'Noel Hoxhaj';

/** The web app's own translations, without fallback: a missing string fails the lookup. */
function translator(language: Language): TFunction {
  const i = i18next.createInstance();
  void i.init({
    resources, lng: language, fallbackLng: false, ns: [...NAMESPACES], defaultNS: DEFAULT_NAMESPACE,
    interpolation: { escapeValue: false }, initAsync: false,
  });
  return i.t;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Waits for what the page shows next; generous, since the whole suite may be running beside it on two cores. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });

describe('the walk-through from signal to closure, in the browser', () => {
  for (const language of LANGUAGES) {
    it(`in ${language}`, async () => {
      const t = translator(language);
      /** A label as the form shows it: the text, and " (required)" when the field is. */
      const label = (key: string, vars?: Record<string, string>) =>
        new RegExp(`^${escape(t(key, vars))}( \\(${escape(t('common.required'))}\\))?$`);
      const app: TestApp = await startTestApp();
      const started = Date.now();
      try {
        const base = await app.app.listen({ port: 0, host: '127.0.0.1' });
        const signIn = (username: string) => signInBrowser(browser, base, username, { language, timezoneId: 'Europe/Tirane' });
        const nav = (page: Page, id: string) => page.getByRole('navigation').getByRole('link', { name: t(`nav.${id}`), exact: true }).click();
        const button = (scope: Page | Locator, key: string, vars?: Record<string, string>) => scope.getByRole('button', { name: t(key, vars), exact: true });
        const status = (page: Page) => page.locator('.case-summary [data-status]');

        // 1. The caseworker screens the demo signal: open a case, risk high.
        const cw = await signIn('caseworker');
        await nav(cw.page, 'signals');
        const sexual = cw.page.getByRole('row').filter({ hasText: t('taxonomy:harmType.sexual') });
        await poll(() => sexual.count()).toBe(1);
        await poll(() => sexual.innerText()).toContain(t('signals.status.unscreened'));
        await sexual.getByRole('link').click();
        await poll(() => cw.page.getByTestId('signal-children').innerText()).toContain(CHILD);
        const screening = cw.page.getByTestId('screening-form');
        await screening.getByLabel(t('signals.decision.open_case'), { exact: true }).check();
        await screening.getByLabel(label('signals.screening.riskLevel')).selectOption({ label: t('taxonomy:riskLevel.high') });
        await button(screening, 'signals.screening.submit').click();
        const result = cw.page.getByTestId('screening-result');
        await poll(() => result.innerText()).toContain(t('signalPage.decided.open_case'));
        expect(await result.innerText()).toContain(t('taxonomy:riskLevel.high'));
        const signalUrl = cw.page.url();

        // 2. The crisis meeting on the signal, with the police and the school: held, attendance, a decision, an action item.
        await cw.page.getByRole('link', { name: t('meetings.conveneOnSignal'), exact: true }).click();
        const context = cw.page.getByTestId('signal-context');
        await poll(() => context.innerText()).toContain(CHILD);
        await poll(() => cw.page.getByLabel(label('meetings.field.type')).inputValue()).toBe('crisis_intervention');
        await cw.page.getByLabel(label('meetings.field.status')).selectOption({ label: t('meetings.status.held') });
        for (const [i, org] of [POLICE, SCHOOL].entries()) {
          await button(cw.page, 'meetings.addParticipant').click();
          const row = cw.page.getByTestId('participant-row').nth(i);
          const orgSelect = row.getByLabel(label('meetings.field.organisation'));
          await orgSelect.selectOption({ label: await orgSelect.locator('option', { hasText: org }).innerText() });
          await poll(() => row.getByLabel(t('meetings.attended'), { exact: true }).isChecked()).toBe(true);
        }
        await cw.page.getByLabel(label('meetings.field.decisions')).fill('Police to interview the neighbour; the child stays at home with the mother.');
        await button(cw.page, 'meetings.conveneSubmit').click();
        await cw.page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
        await poll(() => cw.page.getByTestId('meeting-status').innerText()).toBe(t('meetings.status.held'));
        const participants = cw.page.getByTestId('participant');
        await poll(() => participants.count()).toBe(3); // the unit, the police, the school
        // A sexual-abuse signal: social services and the police must attend, and both did.
        const mandatory = cw.page.getByTestId('mandatory-sectors').getByRole('listitem');
        expect(await mandatory.allInnerTexts()).toEqual(['social_services', 'police'].map((s) => `✓ ${t(`taxonomy:sector.${s}`)}: ${t('meetings.sectorPresent')}`));
        for (const org of [POLICE, SCHOOL]) {
          expect(await participants.filter({ hasText: org }).getByRole('checkbox').isChecked()).toBe(true);
        }
        await cw.page.getByLabel(label('meetings.item.description')).fill('Interview the neighbour named by the child');
        const responsible = cw.page.getByLabel(label('meetings.item.responsible'));
        await responsible.selectOption({ label: POLICE });
        await button(cw.page, 'meetings.addItem').click();
        const item = cw.page.getByTestId('action-item').filter({ hasText: 'Interview the neighbour' });
        await poll(() => item.innerText()).toContain(POLICE);
        expect(await item.innerText()).toContain(t('meetings.item.open'));

        // The police, invited, have the action item on their list and mark it done.
        const partner = await signIn('partner');
        await nav(partner.page, 'meetings');
        await partner.page.getByTestId('my-action-items').getByRole('link', { name: 'Interview the neighbour named by the child' }).click();
        const theirs = partner.page.getByTestId('action-item');
        await poll(() => theirs.count()).toBe(1);
        await button(theirs, 'meetings.item.markDone').click();
        const [doneBefore, doneAfter] = t('meetings.item.doneOn', { date: '\u0000', name: 'Inspektor Gentian Mema' }).split('\u0000');
        await poll(() => theirs.innerText()).toContain(doneAfter);
        expect(await theirs.innerText()).toContain(doneBefore);
        // Only the convening unit changes the meeting: no decisions field for the police.
        expect(await partner.page.getByRole('textbox', { name: label('meetings.field.decisions') }).count()).toBe(0);
        expect(partner.csp).toEqual([]);
        await partner.close();

        // 3. The case: initial assessment with the child's views, then a risk assessment.
        await cw.page.goto(signalUrl);
        await cw.page.getByRole('link', { name: t('cases.fromSignal'), exact: true }).click();
        await cw.page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
        const caseUrl = cw.page.url();
        await poll(() => cw.page.getByTestId('case-child').innerText()).toBe(CHILD);
        await poll(() => status(cw.page).innerText()).toBe(t('cases.status.open'));
        expect(await cw.page.locator('.case-summary [data-risk]').innerText()).toBe(t('taxonomy:riskLevel.high'));

        // The case's next step, offered first in its summary, opens the initial assessment's form.
        const nextStep = cw.page.getByTestId('case-next-step');
        expect(await nextStep.innerText()).toBe(t('casepage.nextStep.record_initial_assessment'));
        await nextStep.click();
        const initial = cw.page.getByTestId('assessment-form-initial');
        await initial.getByLabel(label('casework.assessment.summary')).fill('Seen at home with the mother; the neighbour still lives next door.');
        await initial.getByLabel(t('casework.childHeard.yes'), { exact: true }).check();
        await initial.getByLabel(label('casework.childHeard.views')).fill('Wants the neighbour to stay away; feels safe with his mother.');
        await button(initial, 'casework.assessment.save').click();
        await poll(() => status(cw.page).innerText()).toBe(t('cases.status.assessed'));
        const [donePrefix] = t('cases.doneOn', { at: '\u0000' }).split('\u0000');
        expect(await cw.page.locator('[data-field="initialAssessmentDueAt"] dd').innerText()).toMatch(new RegExp(`^${escape(donePrefix!)}`));

        await button(cw.page, 'casework.assessment.record.risk').click();
        const risk = cw.page.getByTestId('assessment-form-risk');
        const suggested = risk.getByTestId('suggested-level');
        for (const factor of ['perpetrator_has_access', 'child_afraid', 'previous_harm']) {
          await risk.getByLabel(t(`casework.riskFactor.${factor}`), { exact: true }).check();
        }
        await poll(() => suggested.innerText()).toBe(t('casework.assessment.suggested', { level: t('taxonomy:riskLevel.high') }));
        await risk.getByLabel(label('casework.assessment.riskLevel')).selectOption({ label: t('taxonomy:riskLevel.high') });
        await risk.getByLabel(t('casework.childHeard.yes'), { exact: true }).check();
        await risk.getByLabel(label('casework.childHeard.views')).fill('Is afraid of the neighbour.');
        await button(risk, 'casework.assessment.save').click();
        await poll(() => risk.count()).toBe(0);
        await poll(() => cw.page.getByTestId('assessments-section').innerText()).toContain(t('casework.assessment.kind.risk'));

        // 4. The protection plan: a goal and an action, saved, submitted.
        await button(cw.page, 'casework.plan.new').click();
        const editor = cw.page.getByTestId('plan-editor');
        await editor.getByLabel(label('casework.plan.domain')).selectOption({ label: t('casework.domain.safety') });
        await editor.getByLabel(label('casework.plan.goal')).fill('Noel is safe from the neighbour.');
        await button(editor, 'casework.plan.addAction').click();
        await editor.getByLabel(label('casework.plan.forGoal')).selectOption({ label: '1. Noel is safe from the neighbour.' });
        await editor.getByLabel(label('casework.plan.service')).selectOption({ label: t('casework.service.psychosocial_support') });
        await editor.getByLabel(label('casework.plan.actionDescription')).fill('Weekly sessions at the community centre.');
        await editor.getByLabel(label('casework.plan.responsibleOrg')).selectOption({ label: PROVIDER });
        const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
        await editor.getByLabel(label('casework.plan.dueDate')).fill(due);
        await editor.getByLabel(label('casework.plan.childViews')).fill('Agrees to go to the centre with his mother.');
        await button(editor, 'casework.plan.save').click();
        const prep = cw.page.getByTestId('plan-preparation');
        await poll(() => prep.innerText()).toContain(t('casework.planStatus.draft'));
        await button(prep, 'casework.plan.submit').click();
        await poll(() => prep.innerText()).toContain(t('casework.planStatus.submitted'));
        // The caseworker cannot approve their own plan.
        expect(await button(cw.page, 'casework.plan.approve').count()).toBe(0);

        // 5. The supervisor approves the plan from the task list.
        const sup = await signIn('supervisor');
        await nav(sup.page, 'tasks');
        // The demo data has another plan waiting (Jonida Bega's): the entry for this case is the one that links to it.
        await sup.page.getByRole('link', { name: t('tasks.kind.plan_approval'), exact: true }).and(sup.page.locator(`a[href="${new URL(caseUrl).pathname}"]`)).click();
        await sup.page.waitForURL(caseUrl);
        const supPrep = sup.page.getByTestId('plan-preparation');
        await button(supPrep, 'casework.plan.approve').click();
        await poll(() => status(sup.page).innerText()).toBe(t('cases.status.plan_in_force'));
        await poll(() => sup.page.getByTestId('plan-current').innerText()).toContain(t('casework.planStatus.approved'));

        // The provider does not reach the case before it is referred to them.
        const prov = await signIn('provider');
        await prov.page.goto(caseUrl);
        await poll(() => prov.page.getByRole('alert').innerText()).toBe(t('errors.notFound'));

        // 6. The caseworker refers the child to the demo provider, with consent.
        await cw.page.reload();
        await poll(() => status(cw.page).innerText()).toBe(t('cases.status.plan_in_force'));
        await button(cw.page, 'casework.referral.new').click();
        const referral = cw.page.getByTestId('referral-form');
        await referral.getByLabel(label('casework.referral.provider')).selectOption({ label: PROVIDER });
        await referral.getByLabel(label('casework.referral.service')).selectOption({ label: t('casework.service.psychosocial_support') });
        await referral.getByLabel(label('casework.referral.request')).fill('Weekly psychosocial sessions for the boy, with his mother.');
        for (const who of ['consentChild', 'consentCaregiver']) {
          await referral.getByRole('group', { name: label(`casework.referral.${who}`) }).getByLabel(t('casework.consent.given'), { exact: true }).check();
        }
        await button(referral, 'casework.referral.send').click();
        const referrals = cw.page.getByTestId('referrals-section');
        await poll(() => referrals.innerText()).toContain(t('casework.referralStatus.pending'));
        const referralPath = await referrals.getByRole('link').first().getAttribute('href');

        // The supervisor follows the referral, but answering it is the provider's.
        await sup.page.goto(`${base}${referralPath}`);
        await poll(() => sup.page.getByTestId('referral-status').innerText()).toBe(t('casework.referralStatus.pending'));
        expect(await button(sup.page, 'casework.referral.accept').count()).toBe(0);

        // Referred but not yet accepted: the provider reads the referral only; the case is still not found.
        await prov.page.goto(caseUrl);
        await poll(() => prov.page.getByRole('alert').innerText()).toBe(t('errors.notFound'));

        // 7. The provider has the referral to answer on its task list (besides the demo's two); it accepts it from Referrals and records a service.
        await nav(prov.page, 'tasks');
        await poll(() => prov.page.getByRole('link', { name: t('tasks.kind.referral_to_answer'), exact: true }).count()).toBe(DEMO_REFERRALS_TO_ANSWER + 1);
        await nav(prov.page, 'referrals');
        const incoming = prov.page.getByRole('row').filter({ hasText: CHILD });
        await poll(() => incoming.innerText()).toContain(t('casework.referralStatus.pending'));
        await incoming.getByRole('link', { name: CHILD }).click();
        const steps = prov.page.getByTestId('referral-steps');
        await button(steps, 'casework.referral.accept').click();
        await poll(() => prov.page.getByTestId('referral-status').innerText()).toBe(t('casework.referralStatus.accepted'));
        await button(steps, 'casework.referral.recordService').click();
        await prov.page.getByLabel(label('casework.referral.sessions')).fill('1');
        await prov.page.getByLabel(label('casework.referral.serviceDescription')).fill('First session with Noel and his mother.');
        await button(steps, 'casework.referral.confirm').click();
        await poll(() => prov.page.getByTestId('referral-page').innerText()).toContain('First session with Noel and his mother.');
        await nav(prov.page, 'referrals');
        await poll(() => prov.page.getByRole('row').filter({ hasText: CHILD }).innerText()).toContain(t('casework.referralStatus.accepted'));
        // Accepted, the provider now reaches the case, in part, and can do nothing on it.
        await prov.page.goto(caseUrl);
        await poll(() => prov.page.getByTestId('case-child').innerText()).toBe(CHILD);
        expect(await prov.page.getByText(t('cases.partialAccess'), { exact: true }).count()).toBe(1);
        // No action on the case (the "More actions" disclosure holds only the print of what it may see).
        expect(await prov.page.getByTestId('case-actions').locator('button[data-action]').count()).toBe(0);

        // 8. Two contacts; the case shows when the child was last seen. Then the closure request.
        await cw.page.reload();
        await poll(() => referrals.innerText()).toContain(t('casework.referralStatus.accepted'));
        const contacts = cw.page.getByTestId('contacts-section');
        const localTime = (hoursAgo: number) => cw.page.evaluate((h) => {
          const d = new Date(Date.now() - h * 3_600_000);
          const p = (n: number) => String(n).padStart(2, '0');
          return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
        }, hoursAgo);
        expect(await cw.page.locator('[data-field="childLastSeenAt"] dd').innerText()).toBe(t('cases.neverSeen'));

        await button(contacts, 'casework.contact.new').click();
        let form = cw.page.getByTestId('contact-form');
        await form.getByLabel(label('casework.contact.kind')).selectOption({ label: t('casework.contactKind.home_visit') });
        await form.getByLabel(label('casework.contact.occurredAt')).fill(await localTime(3));
        await form.getByLabel(label('casework.contact.present')).fill('Noel, his mother');
        await form.getByLabel(t('casework.contact.childSeen'), { exact: true }).check();
        await form.getByLabel(t('casework.contact.childHeardAlone'), { exact: true }).check();
        await form.getByLabel(label('casework.contact.notes')).fill('Noel showed his room and talked alone with the worker.');
        await button(form, 'casework.contact.save').click();
        await poll(() => contacts.getByRole('listitem').count()).toBe(1);

        await button(contacts, 'casework.contact.new').click();
        form = cw.page.getByTestId('contact-form');
        await form.getByLabel(label('casework.contact.kind')).selectOption({ label: t('casework.contactKind.school_visit') });
        await form.getByLabel(label('casework.contact.occurredAt')).fill(await localTime(1));
        await form.getByLabel(label('casework.contact.present')).fill('Class teacher, school psychologist');
        await form.getByLabel(label('casework.contact.notHeardReason')).fill('Noel was in class; the visit was with his teachers.');
        await button(form, 'casework.contact.save').click();
        await poll(() => contacts.getByRole('listitem').count()).toBe(2);
        const homeVisit = contacts.getByRole('listitem').filter({ hasText: t('casework.contactKind.home_visit') });
        expect(await homeVisit.innerText()).toContain(t('casework.contact.seen'));
        expect(await homeVisit.innerText()).toContain(t('casework.contact.heardAlone'));
        // Last seen: the home visit, not the later school visit where the child was not seen.
        const homeVisitAt = (await homeVisit.locator('p').first().innerText()).split(' · ')[1]!;
        await poll(() => cw.page.locator('[data-field="childLastSeenAt"] dd').innerText()).toBe(homeVisitAt);

        // Requesting closure is weighty and rare: behind "More actions".
        await button(cw.page.getByTestId('case-actions'), 'casepage.moreActions').click();
        await button(cw.page.getByTestId('case-actions'), 'cases.action.request_closure').click();
        const closure = cw.page.getByTestId('closure-form');
        await closure.getByLabel(label('cases.form.closureReason')).selectOption({ label: t('cases.closureReason.goals_met') });
        await button(closure, 'cases.action.request_closure').click();
        await poll(() => status(cw.page).innerText()).toBe(t('cases.status.closure_pending'));
        // The caseworker cannot approve the closure: the bar offers nothing now.
        expect(await cw.page.getByTestId('case-actions').locator('button[data-action]').count()).toBe(0);

        // 9. The supervisor approves the closure from the task list.
        // Task titles name no child (lists are read over a shoulder) and the demo data has another
        // closure waiting: the entry for this case is the one that links to it.
        await nav(sup.page, 'tasks');
        const closureTasks = sup.page.getByRole('link', { name: t('tasks.kind.case_closure_approval'), exact: true });
        await poll(() => closureTasks.count()).toBe(2);
        await closureTasks.and(sup.page.locator(`a[href="${new URL(caseUrl).pathname}"]`)).click();
        await sup.page.waitForURL(caseUrl);
        await button(sup.page.getByTestId('case-actions'), 'cases.action.approve_closure').click();
        await poll(() => status(sup.page).innerText()).toBe(t('cases.status.closed'));
        await poll(() => sup.page.getByTestId('case-closure').innerText()).toContain(t('cases.closureReason.goals_met'));

        // The timeline shows each step.
        const timeline = sup.page.getByTestId('case-timeline');
        const timelineKinds = async () => timeline.locator('li[data-kind]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
        await poll(timelineKinds).toContain('closure_approved');
        const kinds = await timelineKinds();
        for (const [kind, times] of Object.entries({
          opened: 1, meeting_held: 1, assessment_recorded: 2, plan_saved: 1, plan_submitted: 1, plan_approved: 1, referral_made: 1,
          referral_accepted: 1, referral_service: 1, contact_recorded: 2, closure_requested: 1, closure_approved: 1,
        })) {
          expect(kinds.filter((k) => k === kind), kind).toHaveLength(times);
          expect(await timeline.locator(`li[data-kind="${kind}"] .case-event-kind`).first().innerText()).toBe(t(`cases.event.${kind}`));
        }
        expect(await timeline.locator('li[data-kind="meeting_held"]').innerText()).toContain(t('taxonomy:meetingType.crisis_intervention'));

        for (const s of [cw, sup, prov]) expect(s.csp).toEqual([]);
        await cw.close();
        await sup.close();
        await prov.close();
        console.log(`walk-through in ${language}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } catch (error) {
        // What each signed-in person saw when the step failed.
        for (const context of browser.contexts()) {
          for (const page of context.pages()) {
            console.error(`${page.url()}\n${await page.locator('main').innerText().catch(() => '(no page)')}`);
          }
        }
        throw error;
      } finally {
        for (const context of browser.contexts()) await context.close();
        await app.close();
      }
    }, 240_000);
  }
});
