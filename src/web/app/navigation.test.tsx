// @vitest-environment jsdom
import { QueryClient } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '../../domain/roles.ts';
import type { Me } from '../auth/types.ts';
import { App } from './App.tsx';
import { LANGUAGE_STORAGE_KEY, i18n } from './i18n.ts';
import { createQueryClient } from './query-client.ts';
import { routes } from './routes.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';

/**
 * The layout as each role sees it. The HTTP boundary (fetch) is replaced by a small fake of
 * the /auth endpoints; everything inside the app is real.
 */
function user(roles: Role[]): Me {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    username: 'tester',
    displayName: 'Test Person',
    roles,
    language: 'sq',
    organisation: {
      id: '00000000-0000-4000-8000-000000000002',
      name: 'NjMF Tiranë',
      sector: 'social_services',
      jurisdictionCode: 'AL-11-TIR',
      country: 'AL',
      isProtectionUnit: true,
      timeZone: 'Europe/Tirane',
    },
  };
}

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function fakeServer(initial: Me | null): Call[] {
  let me = initial;
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
      calls.push({ url: input, method, headers: (init.headers ?? {}) as Record<string, string>, body });
      if (input === '/api/v1/auth/me' && method === 'GET') {
        return me ? json({ user: me, csrfToken: 'csrf-1' }) : json({ message: 'not signed in' }, 401);
      }
      if (input === '/api/v1/auth/me' && method === 'PATCH' && me) {
        me = { ...me, language: body.language };
        return json({ user: me, csrfToken: 'csrf-2' });
      }
      return json({ message: 'not found' }, 404);
    }),
  );
  return calls;
}

function renderApp(path = '/'): QueryClient {
  const queryClient = createQueryClient();
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<App router={router} queryClient={queryClient} />);
  return queryClient;
}

async function navIds(): Promise<string[]> {
  const nav = await screen.findByRole('navigation');
  expect(nav.getAttribute('aria-label')).toBeTruthy();
  return [...nav.querySelectorAll('[data-nav]')].map((a) => a.getAttribute('data-nav') ?? '');
}

usePageTestLifecycle();

describe('layout and navigation', () => {
  it('shows a supervisor their sections, in their saved language', async () => {
    fakeServer(user(['supervisor']));
    renderApp();
    expect(await navIds()).toEqual(['home', 'tasks', 'cases', 'referrals', 'signals', 'meetings', 'children', 'institutions', 'shelters', 'prevention', 'boards', 'feedback', 'reports', 'imports', 'roleGrants', 'breakGlass', 'breakGlassReviews', 'jurisdictions', 'account']);
    await waitFor(() => expect(document.documentElement.lang).toBe('sq'));
    await waitFor(() => expect(document.querySelector('[data-nav="children"]')?.textContent).toBe('Fëmijët'));
    expect(document.querySelector('[data-nav="children"]')?.getAttribute('href')).toBe('/children');
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByText('NjMF Tiranë', { selector: '[data-testid="user-organisation"]' })).toBeTruthy();
  });

  it('shows an admin the administration sections and no child records', async () => {
    fakeServer(user(['admin']));
    renderApp();
    expect(await navIds()).toEqual(['home', 'users', 'organisations', 'retention', 'breakGlassUsers', 'jurisdictions', 'account']);
  });

  it("shows a provider's staff (an NGO centre) their sections, the children's feedback among them", async () => {
    const provider = user(['provider']);
    fakeServer({ ...provider, organisation: { ...provider.organisation, name: 'Qendra Komunitare Korçë', sector: 'ngo', isProtectionUnit: false } });
    renderApp();
    expect(await navIds()).toEqual(['home', 'tasks', 'cases', 'referrals', 'meetings', 'children', 'prevention', 'boards', 'feedback', 'breakGlass', 'account']);
    expect(document.querySelector('[data-nav="feedback"]')?.getAttribute('href')).toBe('/feedback');
  });

  it('shows a trainer the trainings register', async () => {
    fakeServer(user(['trainer']));
    renderApp();
    expect(await navIds()).toEqual(['home', 'trainings', 'account']);
    expect(document.querySelector('[data-nav="trainings"]')?.getAttribute('href')).toBe('/trainings');
  });

  it('switches the language, sets <html lang> and saves it on the account', async () => {
    const calls = fakeServer(user(['supervisor', 'caseworker']));
    renderApp();
    await navIds();
    const select = screen.getByTestId('language') as HTMLSelectElement;
    expect(select.labels?.[0]?.textContent).toBeTruthy();

    fireEvent.change(select, { target: { value: 'bg' } });
    await waitFor(() => expect(document.documentElement.lang).toBe('bg'));
    await waitFor(() => expect(document.querySelector('[data-nav="home"]')?.textContent).toBe('Начало'));
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('bg');
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.body).toEqual({ language: 'bg' });
    expect(patch?.headers['x-csrf-token']).toBe('csrf-1');

    fireEvent.change(select, { target: { value: 'en' } });
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    await waitFor(() => expect(document.querySelector('[data-nav="home"]')?.textContent).toBe('Home'));
  });

  it('shows the login page when nobody is signed in, with a language switcher', async () => {
    fakeServer(null);
    renderApp('/children');
    expect(await screen.findByLabelText(i18n.t('login.username'), { exact: false })).toBe(document.getElementById('username'));
    expect(screen.getByLabelText(i18n.t('login.password'), { exact: false })).toBe(document.getElementById('password'));
    expect(screen.getByRole('button', { name: i18n.t('login.submit') }).getAttribute('type')).toBe('submit');

    fireEvent.change(screen.getByTestId('language'), { target: { value: 'sq' } });
    await waitFor(() => expect(document.documentElement.lang).toBe('sq'));
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('sq');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Hyrje');
  });
});
