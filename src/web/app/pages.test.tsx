// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '../../domain/roles.ts';
import type { ChildView } from '../../children/child-schema.ts';
import type { Me } from '../auth/types.ts';
import { App } from './App.tsx';
import { createQueryClient } from './query-client.ts';
import { routes } from './routes.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';

/**
 * The capability pages against a fake of the HTTP API (the boundary, not our database):
 * lists, the duplicate check, withheld fields, the stale-edit conflict, the admin lists.
 */
const UNIT = '00000000-0000-4000-8000-0000000000aa';
const CHILD_ID = '00000000-0000-4000-8000-0000000000c1';

function me(roles: Role[]): Me {
  return {
    id: '00000000-0000-4000-8000-000000000001', username: 'head', displayName: 'Head of Unit', roles, language: 'en',
    organisation: { id: UNIT, name: 'CPU Tirana', sector: 'social_services', jurisdictionCode: 'AL-11-01', country: 'AL', isProtectionUnit: true, timeZone: 'Europe/Tirane' },
  };
}

function child(over: Partial<ChildView> = {}): ChildView {
  return {
    id: CHILD_ID, country: 'AL', givenName: 'Arta', familyName: 'Hoxha', sex: 'female', birthDate: '2015-03-09',
    birthDateEstimated: false, municipalityCode: 'AL-11-01', languages: ['sq'], inSchool: true, schoolName: 'Shkolla 1',
    unitId: UNIT, unitName: 'CPU Tirana', ownerId: null, ownerName: 'Worker One', version: 3,
    createdAt: '2024-01-02T10:00:00Z', updatedAt: '2024-02-03T11:00:00Z', accessReason: 'unit_supervisor',
    withheld: [], address: null, vulnerabilities: [], notes: null, ...over,
  };
}

const JURISDICTIONS = [
  { code: 'AL', country: 'AL', level: 'country', parentCode: null, nameLocal: 'Shqipëria', nameEn: 'Albania' },
  { code: 'AL-11', country: 'AL', level: 'region', parentCode: 'AL', nameLocal: 'Tiranë', nameEn: 'Tirana' },
  { code: 'AL-11-01', country: 'AL', level: 'municipality', parentCode: 'AL-11', nameLocal: 'Tiranë', nameEn: 'Tirana' },
];

interface Call { url: string; method: string; body: any; headers: Record<string, string> }
type Handler = (call: Call) => Response | undefined;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function fakeApi(user: Me, handler: Handler = () => undefined): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', vi.fn(async (input: string, init: RequestInit = {}) => {
    const call = { url: input, method: init.method ?? 'GET', body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined, headers: (init.headers ?? {}) as Record<string, string> };
    calls.push(call);
    const u = new URL(input, 'http://app');
    if (u.pathname === '/api/v1/auth/me') return json({ user, csrfToken: 't' });
    if (u.pathname === '/api/v1/jurisdictions') {
      const p = u.searchParams;
      return json({ items: JURISDICTIONS.filter((j) =>
        (!p.get('level') || j.level === p.get('level')) && (!p.get('parent') || j.parentCode === p.get('parent'))
        && (!p.get('country') || j.country === p.get('country'))) });
    }
    return handler(call) ?? json({ message: 'not found' }, 404);
  }));
  return calls;
}

function renderAt(path: string) {
  render(<App router={createMemoryRouter(routes, { initialEntries: [path] })} queryClient={createQueryClient()} />);
}

usePageTestLifecycle();

describe('children', () => {
  it('lists records in a paged table with names, labels and municipality names', async () => {
    fakeApi(me(['supervisor']), ({ url }) =>
      url.startsWith('/api/v1/children?') ? json({ items: [child()], total: 60 }) : undefined);
    renderAt('/children');
    const link = await screen.findByRole('link', { name: 'Arta Hoxha' });
    expect(link.getAttribute('href')).toBe(`/children/${CHILD_ID}`);
    const row = link.closest('tr') as HTMLElement;
    expect(within(row).getByText('Female')).toBeTruthy();
    await waitFor(() => expect(within(row).getByText('Tiranë (Tirana)')).toBeTruthy());
    expect(screen.getByText('Page 1 of 3 (60 in total)')).toBeTruthy();
  });

  it('checks for duplicates in a POST body while the names are typed, and validates on submit', async () => {
    const calls = fakeApi(me(['caseworker']), ({ url, method }) =>
      url === '/api/v1/children/duplicates' && method === 'POST'
        ? json({ items: [{ child: child(), score: 0.93 }] })
        : undefined);
    renderAt('/children/new');
    fireEvent.click(await screen.findByRole('button', { name: 'Register the child' }));
    const given = screen.getByLabelText('Given name', { exact: false });
    await waitFor(() => expect(given.getAttribute('aria-invalid')).toBe('true'));
    const errorId = given.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(errorId)?.textContent).toBe('This field is required.');

    fireEvent.change(given, { target: { value: 'Arta' } });
    fireEvent.change(screen.getByLabelText('Family name', { exact: false }), { target: { value: 'Ho' } });
    const open = await screen.findByRole('link', { name: 'Open this record' }, { timeout: 2000 });
    expect(open.getAttribute('href')).toBe(`/children/${CHILD_ID}`);
    const check = calls.find((c) => c.url === '/api/v1/children/duplicates');
    expect(check?.body).toMatchObject({ givenName: 'Arta', familyName: 'Ho' });
    // Names never travel in a URL.
    expect(calls.every((c) => !c.url.includes('Arta'))).toBe(true);
  });

  it('says which fields are not shared with the reader, and offers no edit to a partner', async () => {
    fakeApi(me(['partner']), ({ url }) =>
      url === `/api/v1/children/${CHILD_ID}`
        ? json(child({ accessReason: 'meeting', withheld: ['address', 'vulnerabilities', 'notes'], address: undefined, vulnerabilities: undefined, notes: undefined }))
        : undefined);
    renderAt(`/children/${CHILD_ID}`);
    await screen.findByRole('heading', { name: 'Arta Hoxha' });
    expect(screen.getAllByText('Not shared with your sector')).toHaveLength(3);
    expect(screen.queryByTestId('edit-child')).toBeNull();
    expect(screen.queryByTestId('access-history')).toBeNull();
  });

  it('shows the supervisor who read the record, and resolves a stale edit by reapplying', async () => {
    const theirs = child({ version: 4, schoolName: 'Shkolla 2', updatedAt: '2024-02-04T09:00:00Z' });
    const calls = fakeApi(me(['supervisor']), ({ url, method, body }) => {
      if (url === `/api/v1/children/${CHILD_ID}` && method === 'GET') return json(child());
      if (url === `/api/v1/children/${CHILD_ID}/access-history`) {
        return json({ items: [{ seq: 7, at: '2024-02-03T11:00:00Z', actorName: 'Police Officer', action: 'read', reason: 'meeting', outcome: 'success', fields: ['givenName', 'familyName'] }] });
      }
      if (url === `/api/v1/children/${CHILD_ID}` && method === 'PATCH') {
        return body.version === 3 ? json({ message: 'stale', current: theirs }, 409) : json({ ...theirs, ...body, version: 5 });
      }
      return undefined;
    });
    renderAt(`/children/${CHILD_ID}`);
    const history = await screen.findByTestId('access-history');
    await waitFor(() => expect(within(history).getByText('Police Officer')).toBeTruthy());
    expect(within(history).getByText('Coordination meeting')).toBeTruthy();
    expect(within(history).getByText('Given name, Family name')).toBeTruthy();

    fireEvent.click(screen.getByTestId('edit-child'));
    const given = await screen.findByLabelText('Given name', { exact: false });
    fireEvent.change(given, { target: { value: 'Artë' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const conflict = await screen.findByTestId('conflict');
    expect(within(conflict).getByText('Shkolla 2')).toBeTruthy();
    const firstPatch = calls.find((c) => c.method === 'PATCH');
    expect(firstPatch?.body).toEqual({ givenName: 'Artë', version: 3 });

    fireEvent.click(within(conflict).getByTestId('conflict-reapply'));
    await screen.findByText('The record has been saved.');
    expect(calls.filter((c) => c.method === 'PATCH').at(-1)?.body).toEqual({ givenName: 'Artë', version: 4 });
  });
});

describe('one child, one record', () => {
  const OTHER = '00000000-0000-4000-8000-0000000000c2';

  it('a 409 from the duplicate rule shows the record and the other unit; the user registers with a reason, each submission with its own key', async () => {
    const calls = fakeApi(me(['caseworker']), ({ url, method, body }) => {
      if (url !== '/api/v1/children' || method !== 'POST') return undefined;
      return body.notDuplicate
        ? json(child({ id: OTHER }), 201)
        : json({ message: 'duplicate', duplicates: [{ child: child() }], elsewhere: [{ unitId: OTHER, unitName: 'CPU Durrës' }] }, 409);
    });
    renderAt('/children/new');
    fireEvent.change(await screen.findByLabelText('Given name', { exact: false }), { target: { value: 'Arta' } });
    fireEvent.change(screen.getByLabelText('Family name', { exact: false }), { target: { value: 'Hoxha' } });
    fireEvent.change(screen.getByLabelText('Sex', { exact: false }), { target: { value: 'female' } });
    fireEvent.change(screen.getByLabelText('Date of birth'), { target: { value: '2015-03-09' } });
    // The unit's municipality is filled in once the municipalities are loaded.
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('parent=AL-11'))).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Register the child' }));
    const panel = await screen.findByTestId('duplicate-conflict');
    expect(within(panel).getByRole('link', { name: 'Open this record' }).getAttribute('href')).toBe(`/children/${CHILD_ID}`);
    expect(within(panel).getByText(/may exist in CPU Durrës/)).toBeTruthy();
    fireEvent.change(within(panel).getByTestId('not-duplicate-reason'), { target: { value: 'confirmed_with_unit' } });
    fireEvent.click(within(panel).getByTestId('register-anyway'));
    await waitFor(() => expect(calls.filter((c) => c.url === '/api/v1/children' && c.method === 'POST')).toHaveLength(2));
    const [first, second] = calls.filter((c) => c.url === '/api/v1/children' && c.method === 'POST');
    expect(first!.body.notDuplicate).toBeUndefined();
    expect(second!.body).toMatchObject({ givenName: 'Arta', notDuplicate: { reason: 'confirmed_with_unit' } });
    expect(first!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second!.headers['idempotency-key']).not.toBe(first!.headers['idempotency-key']);
  });

  it('the supervisor merges another record of the unit after confirming', async () => {
    const calls = fakeApi(me(['supervisor']), ({ url, method }) => {
      if (url === `/api/v1/children/${CHILD_ID}` && method === 'GET') return json(child());
      if (url === '/api/v1/children/duplicates') return json({ items: [{ child: child(), score: 1 }, { child: child({ id: OTHER, ownerName: 'Worker Two' }), score: 1 }], elsewhere: [] });
      if (url === `/api/v1/children/${CHILD_ID}/merge`) return json(child({ version: 4 }));
      return undefined;
    });
    renderAt(`/children/${CHILD_ID}`);
    const panel = await screen.findByTestId('merge-records');
    fireEvent.click(await within(panel).findByTestId('merge-start'));
    expect(within(panel).getByText(/Merge the record of Arta Hoxha/)).toBeTruthy();
    expect(calls.some((c) => c.url.endsWith('/merge'))).toBe(false);
    fireEvent.click(within(panel).getByTestId('merge-confirm'));
    await within(panel).findByText('The other record has been merged into this one.');
    expect(calls.find((c) => c.url.endsWith('/merge'))?.body).toEqual({ duplicateId: OTHER });
  });

  it('a merged record points to the record it was merged into', async () => {
    fakeApi(me(['supervisor']), ({ url }) =>
      url === `/api/v1/children/${CHILD_ID}` ? json({ message: 'merged', mergedInto: OTHER }, 410) : undefined);
    renderAt(`/children/${CHILD_ID}`);
    const link = await screen.findByTestId('merged-into');
    expect(link.getAttribute('href')).toBe(`/children/${OTHER}`);
  });
});

describe('administration and reference data', () => {
  it('lists users with roles and status, and organisations', async () => {
    fakeApi(me(['admin']), ({ url }) => {
      if (url.startsWith('/api/v1/users?')) {
        return json({ total: 1, items: [{ id: 'u1', username: 'arta', displayName: 'Arta Worker', roles: ['caseworker', 'supervisor'], language: 'sq', organisationId: UNIT, organisationName: 'CPU Tirana', disabled: true, lockedUntil: null, createdAt: '2024-01-01T00:00:00Z' }] });
      }
      if (url === '/api/v1/organisations') {
        return json({ items: [{ id: UNIT, name: 'CPU Tirana', sector: 'social_services', jurisdictionCode: 'AL-11-01', jurisdictionName: 'Tiranë', country: 'AL', isProtectionUnit: true, active: false }] });
      }
      return undefined;
    });
    renderAt('/admin/users');
    const row = (await screen.findByRole('link', { name: 'arta' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Child protection worker, Head of the child protection unit')).toBeTruthy();
    expect(within(row).getByText('Disabled')).toBeTruthy();

    fireEvent.click(screen.getByRole('link', { name: 'arta' }));
    expect(await screen.findByRole('button', { name: 'Enable the account' })).toBeTruthy();

    fireEvent.click(document.querySelector('[data-nav="organisations"]') as HTMLElement);
    const org = (await screen.findByRole('link', { name: 'CPU Tirana' })).closest('tr') as HTMLElement;
    expect(within(org).getByText('Inactive')).toBeTruthy();
    expect(within(org).getByText('Social services')).toBeTruthy();
  });

  it('browses the jurisdiction tree', async () => {
    fakeApi(me(['monitor']));
    renderAt('/jurisdictions');
    const albania = await screen.findByRole('button', { name: /Shqipëria/ });
    expect(albania.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(albania);
    const region = await screen.findByRole('button', { name: /AL-11\b/ });
    fireEvent.click(region);
    expect(await screen.findByText('AL-11-01')).toBeTruthy();
  });
});
