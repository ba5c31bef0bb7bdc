// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ContactsSection } from './ContactsSection.tsx';
import type { ContactView } from './types.ts';
import { CASE_ID, CASE_URL, caseView, emptySections, fakeApi, json, me, renderSection } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';

/** The child's views in casework (issue 14 §2): recorded with each contact, shown over time on the case page. */
usePageTestLifecycle();

const contact = (over: Partial<ContactView>): ContactView => ({
  id: 'c', caseId: CASE_ID, kind: 'home_visit', occurredAt: '2026-01-06T09:00:00Z', present: [], childSeen: true, childHeardAlone: true,
  notHeardReason: null, notes: null, childSaid: null, preferredPlace: null, authorName: null, createdAt: '2026-01-06T10:00:00Z', ...over,
});

describe("the child's views", () => {
  it('lists the contacts that recorded them, newest first, with the day, the kind, the words and the meeting place', async () => {
    fakeApi(me(['caseworker']), (call) => call.url === `${CASE_URL}/contacts` ? json({ items: [
      contact({ id: 'c3', kind: 'school_visit', occurredAt: '2026-03-02T09:00:00Z', childSaid: 'Better now.', preferredPlace: 'school' }),
      contact({ id: 'c2', occurredAt: '2026-02-02T09:00:00Z' }),
      contact({ id: 'c1', occurredAt: '2026-01-06T09:00:00Z', childSaid: 'I wish we could meet somewhere else.', preferredPlace: 'elsewhere' }),
    ] }) : emptySections(call));
    renderSection(<ContactsSection caseView={caseView()} />);
    const panel = await screen.findByTestId('child-views');
    expect(within(panel).getByRole('heading', { name: "The child's views" })).toBeTruthy();
    const items = within(panel).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-testid'))).toEqual(['child-view-c3', 'child-view-c1']);
    expect(items[0]!.textContent).toContain('2 Mar 2026');
    expect(items[0]!.textContent).toContain('School visit');
    expect(items[0]!.textContent).toContain('Better now.');
    expect(items[0]!.textContent).toContain('Would prefer to meet: At school');
    expect(items[1]!.textContent).toContain('Somewhere else');
  });

  it('says so when no contact recorded them', async () => {
    fakeApi(me(['caseworker']), (call) => call.url === `${CASE_URL}/contacts` ? json({ items: [contact({ id: 'c1' })] }) : emptySections(call));
    renderSection(<ContactsSection caseView={caseView()} />);
    expect(within(await screen.findByTestId('child-views')).getByText('No contact has recorded the child\'s views yet.')).toBeTruthy();
  });

  it('the contact form sends what the child said and where the child would meet', async () => {
    const calls = fakeApi(me(['caseworker']), (call) => {
      if (call.method === 'POST') return json(contact({ id: 'new', childSaid: 'Hello', preferredPlace: 'unit_office' }), 201);
      return emptySections(call);
    });
    renderSection(<ContactsSection caseView={caseView({ allowed: ['record_contact'] })} />);
    fireEvent.click(await screen.findByTestId('new-contact'));
    const form = await screen.findByTestId('contact-form');
    fireEvent.change(within(form).getByLabelText(/Kind/), { target: { value: 'office_meeting' } });
    fireEvent.change(within(form).getByLabelText(/When/), { target: { value: '2026-01-06T09:30' } });
    fireEvent.click(within(form).getByLabelText('The child was heard alone'));
    fireEvent.change(within(form).getByLabelText('What the child said'), { target: { value: '  Hello ' } });
    fireEvent.change(within(form).getByLabelText('Where the child would prefer to meet'), { target: { value: 'unit_office' } });
    fireEvent.click(within(form).getByRole('button', { name: /Save/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const body = calls.find((c) => c.method === 'POST')!.body as Record<string, unknown>;
    expect(body).toMatchObject({ kind: 'office_meeting', childSaid: 'Hello', preferredPlace: 'unit_office' });
  });
});
