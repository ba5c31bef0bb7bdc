import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountKey } from '../auth/login-throttle.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { type Client, DEMO_PASSWORD, type TestApp, startTestApp, testConfig } from '../testing/app.ts';
import { freshDatabase } from '../testing/database.ts';
import { buildApp } from './app.ts';

/**
 * The API as a whole: security headers on every answer, bad input on every write route,
 * the OpenAPI document and its docs page, errors without internals, and the jurisdictions.
 */
let t: TestApp;
let admin: Client;
let caseworker: Client;
let monitor: Client;
let userId: string;
let orgId: string;
let child: { id: string; version: number };
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  caseworker = await t.login('caseworker');
  monitor = await t.login('monitor');
  userId = (await t.database.unguarded.selectFrom('users').select('id').where('username', '=', 'e.cela').executeTakeFirstOrThrow()).id;
  orgId = (await t.database.unguarded.selectFrom('organisations').select('id').where('name', 'like', '%Policisë Korçë%').executeTakeFirstOrThrow()).id;
  const created = await caseworker.post('/api/v1/children', { givenName: 'Drita', familyName: 'Test', sex: 'female', birthDate: '2013-04-01', municipalityCode: 'AL-06-03' });
  expect(created.statusCode).toBe(201);
  child = { id: created.json().id, version: created.json().version };
});
afterAll(() => t.close());

let address = 0;
/** A request from a fresh address each time, so that no per-address limit bends the answers. */
function send(client: Client, method: InjectOptions['method'], url: string, opts: { json?: unknown; raw?: string; contentType?: string; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
  address += 1;
  const headers: Record<string, string> = { ...opts.headers };
  if (client.cookie) headers.cookie = client.cookie;
  if (client.csrfToken && method !== 'GET') headers['x-csrf-token'] = client.csrfToken;
  if (opts.raw !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  return t.app.inject({
    method,
    url,
    headers,
    remoteAddress: `10.0.${Math.floor(address / 250)}.${(address % 250) + 1}`,
    ...(opts.raw !== undefined ? { payload: opts.raw } : opts.json !== undefined ? { payload: opts.json as object } : {}),
  });
}

const TABLES = ['users', 'organisations', 'children', 'audit_log', 'sessions'] as const;
async function counts(): Promise<Record<(typeof TABLES)[number], number>> {
  const out = {} as Record<(typeof TABLES)[number], number>;
  for (const table of TABLES) {
    const r = await t.database.unguarded.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(r.n);
  }
  return out;
}

function expectSecurityHeaders(res: LightMyRequestResponse, what: string) {
  const csp = res.headers['content-security-policy'];
  expect(typeof csp, `${what}: one CSP header`).toBe('string');
  expect(csp as string, what).toMatch(/(^|;)\s*default-src 'self'\s*(;|$)/);
  expect(csp as string, what).toMatch(/(^|;)\s*frame-ancestors 'none'\s*(;|$)/);
  expect(csp as string, what).not.toContain('unsafe-eval');
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['referrer-policy'], what).toBe('no-referrer');
}

/** A client error: 4xx, JSON, a message, and no internals. */
function expectClientError(res: LightMyRequestResponse, what: string) {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, what).toBeLessThan(500);
  expect(res.headers['content-type'], what).toMatch(/^application\/json/);
  const body = res.json();
  expect(typeof body.message, what).toBe('string');
  expect(body.message.length, what).toBeGreaterThan(0);
  expect(body.message.length, what).toBeLessThan(2_000);
  expect(Object.keys(body).every((k) => ['message', 'issues'].includes(k)), `${what}: ${Object.keys(body)}`).toBe(true);
  expect(res.body, what).not.toMatch(/\bat .*\.(ts|js):\d+/);
  expect(res.body, what).not.toContain('node_modules');
  expect(res.body.replace(/"code":"validation\.\w+"/g, ''), what).not.toMatch(/"stack"|"code"|FST_/); // only an issue's validation rule may be named
  if (body.issues !== undefined) {
    expect(Array.isArray(body.issues), what).toBe(true);
    for (const issue of body.issues) {
      expect(typeof issue.path, what).toBe('string');
      expect(typeof issue.message, what).toBe('string');
    }
  }
  expectSecurityHeaders(res, what);
  return body as { message: string; issues?: Array<{ path: string; message: string }> };
}

const paths = (res: LightMyRequestResponse) => (res.json().issues ?? []).map((i: { path: string }) => i.path) as string[];

describe('security headers', () => {
  it('every kind of answer carries the CSP, nosniff and no-referrer', async () => {
    const answers: Array<[string, LightMyRequestResponse]> = [
      ['API JSON 200', await admin.get('/api/v1/organisations')],
      ['login 200', await t.anonymous.post('/api/v1/auth/login', { username: 'trainer', password: DEMO_PASSWORD })],
      ['API 404', await admin.get('/api/v1/no-such-thing')],
      ['404 outside the API', await t.anonymous.get('/no/such/page')],
      ['401', await t.anonymous.get('/api/v1/users')],
      ['403', await monitor.get('/api/v1/users')],
      ['400', await admin.get('/api/v1/users?limit=nope')],
      ['docs page', await t.anonymous.get('/api/docs/')],
      ['docs page without slash', await t.anonymous.get('/api/docs')],
      ['docs asset', await t.anonymous.get('/api/docs/static/swagger-initializer.js')],
      ['openapi.json', await t.anonymous.get('/api/openapi.json')],
    ];
    for (const [what, res] of answers) {
      expect(res.statusCode, what).toBeLessThan(500);
      expectSecurityHeaders(res, what);
    }
  });
});

type WriteRoute = {
  name: string;
  method: 'POST' | 'PATCH';
  url: () => string;
  badIdUrl?: string;
  client: () => Client;
  valid: () => Record<string, unknown>;
  nameField: string;
  wrongTypes: () => Record<string, unknown>;
  wrongTypePaths: string[];
};

const ROUTES: WriteRoute[] = [
  {
    name: 'POST /auth/login', method: 'POST', url: () => '/api/v1/auth/login', client: () => t.anonymous,
    valid: () => ({ username: 'admin', password: DEMO_PASSWORD }), nameField: 'username',
    wrongTypes: () => ({ username: 12, password: ['x'] }), wrongTypePaths: ['username', 'password'],
  },
  {
    name: 'POST /users', method: 'POST', url: () => '/api/v1/users', client: () => admin,
    valid: () => ({ username: 'bad.input', displayName: 'Bad Input', organisationId: orgId, roles: ['partner'], password: 'long-enough-password' }), nameField: 'displayName',
    wrongTypes: () => ({ username: 'bad.input', displayName: 5, organisationId: orgId, roles: 'admin', password: 'long-enough-password' }), wrongTypePaths: ['displayName', 'roles'],
  },
  {
    name: 'PATCH /users/:id', method: 'PATCH', url: () => `/api/v1/users/${userId}`, badIdUrl: '/api/v1/users/not-a-uuid', client: () => admin,
    valid: () => ({ displayName: 'Changed Name' }), nameField: 'displayName',
    wrongTypes: () => ({ disabled: 'yes', roles: [1] }), wrongTypePaths: ['disabled', 'roles.0'],
  },
  {
    name: 'POST /organisations', method: 'POST', url: () => '/api/v1/organisations', client: () => admin,
    valid: () => ({ name: 'Bad Input Org', sector: 'ngo', jurisdictionCode: 'AL-06-03' }), nameField: 'name',
    wrongTypes: () => ({ name: 'Bad Input Org', sector: 'ngo', jurisdictionCode: 'AL-06-03', isProtectionUnit: 'true' }), wrongTypePaths: ['isProtectionUnit'],
  },
  {
    name: 'PATCH /organisations/:id', method: 'PATCH', url: () => `/api/v1/organisations/${orgId}`, badIdUrl: '/api/v1/organisations/not-a-uuid', client: () => admin,
    valid: () => ({ name: 'Renamed Org' }), nameField: 'name',
    wrongTypes: () => ({ active: 1 }), wrongTypePaths: ['active'],
  },
  {
    name: 'POST /auth/password', method: 'POST', url: () => '/api/v1/auth/password', client: () => caseworker,
    valid: () => ({ currentPassword: DEMO_PASSWORD, newPassword: 'a-new-password-123' }), nameField: 'newPassword',
    wrongTypes: () => ({ currentPassword: 1, newPassword: null }), wrongTypePaths: ['currentPassword', 'newPassword'],
  },
  {
    name: 'PATCH /auth/me', method: 'PATCH', url: () => '/api/v1/auth/me', client: () => caseworker,
    valid: () => ({ language: 'sq' }), nameField: 'language',
    wrongTypes: () => ({ language: 7 }), wrongTypePaths: ['language'],
  },
  {
    name: 'POST /children', method: 'POST', url: () => '/api/v1/children', client: () => caseworker,
    valid: () => ({ givenName: 'Bad', familyName: 'Input', sex: 'male', municipalityCode: 'AL-06-03' }), nameField: 'givenName',
    wrongTypes: () => ({ givenName: 'Bad', familyName: 'Input', sex: 'male', municipalityCode: 'AL-06-03', birthDate: 20120101, languages: 'sq' }), wrongTypePaths: ['birthDate', 'languages'],
  },
  {
    name: 'PATCH /children/:id', method: 'PATCH', url: () => `/api/v1/children/${child.id}`, badIdUrl: '/api/v1/children/not-a-uuid', client: () => caseworker,
    valid: () => ({ version: child.version, givenName: 'Changed' }), nameField: 'givenName',
    wrongTypes: () => ({ version: '1', inSchool: 'no' }), wrongTypePaths: ['version', 'inSchool'],
  },
  {
    name: 'POST /children/duplicates', method: 'POST', url: () => '/api/v1/children/duplicates', client: () => caseworker,
    valid: () => ({ givenName: 'Drita', familyName: 'Test' }), nameField: 'givenName',
    wrongTypes: () => ({ givenName: ['Drita'], familyName: 'Test' }), wrongTypePaths: ['givenName'],
  },
];

describe('bad input never answers 5xx and changes nothing', () => {
  for (const route of ROUTES) {
    it(`${route.name}`, async () => {
      const before = await counts();
      const c = route.client();
      const go = (opts: Parameters<typeof send>[3], url = route.url()) => send(c, route.method, url, opts);

      const malformed = expectClientError(await go({ raw: '{"givenName": "Ana",' }), 'malformed JSON');
      expect(malformed.message).toMatch(/JSON/);
      expect((await go({ raw: '{"a": 1} trailing' })).statusCode).toBe(400);

      const array = await go({ raw: JSON.stringify([route.valid()]) });
      expectClientError(array, 'JSON array');
      expect(array.statusCode).toBe(400);
      expect(paths(array)).toEqual(['(root)']);

      for (const raw of ['null', '"a string"', '42', 'true']) {
        const res = await go({ raw });
        expectClientError(res, `JSON ${raw}`);
        expect(res.statusCode, raw).toBe(400);
      }
      expectClientError(await go({ raw: '' }), 'empty JSON body');

      const wrong = await go({ json: route.wrongTypes() });
      expectClientError(wrong, 'wrong types');
      expect(wrong.statusCode).toBe(400);
      expect(paths(wrong).sort()).toEqual([...route.wrongTypePaths].sort());

      const long = await go({ json: { ...route.valid(), [route.nameField]: 'x'.repeat(10_000) } });
      expectClientError(long, '10,000 characters');
      expect(long.statusCode).toBe(400);
      expect(paths(long)).toEqual([route.nameField]);

      const unknown = await go({ json: { ...route.valid(), isAdmin: true } });
      expectClientError(unknown, 'unknown field');
      expect(unknown.statusCode).toBe(400);
      expect(paths(unknown)).toEqual(['isAdmin']);
      expect(unknown.json().message).toContain('isAdmin');

      const huge = await go({ json: { ...route.valid(), [route.nameField]: 'x'.repeat(1024 * 1024 + 10) } });
      expectClientError(huge, 'over 1 MiB');
      expect(huge.statusCode).toBe(413);

      const form = await go({ raw: 'username=admin&password=x', contentType: 'application/x-www-form-urlencoded' });
      expectClientError(form, 'form content type');
      expect(form.statusCode).toBe(415);
      const xml = await go({ raw: '<a/>', contentType: 'application/xml' });
      expectClientError(xml, 'xml content type');
      expect(xml.statusCode).toBe(415);
      // text/plain is parsed as a string, which is not an object.
      const text = await go({ raw: JSON.stringify(route.valid()), contentType: 'text/plain' });
      expectClientError(text, 'text/plain');
      expect(text.statusCode).toBe(400);

      if (route.badIdUrl) {
        const badId = await go({ json: route.valid() }, route.badIdUrl);
        expectClientError(badId, 'bad id');
        expect(badId.statusCode).toBe(400);
        expect(paths(badId)).toEqual(['id']);
        const tooLong = await go({ json: route.valid() }, route.url().replace(/[0-9a-f-]{36}$/, 'x'.repeat(500)));
        expectClientError(tooLong, 'very long id');
        expect(tooLong.body).not.toContain('xxxxxxxxxx');
        const badEncoding = await go({ json: route.valid() }, route.url().replace(/[0-9a-f-]{36}$/, '%E0%A4%A'));
        expectClientError(badEncoding, 'bad percent-encoding');
        expect(badEncoding.statusCode).toBe(400);
      }

      expect(await counts()).toEqual(before);

      if (route.badIdUrl) {
        // A well-formed id of nothing: 404, nothing changed (a child route audits the denied attempt).
        const absent = await go({ json: route.valid() }, route.url().replace(/[0-9a-f-]{36}$/, '00000000-0000-4000-8000-00000000abcd'));
        expectClientError(absent, 'absent id');
        expect(absent.statusCode).toBe(404);
        const after = await counts();
        expect(after).toEqual({ ...before, audit_log: before.audit_log + (route.name.includes('children') ? 1 : 0) });
      }
    });
  }

  it('nothing the bad requests touched changed', async () => {
    const user = await t.database.unguarded.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
    expect(user.display_name).toBe('Entela Çela');
    const org = await t.database.unguarded.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();
    expect(org.name).toBe('Drejtoria Vendore e Policisë Korçë');
    const cw = await t.database.unguarded.selectFrom('users').selectAll().where('username', '=', 'caseworker').executeTakeFirstOrThrow();
    expect(cw.language).toBe('en');
    expect(await t.database.unguarded.selectFrom('login_throttle').select('key').where('account', '=', accountKey('caseworker')).execute()).toEqual([]);
    const row = await t.database.unguarded.selectFrom('children').select(['given_name', 'version']).where('id', '=', child.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ given_name: 'Drita', version: child.version });
    // The sessions and the password still work.
    expect((await caseworker.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await t.anonymous.post('/api/v1/auth/login', { username: 'caseworker', password: DEMO_PASSWORD })).statusCode).toBe(200);
  });

  it('a role without the route learns 403, not the schema', async () => {
    const res = await send(monitor, 'POST', '/api/v1/users', { json: { nonsense: true } });
    expect(res.statusCode).toBe(403);
    expect(res.json().issues).toBeUndefined();
  });

  it('bad query strings answer 400 at their parameter', async () => {
    const limit = await admin.get('/api/v1/users?limit=-1');
    expectClientError(limit, 'negative limit');
    expect(paths(limit)).toEqual(['limit']);
    const extra = await admin.get('/api/v1/jurisdictions?colour=red');
    expectClientError(extra, 'unknown query parameter');
    expect(paths(extra)).toEqual(['colour']);
    const level = await admin.get('/api/v1/jurisdictions?level=planet');
    expect(paths(level)).toEqual(['level']);
  });
});

describe('OpenAPI', () => {
  it('is OpenAPI 3 and every /api/v1 operation has a unique operationId', async () => {
    const res = await t.anonymous.get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const ids: string[] = [];
    const ops: string[] = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { operationId?: string }>>)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const [method, op] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        ops.push(`${method.toUpperCase()} ${path}`);
        expect(op.operationId, `${method} ${path}`).toMatch(/^[a-zA-Z][a-zA-Z0-9]*$/);
        ids.push(op.operationId!);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    // The routes under test are all there.
    for (const op of ['POST /api/v1/auth/login', 'GET /api/v1/auth/me', 'PATCH /api/v1/auth/me', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/password', 'GET /api/v1/users', 'POST /api/v1/users', 'PATCH /api/v1/users/{id}', 'GET /api/v1/organisations', 'POST /api/v1/organisations', 'PATCH /api/v1/organisations/{id}', 'GET /api/v1/jurisdictions', 'POST /api/v1/children', 'PATCH /api/v1/children/{id}', 'POST /api/v1/children/duplicates']) {
      expect(ops).toContain(op);
    }
    // Nothing outside /api/v1 is documented as part of the API.
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/v1/'))).toEqual([]);
  });

  it('the docs page is HTML whose assets are all served here, with no CDN', async () => {
    const res = await t.anonymous.get('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<html/i);
    expect(res.body).not.toMatch(/unpkg|jsdelivr|cdnjs|googleapis|cloudflare/i);
    expect(res.body).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    const assets = [...res.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      const url = new URL(asset, 'http://localhost/api/docs/').pathname;
      const a = await t.anonymous.get(url);
      expect(a.statusCode, url).toBe(200);
      expect(a.body, url).not.toMatch(/unpkg\.com|cdn\.jsdelivr|cdnjs\./);
    }
    const init = await t.anonymous.get('/api/docs/static/swagger-initializer.js');
    expect(init.statusCode).toBe(200);
    expect(init.body).not.toMatch(/unpkg|jsdelivr|cdnjs|validator\.swagger\.io/);
    expect(init.body).toContain('"validatorUrl":null');
  });
});

describe('server errors say nothing of their cause', () => {
  it('a thrown error and a response that breaks its schema answer 500 {message} without a stack', async () => {
    const database = await freshDatabase();
    await seedDemo(database.db, DEMO_PASSWORD);
    const app = await buildApp(database, testConfig(), { logger: false });
    try {
      app.get('/api/v1/test-boom', { config: { auth: 'public' } }, async () => {
        throw new Error('secret detail /srv/safetynet/db.ts:42');
      });
      app.get('/api/v1/test-bad-response', { config: { auth: 'public' }, schema: { response: { 200: z.object({ n: z.number() }) } } }, async () => ({ n: 'not a number' }) as never);
      await app.ready();
      for (const url of ['/api/v1/test-boom', '/api/v1/test-bad-response']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(500);
        expect(res.json(), url).toEqual({ message: 'Internal error' });
        expect(res.body).not.toContain('secret');
        expect(res.body).not.toMatch(/\bat |\.ts:\d|not a number/);
        expectSecurityHeaders(res, url);
      }
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('jurisdictions', () => {
  it('Albania has 12 regions', async () => {
    const res = await admin.get('/api/v1/jurisdictions?country=AL&level=region');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ country: string; level: string; parentCode: string }>;
    expect(items).toHaveLength(12);
    expect(items.every((j) => j.country === 'AL' && j.level === 'region' && j.parentCode === 'AL')).toBe(true);
  });

  it('Bulgaria has 265 municipalities', async () => {
    const res = await monitor.get('/api/v1/jurisdictions?country=BG&level=municipality');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(265);
  });

  it('the municipalities of Haskovo (BG-26) include Харманли', async () => {
    const res = await caseworker.get('/api/v1/jurisdictions?parent=BG-26');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ code: string; parentCode: string; nameLocal: string; nameEn: string }>;
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((j) => j.parentCode === 'BG-26')).toBe(true);
    expect(items.find((j) => j.nameLocal === 'Харманли')).toMatchObject({ code: 'BG-26-02', nameEn: expect.stringMatching(/Harmanli/) });
  });

  it('needs a session', async () => {
    expect((await t.anonymous.get('/api/v1/jurisdictions?country=AL')).statusCode).toBe(401);
  });
});
