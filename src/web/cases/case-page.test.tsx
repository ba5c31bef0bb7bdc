// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../cases/case-schema.ts';
import { type CaseStatus, allowedCaseActions } from '../../cases/case-workflow.ts';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';
import { CASE_ID, CASE_URL, caseView, emptySections, fakeApi, json, me, plan, renderAt } from './test-harness.tsx';

/**
 * The case page (issue 12, item 3): the summary that stays, the one next step the server names,
 * the weighty actions behind "More actions", and nothing offered that is already done.
 */
usePageTestLifecycle();

const WORKER = { unit: true, supervisor: false, receivingSupervisor: false };
const SUPERVISOR = { unit: true, supervisor: true, receivingSupervisor: false };

function serve(view: CaseView, plans: unknown[] = []) {
  return fakeApi(me(['caseworker']), (call) => {
    if (call.url === CASE_URL) return json(view);
    if (call.url === `${CASE_URL}/plans`) return json({ items: plans });
    if (call.url === `${CASE_URL}/contacts`) return json({ items: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }].map((c) => ({ ...c, kind: 'home_visit', occurredAt: '2026-01-06T09:00:00Z', childSeen: true, childHeardAlone: true, present: [], notHeardReason: null, notes: null, authorName: null })) });
    if (call.url === `${CASE_URL}/timeline`) return json({ items: [] });
    if (call.url === `${CASE_URL}/cross-border`) return json({ items: [] });
    return emptySections(call);
  });
}

const at = (status: CaseStatus, relation = WORKER, over: Partial<CaseView> = {}) =>
  caseView({ status, allowed: allowedCaseActions(status, relation), ...over });

describe('the case summary', () => {
  it('names the child with age, risk, status, owner, the next deadline (overdue first, marked) and last seen; links each section with counts', async () => {
    const year = new Date().getFullYear();
    serve(at('open', WORKER, {
      child: { id: 'ch', givenName: 'Arta', familyName: 'Hoxha', sex: 'female', birthDate: `${year - 10}-01-01` },
      riskLevel: 'high', ownerName: 'Ana Worker', initialAssessmentAt: null, initialAssessmentDueAt: '2026-01-09T22:59:59Z',
      planDueAt: '2026-02-01T22:59:59Z', overdue: ['initial_assessment'], childLastSeenAt: '2026-01-06T09:00:00Z', nextStep: 'record_initial_assessment',
    }));
    renderAt(`/cases/${CASE_ID}`);
    const summary = await screen.findByTestId('case-summary');
    expect(within(summary).getByTestId('case-child').textContent).toBe('Arta Hoxha');
    expect(within(summary).getByTestId('case-age').textContent).toBe('10 years');
    expect(within(summary).getByText('High')).toBeTruthy();
    expect(within(summary).getByText('Open')).toBeTruthy();
    expect(within(summary).getByTestId('case-owner').textContent).toBe('Ana Worker');
    const deadline = within(summary).getByTestId('case-next-deadline');
    expect(deadline.getAttribute('data-kind')).toBe('initial_assessment');
    expect(deadline.textContent).toBe('initial assessment: 9 Jan 2026 Overdue');
    expect(within(summary).getByTestId('case-last-seen').textContent).toBe('6 Jan 2026');
    // The long details list is below, in its own section.
    expect(within(summary).queryByTestId('case-header')).toBeNull();
    expect(screen.getByTestId('case-header').closest('#case-details')).not.toBeNull();
    const nav = screen.getByRole('navigation', { name: 'Sections of the case' });
    await waitFor(() => expect(within(nav).getByRole('link', { name: 'Contacts (3)' }).getAttribute('href')).toBe('#case-contacts'));
    for (const [name, href] of [['Plan', '#case-plan'], ['Details', '#case-details'], ['Timeline', '#case-timeline'], ['Cross-border', '#case-cross-border']]) {
      expect(within(nav).getByRole('link', { name }).getAttribute('href')).toBe(href);
      expect(document.querySelector(href!)).not.toBeNull();
    }
  });
});

describe('the next step', () => {
  it('an open case: "Record the initial assessment" opens its form', async () => {
    serve(at('open', WORKER, { initialAssessmentAt: null, nextStep: 'record_initial_assessment' }));
    renderAt(`/cases/${CASE_ID}`);
    const next = await screen.findByTestId('case-next-step');
    expect(next.textContent).toBe('Record the initial assessment');
    fireEvent.click(next);
    expect(await screen.findByTestId('assessment-form-initial')).toBeTruthy();
  });

  it('assessed, no plan: "Prepare the protection plan" opens the plan editor', async () => {
    serve(at('assessed', WORKER, { nextStep: 'edit_plan' }));
    renderAt(`/cases/${CASE_ID}`);
    await screen.findByTestId('plan-new');
    fireEvent.click(screen.getByTestId('case-next-step'));
    expect(await screen.findByTestId('plan-editor')).toBeTruthy();
  });

  it('a plan in force: "Record a contact" opens the contact form', async () => {
    serve(at('plan_in_force', WORKER, { nextStep: 'record_contact' }));
    renderAt(`/cases/${CASE_ID}`);
    const next = await screen.findByTestId('case-next-step');
    expect(next.textContent).toBe('Record a contact');
    fireEvent.click(next);
    expect(await screen.findByTestId('contact-form')).toBeTruthy();
  });

  it('a closure requested: the supervisor is taken to the approve button; the worker has no next step', async () => {
    serve(at('closure_pending', SUPERVISOR, { nextStep: 'approve_closure' }));
    renderAt(`/cases/${CASE_ID}`);
    fireEvent.click(await screen.findByTestId('case-next-step'));
    expect(document.activeElement?.getAttribute('data-action')).toBe('approve_closure');
    expect(screen.getByTestId('case-next-step').textContent).toBe('Decide on the closure');
  });

  it('no next step, no primary button', async () => {
    serve(at('closure_pending', WORKER, { nextStep: null }));
    renderAt(`/cases/${CASE_ID}`);
    await screen.findByTestId('case-summary');
    expect(screen.queryByTestId('case-next-step')).toBeNull();
  });
});

describe('weighty actions and printing', () => {
  it('closure, transfer and cross-border wait behind "More actions", with the print link', async () => {
    serve(at('assessed', SUPERVISOR, { nextStep: 'edit_plan' }));
    renderAt(`/cases/${CASE_ID}`);
    const toggle = await screen.findByRole('button', { name: 'More actions' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.className).toContain('button-secondary');
    expect(screen.queryByRole('button', { name: 'Request closure' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Print case file' })).toBeNull();
    // The everyday ones stay in the sections.
    expect(await screen.findByTestId('new-contact')).toBeTruthy();
    expect(screen.getByTestId('new-referral')).toBeTruthy();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const more = screen.getByTestId('case-more-actions');
    for (const name of ['Request closure', 'Request a transfer', 'Send a cross-border referral']) {
      expect(within(more).getByRole('button', { name }).className).toContain('button-secondary');
    }
    const print = within(more).getByRole('link', { name: 'Print case file' });
    expect(print.getAttribute('href')).toBe(`/api/v1/cases/${CASE_ID}/print.pdf?lang=en`);
    expect(print.hasAttribute('download')).toBe(true);
  });
});

describe('nothing offered that is already done', () => {
  it('an assessed case offers no initial assessment, anywhere', async () => {
    serve(at('plan_in_force', SUPERVISOR, { nextStep: 'record_contact' }));
    renderAt(`/cases/${CASE_ID}`);
    await screen.findByTestId('new-assessment-risk');
    expect(screen.queryByTestId('new-assessment-initial')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Record the initial assessment' })).toBeNull();
  });

  it('a draft awaiting approval: no second plan offered; the supervisor is asked to decide on it', async () => {
    serve(at('assessed', SUPERVISOR, { nextStep: 'approve_plan' }), [plan({ status: 'submitted', allowed: ['approve_plan', 'return_plan'] })]);
    renderAt(`/cases/${CASE_ID}`);
    await screen.findByTestId('plan-preparation');
    expect(screen.queryByTestId('plan-new')).toBeNull();
    expect(screen.getByTestId('case-next-step').textContent).toBe('Decide on the submitted plan');
  });
});
