// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '../../domain/roles.ts';
import { App } from '../app/App.tsx';
import { i18n } from '../app/i18n.ts';
import { createQueryClient } from '../app/query-client.ts';
import { routes } from '../app/routes.tsx';
import type { Me } from '../auth/types.ts';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';

/**
 * The accounts' pages against a fake of the HTTP API: the supervisor's list of access granted,
 * the password rules said in the reader's language, and an admin's own user page.
 */
const UNIT = '00000000-0000-4000-8000-0000000000aa';
const ME_ID = '00000000-0000-4000-8000-000000000001';

function me(roles: Role[], language: Me['language'] = 'en'): Me {
  return {
    id: ME_ID, username: 'head', displayName: 'Head of Unit', roles, language,
    organisation: { id: UNIT, name: 'CPU Tirana', sector: 'social_services', jurisdictionCode: 'AL-11-01', country: 'AL', isProtectionUnit: true, timeZone: 'Europe/Tirane' },
  };
}

interface Call { url: string; method: string; body: any }

type Answer = { body: unknown; status?: number };
const answer = (body: unknown, status = 200): Answer => ({ body, status });

function fakeApi(user: Me, handler: (call: Call) => Answer | undefined): Call[] {
  const calls: Call[] = [];
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal('fetch', vi.fn(async (input: string, init: RequestInit = {}) => {
    const call = { url: input, method: init.method ?? 'GET', body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined };
    calls.push(call);
    if (input === '/api/v1/auth/me' && call.method === 'GET') return json({ user, csrfToken: 't' });
    const found = handler(call);
    return found ? json(found.body, found.status) : json({ message: 'not found' }, 404);
  }));
  return calls;
}

const renderAt = (path: string) => render(<App router={createMemoryRouter(routes, { initialEntries: [path] })} queryClient={createQueryClient()} />);

usePageTestLifecycle();

describe('access granted, for the supervisor', () => {
  it('lists who was given which role, by whom and when', async () => {
    fakeApi(me(['supervisor']), ({ url }) => url.startsWith('/api/v1/users/role-grants?') ? answer({
      total: 2,
      items: [
        { id: 'g1', change: 'roles', roles: ['caseworker', 'supervisor'], added: ['supervisor'], grantedAt: '2024-05-01T09:30:00Z',
          grantedBy: { id: 'a1', name: 'admin' }, user: { id: 'u1', username: 'arta', displayName: 'Arta Worker', roles: ['caseworker', 'supervisor'], disabled: false },
          organisation: { id: UNIT, name: 'CPU Tirana' } },
        { id: 'g2', change: 'created', roles: ['partner'], added: ['partner'], grantedAt: '2024-05-02T09:30:00Z',
          grantedBy: { id: null, name: 'system:cli' }, user: { id: 'u2', username: 'teacher', displayName: 'School Teacher', roles: ['partner'], disabled: false },
          organisation: { id: 'o2', name: 'School 1' } },
      ],
    }) : undefined);
    renderAt('/role-grants');
    const first = (await screen.findByText('Arta Worker (arta)')).closest('tr') as HTMLElement;
    expect(document.querySelector('[data-nav="roleGrants"]')?.getAttribute('href')).toBe('/role-grants');
    expect(within(first).getByText('Roles added: Head of the child protection unit')).toBeTruthy();
    expect(within(first).getByText('admin')).toBeTruthy();
    const second = screen.getByText('School Teacher (teacher)').closest('tr') as HTMLElement;
    expect(within(second).getByText('New account')).toBeTruthy();
    expect(within(second).getByText('system:cli (command line)')).toBeTruthy();
  });
});

describe('password rules', () => {
  it('the account page says the server\'s refusal in the reader\'s language', async () => {
    fakeApi(me(['caseworker'], 'sq'), ({ url }) => url === '/api/v1/auth/password' ? answer({
      message: 'The new password is a common password, or a common word with digits or symbols added',
      issues: [{ path: 'newPassword', message: 'is a common password, or a common word with digits or symbols added', code: 'password.common' }],
    }, 400) : undefined);
    renderAt('/account');
    await waitFor(() => expect(i18n.language).toBe('sq'));
    await screen.findByTestId('account-language');
    const current = document.getElementById('current-password') as HTMLInputElement;
    fireEvent.change(current, { target: { value: 'the-current-one' } });
    fireEvent.change(document.getElementById('new-password') as HTMLInputElement, { target: { value: 'Password1234!' } });
    fireEvent.change(document.getElementById('confirm-password') as HTMLInputElement, { target: { value: 'Password1234!' } });
    fireEvent.submit(current.closest('form') as HTMLFormElement);
    expect(await screen.findByText(i18n.getFixedT('sq')('passwordRules.common'))).toBeTruthy();
    expect(i18n.getFixedT('sq')('passwordRules.common')).not.toBe(i18n.getFixedT('en')('passwordRules.common'));
  });
});

describe('an admin\'s own user page', () => {
  it('offers no roles, organisation or password to change, and sends none', async () => {
    const self = { id: ME_ID, username: 'head', displayName: 'Head of Unit', roles: ['admin'], language: 'en', organisationId: UNIT, organisationName: 'CPU Tirana', disabled: false, lockedUntil: null, createdAt: '2024-01-01T00:00:00Z' };
    const calls = fakeApi(me(['admin']), ({ url, method }) => {
      if (url === `/api/v1/users/${ME_ID}` && (method === 'GET' || method === 'PATCH')) return answer(self);
      if (url === '/api/v1/organisations') return answer({ items: [] });
      return undefined;
    });
    renderAt(`/admin/users/${ME_ID}`);
    expect(await screen.findByTestId('own-access')).toBeTruthy();
    expect(document.getElementById('user-roles')).toBeNull();
    expect(document.getElementById('user-organisation')).toBeNull();
    expect(document.getElementById('reset-password')).toBeNull();
    fireEvent.submit((document.getElementById('user-display-name') as HTMLInputElement).closest('form') as HTMLFormElement);
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(Object.keys(calls.find((c) => c.method === 'PATCH')!.body).sort()).toEqual(['displayName', 'language']);
  });
});
