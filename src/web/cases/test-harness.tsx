// Test-only helpers for the case page's and its sections' jsdom tests (imported by *.test.tsx only).
import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { vi } from 'vitest';
import type { CaseView } from '../../cases/case-schema.ts';
import type { PlanView } from '../../plans/plan-schema.ts';
import type { ReferralView } from '../../referrals/referral-schema.ts';
import { App } from '../app/App.tsx';
import { createQueryClient } from '../app/query-client.ts';
import { routes } from '../app/routes.tsx';
import type { Me } from '../auth/types.ts';

export const UNIT = '00000000-0000-4000-8000-0000000000aa';
export const NGO = '00000000-0000-4000-8000-0000000000ab';
export const CASE_ID = '00000000-0000-4000-8000-0000000000c5';
export const CHILD_ID = '00000000-0000-4000-8000-0000000000c1';
export const PLAN_ID = '00000000-0000-4000-8000-0000000000d1';
export const GOAL_ID = '00000000-0000-4000-8000-0000000000d2';
export const REFERRAL_ID = '00000000-0000-4000-8000-0000000000e1';

export interface Call { url: string; method: string; body: any }
export type Handler = (call: Call) => Response | undefined;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export const ORGANISATIONS = [
  { id: UNIT, name: 'CPU Korçë', sector: 'social_services', isProtectionUnit: true, jurisdictionCode: 'AL-06-03', country: 'AL' },
  { id: NGO, name: 'Qendra Jeta', sector: 'ngo', isProtectionUnit: false, jurisdictionCode: 'AL-06-03', country: 'AL' },
];

/** The case's own API path, under which its sections' lists are read. */
export const CASE_URL = `/api/v1/cases/${CASE_ID}`;

/** The case's sections, each with nothing recorded yet. */
export function emptySections({ url }: { url: string }): Response | undefined {
  if (url === `${CASE_URL}/assessments`) return json({ items: [], riskHistory: [] });
  return ['plans', 'contacts', 'placements', 'referrals'].some((s) => url === `${CASE_URL}/${s}`) ? json({ items: [] }) : undefined;
}

/** A fake of the HTTP API (the boundary of the web app), recording every call. */
export function fakeApi(user: Me | null, handler: Handler = () => undefined): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', vi.fn(async (input: string, init: RequestInit = {}) => {
    const call = { url: input, method: init.method ?? 'GET', body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined };
    calls.push(call);
    const u = new URL(input, 'http://app');
    if (u.pathname === '/api/v1/auth/me') return user ? json({ user, csrfToken: 't' }) : json({ message: 'no' }, 401);
    if (u.pathname === '/api/v1/organisations') return json({ items: ORGANISATIONS });
    return handler(call) ?? json({ message: 'not found' }, 404);
  }));
  return calls;
}

export function me(roles: Me['roles'], provider = false): Me {
  return {
    id: '00000000-0000-4000-8000-000000000001', username: 'worker', displayName: 'Worker One', roles, language: 'en',
    organisation: provider
      ? { id: NGO, name: 'Qendra Jeta', sector: 'ngo', jurisdictionCode: 'AL-06-03', country: 'AL', isProtectionUnit: false, timeZone: 'Europe/Tirane' }
      : { id: UNIT, name: 'CPU Korçë', sector: 'social_services', jurisdictionCode: 'AL-06-03', country: 'AL', isProtectionUnit: true, timeZone: 'Europe/Tirane' },
  };
}

export function caseView(over: Partial<CaseView> = {}): CaseView {
  return {
    id: CASE_ID, country: 'AL', ref: null, child: { id: CHILD_ID, givenName: 'Arta', familyName: 'Hoxha', sex: 'female', birthDate: '2015-03-09' },
    unitId: UNIT, unitName: 'CPU Korçë', ownerId: null, ownerName: null, status: 'assessed', riskLevel: 'medium',
    openedAt: '2026-01-02T08:00:00Z', openedByName: 'Worker One', signalIds: [], initialAssessmentDueAt: '2026-01-16T22:59:59Z',
    initialAssessmentAt: '2026-01-05T10:00:00Z', planDueAt: '2026-02-01T22:59:59Z', reviewDueAt: null, lastContactAt: null,
    childLastSeenAt: null, planInForce: null, currentPlacement: null, pendingTransfer: null, closure: null, decisions: [], overdue: [],
    accessReason: 'unit_caseworker', allowed: [], nextStep: null, fullAccess: true, version: 3, updatedAt: '2026-01-05T10:00:00Z', ...over,
  };
}

export function plan(over: Partial<PlanView> = {}): PlanView {
  return {
    id: PLAN_ID, caseId: CASE_ID, number: 1, status: 'draft',
    goals: [{ id: GOAL_ID, position: 0, domain: 'safety', description: 'Arta is safe at home' }],
    actions: [], reviews: [], childParticipation: null, childViews: null, caregiverParticipation: null, caregiverViews: null,
    submittedAt: null, submittedByName: null, decidedAt: null, decidedByName: null, decisionComment: null, approvedAt: null,
    reviewDueAt: null, authorName: 'Worker One', updatedAt: '2026-01-06T10:00:00Z', updatedByName: 'Worker One', version: 3,
    allowed: ['edit_plan', 'submit_plan'], fullAccess: true, ...over,
  };
}

export function referral(over: Partial<ReferralView> = {}): ReferralView {
  return {
    id: REFERRAL_ID, caseId: CASE_ID, child: { id: CHILD_ID, givenName: 'Arta', familyName: 'Hoxha', sex: 'female', birthDate: '2015-03-09' },
    unitId: UNIT, unitName: 'CPU Korçë', providerOrgId: NGO, providerName: 'Qendra Jeta', service: 'psychological_counselling',
    request: 'Weekly sessions', consentChild: 'given', consentCaregiver: 'given', bestInterestsReason: null, status: 'pending',
    referredAt: '2026-01-07T09:00:00Z', referredByName: 'Worker One', respondBy: '2026-01-14T22:59:59Z', completeBy: null,
    respondedAt: null, declineReason: null, completedAt: null, outcome: null, withdrawnReason: null, withdrawnCode: null, services: [], overdue: false,
    allowed: [], version: 1, ...over,
  };
}

/** One section alone, with the app's providers (no layout: the section does not need the session). */
export function renderSection(element: ReactNode) {
  render(<App router={createMemoryRouter([{ path: '*', element }], { initialEntries: ['/'] })} queryClient={createQueryClient()} />);
}

export function renderAt(path: string) {
  render(<App router={createMemoryRouter(routes, { initialEntries: [path] })} queryClient={createQueryClient()} />);
}
