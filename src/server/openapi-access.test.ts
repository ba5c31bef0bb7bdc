import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';
import { type Operation, type Pools, childDataDigest, enumParams, loadOperations, poolKey, sample, unitRecords, urlOf } from '../testing/openapi.ts';
import { registeredRoutes } from './app.ts';

/**
 * Generated from the OpenAPI document and the app's route registry, so that every future route
 * is covered: (a) the records of one unit (Korçë) asked for, read and written, by every demo user
 * of other units, countries and roles, and by nobody; (c) which routes answer without a session,
 * and the CSRF token on every state-changing route.
 */
let t: TestApp;
let operations: Operation[];
let doc: Awaited<ReturnType<typeof loadOperations>>['doc'];
let pools: Pools;
const clients = new Map<string, Client>();

/** Every demo user but the Korçë unit's own caseworker and supervisor. */
const OUTSIDERS = [
  'e.cela', 'b.kasa', 'l.muca', 'm.ivanova', 'g.petrov', 'n.dimitrova', 'i.koleva', // other units, both countries
  'partner', 'provider', 'police_support', 'k.teacher', // Korçë's partners: only what they were given
  'a.shelter', 's.stoyanov', 'v.georgieva', 'p.todorova', // partners, providers and a police-station team elsewhere
  'monitor', 'd.angelov', 'trainer', 'admin', // roles without child records
];

/**
 * Where DOMAIN.md gives a reason to answer. `skip`: a state-changing request the user may make
 * (sending it would change the record legitimately); otherwise the listed statuses are allowed.
 */
type Allowance = { user: string; op: RegExp; pool?: string; entry?: number; why: string; skip?: true; statuses?: number[] };
const ALLOWED: Allowance[] = [
  // The referral made here is to the Korçë NGO: its provider reads what is asked and may accept,
  // decline, record a service or complete it (DOMAIN.md, "Referrals").
  { user: 'provider', op: /^GET \/api\/v1\/referrals\/\{id\}$/, pool: 'referrals', why: 'the referral is to its organisation', statuses: [200] },
  { user: 'provider', op: /^POST \/api\/v1\/referrals\/\{id\}\/(accept|decline|services|complete)$/, pool: 'referrals', why: 'the referral is to its organisation', skip: true },
  // The transfer made here is to Durrës: its supervisor reads and decides it (DOMAIN.md, "Transfers").
  { user: 'l.muca', op: /^POST \/api\/v1\/transfers\/\{id\}\/(accept|decline)$/, pool: 'transfers', why: 'the transfer is to its unit', skip: true },
  // Case #1 (Alban Shehu's) is being transferred to Durrës: the receiving unit reads the case it
  // is asked to take, to decide (README, "Transfer"); it writes nothing until it accepts.
  { user: 'l.muca', op: /^GET \/api\/v1\/cases\/\{id\}(\/[a-z-]+|\/print\.pdf)?$/, pool: 'cases', entry: 1, why: 'the receiving unit of a pending transfer', statuses: [200] },
  // Meetings of the demo invite the Korçë police and school (a meeting grant, DOMAIN.md "Coordination meetings").
  { user: 'partner', op: /^GET \/api\/v1\/(meetings|children)\/\{id\}$/, why: 'invited to the demo meeting of the child', statuses: [200] },
  { user: 'k.teacher', op: /^GET \/api\/v1\/(meetings|children)\/\{id\}$/, why: 'invited to the demo meeting of the child', statuses: [200] },
  { user: 'partner', op: /^GET \/api\/v1\/action-items\/\{id\}$/, why: 'an action item of a meeting it was invited to', statuses: [200] },
  { user: 'k.teacher', op: /^GET \/api\/v1\/action-items\/\{id\}$/, why: 'an action item of a meeting it was invited to', statuses: [200] },
  { user: 'partner', op: /^POST \/api\/v1\/action-items\/\{id\}\/(done|reopen)$/, why: 'its own action item of a meeting it was invited to', skip: true },
  { user: 'k.teacher', op: /^POST \/api\/v1\/action-items\/\{id\}\/(done|reopen)$/, why: 'its own action item of a meeting it was invited to', skip: true },
  // The demo gives the Korçë NGO a referral grant to Erion Leka and invites it to a meeting.
  { user: 'provider', op: /^GET \/api\/v1\/(meetings|children)\/\{id\}$/, why: 'a demo referral grant and a demo meeting invitation', statuses: [200] },
  // Case #0 has a demo referral the Korçë NGO accepted (services to carry out): the provider
  // reads the case of a referral it accepted (DOMAIN.md "Referrals"; src/cases/reach-edges.test.ts).
  { user: 'provider', op: /^GET \/api\/v1\/cases\/\{id\}(\/[a-z-]+|\/print\.pdf)?$/, pool: 'cases', entry: 0, why: 'a demo referral it accepted', statuses: [200] },
  // The Korçë police support team registered the demo signal of Kristi Bala (DOMAIN.md: authors read back what they wrote).
  { user: 'police_support', op: /^GET \/api\/v1\/(signals|children)\/\{id\}$/, why: 'the author of the demo signal', statuses: [200] },
  // An institution of their country: other units list its residents of their own cases (none here).
  ...['e.cela', 'b.kasa', 'l.muca'].map((user) => ({ user, op: /^GET \/api\/v1\/institutions\/\{id\}\/residents$/, why: 'an institution of its country: only its own cases\' residents', statuses: [200] })),
  // The Korçë team recorded the demo intakes referred to the Korçë unit: it follows what it wrote (issue 13).
  { user: 'police_support', op: /^GET \/api\/v1\/intakes\/\{id\}$/, pool: 'intakes', why: 'the team that recorded the demo intake', statuses: [200] },
  // The demo's emergency admission of two Korçë children to the Elbasan shelter: its staff read and care for the stay (README, "Emergency shelter").
  { user: 'a.shelter', op: /^GET \/api\/v1\/shelter-admissions\/\{id\}$/, pool: 'shelter-admissions', why: 'the stay is at its shelter', statuses: [200] },
  { user: 'a.shelter', op: /^POST \/api\/v1\/shelter-admissions\/\{id\}\/(plan|plan\/steps|plan\/steps\/done|discharge|follow-up)$/, pool: 'shelter-admissions', why: 'the stay is at its shelter', skip: true },
  // The demo grant made here is Durrës's caseworker's emergency access to a Korçë child (README, "Break-glass access"): read-only, its own.
  { user: 'l.muca', op: /^GET \/api\/v1\/break-glass\/grants\/\{id\}$/, pool: 'break-glass', why: 'its own unexpired emergency access grant', statuses: [200] },
];
/** Users and pool ids are labelled in messages by the pool and index, never by child data. */
function allowance(user: string, op: Operation, pool: string, entry: number): Allowance | undefined {
  return ALLOWED.find((a) => a.user === user && a.op.test(op.label) && (!a.pool || a.pool === pool) && (a.entry === undefined || a.entry === entry));
}

/** The users, routes and ids the sweep will try. */
const ID_OPS = () => operations.filter((op) => poolKey(op) !== null && !['users', 'organisations'].includes(poolKey(op)!));

beforeAll(async () => {
  t = await startTestApp();
  ({ doc, operations } = await loadOperations(t));
  pools = await unitRecords(t);
  for (const user of OUTSIDERS) clients.set(user, await t.login(user));
}, 120_000);
afterAll(() => t.close());

function send(client: Client, op: Operation, params: Record<string, string>) {
  const url = urlOf(op, { ...enumParams(op), ...params });
  return op.method === 'GET' ? client.get(url) : client.request(op.method, url, sample(doc, op.body) ?? {});
}

describe('(a) the records of one unit, by everyone else', () => {
  it('every kind of id the API takes has records of the unit to try', () => {
    const ops = ID_OPS();
    expect(ops.length).toBeGreaterThan(40);
    const missing = [...new Set(ops.map((op) => poolKey(op)!))].filter((k) => !(pools.get(k)?.length));
    expect(missing).toEqual([]);
  });

  it('out of reach looks exactly like absent: 404 or 403, nothing answered, nothing changed', async () => {
    const before = await childDataDigest(t);
    const failures: string[] = [];
    let tried = 0;
    for (const op of ID_OPS()) {
      const key = poolKey(op)!;
      const entries = pools.get(key)!;
      const absent = Object.fromEntries(Object.keys(entries[0]!).map((k) => [k, randomUUID()]));
      // The users of one route at once (each request is independent; the database serialises).
      await Promise.all([...clients].map(async ([user, client]) => {
        for (const [i, params] of entries.entries()) {
          const a = allowance(user, op, key, i);
          if (a?.skip) continue;
          const res = await send(client, op, params);
          tried += 1;
          if ([403, 404].includes(res.statusCode)) continue;
          // Another refusal is fine when an absent id gets the same (a body refused before any lookup).
          const absentRes = await send(client, op, absent);
          if (res.statusCode >= 400 && res.statusCode < 500 && res.statusCode === absentRes.statusCode) continue;
          if (a?.statuses?.includes(res.statusCode)) continue;
          failures.push(`${user} ${op.label} (${key} #${i}): ${res.statusCode}, absent id: ${absentRes.statusCode}`);
        }
      }));
    }
    expect(tried).toBeGreaterThan(800);
    expect(failures).toEqual([]);
    expect(await childDataDigest(t)).toEqual(before);
  }, 240_000);

  it('nobody (no session) gets 401 on every one of them, and nothing changes', async () => {
    const before = await childDataDigest(t);
    const failures: string[] = [];
    for (const op of ID_OPS()) {
      for (const params of pools.get(poolKey(op)!)!) {
        const res = await send(t.anonymous, op, params);
        if (res.statusCode !== 401) failures.push(`${op.label}: ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await childDataDigest(t)).toEqual(before);
  });
});

/** What answers without a session: sign-in, the current-user check, the OpenAPI document and its docs. */
const PUBLIC = [
  'POST /api/v1/auth/login',
  'GET /api/v1/auth/me',
  'HEAD /api/v1/auth/me',
  'GET /api/openapi.json',
  'HEAD /api/openapi.json',
  // Single sign-on: whether it is offered, the start and the provider's redirect back (src/auth/oidc-routes.ts).
  'GET /api/v1/auth/oidc', 'HEAD /api/v1/auth/oidc', 'GET /api/v1/auth/oidc/start', 'HEAD /api/v1/auth/oidc/start',
  'GET /api/v1/auth/oidc/callback', 'HEAD /api/v1/auth/oidc/callback',
  // The child's feedback kiosk: its questions and one answer per visit, by the kiosk's token (src/feedback/kiosk-public.ts).
  'GET /api/v1/kiosk/:token', 'HEAD /api/v1/kiosk/:token', 'POST /api/v1/kiosk/:token/answers',
];
const isDocs = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');
const STATE_CHANGING = ['POST', 'PUT', 'PATCH', 'DELETE'];

describe('(c) every registered route', () => {
  const concrete = (url: string) => url.replace(/:(\w+)/g, (_m, name: string) => (name === 'type' ? 'signals' : name === 'file' ? 'signals.csv' : randomUUID())).replace(/\*$/, 'x');
  const apiRoutes = () => registeredRoutes(t.app).filter((r) => r.url.startsWith('/api'));

  it('the registry holds every operation of the document, and more', () => {
    const registered = new Set(registeredRoutes(t.app).map((r) => `${r.method} ${r.url}`));
    expect(operations.length).toBeGreaterThan(80);
    const missing = operations.map((op) => `${op.method} ${op.path.replace(/\{(\w+)\}/g, ':$1')}`).filter((o) => !registered.has(o));
    expect(missing).toEqual([]);
  });

  it('only sign-in, the current-user check, the OpenAPI document and its docs are public', async () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(operations.length);
    const publicRoutes = routes.filter((r) => r.public).map((r) => `${r.method} ${r.url}`).sort();
    expect(publicRoutes).toEqual([...PUBLIC].sort());
    const failures: string[] = [];
    for (const r of routes) {
      const label = `${r.method} ${r.url}`;
      if (PUBLIC.includes(label) || isDocs(r.url)) continue;
      // A body of the wrong shape: the caller learns 401, not the schema.
      const res = await t.anonymous.request(r.method as 'GET', concrete(r.url), STATE_CHANGING.includes(r.method) ? { nonsense: 1 } : undefined);
      if (res.statusCode !== 401) failures.push(`${label}: ${res.statusCode}`);
      else if (r.method !== 'HEAD' && Object.keys(res.json()).join() !== 'message') failures.push(`${label}: ${res.body}`);
    }
    expect(failures).toEqual([]);
    // Outside /api only the web app's files are served: read-only, no data.
    const outside = registeredRoutes(t.app).filter((r) => !r.url.startsWith('/api'));
    expect(outside.filter((r) => !['GET', 'HEAD'].includes(r.method))).toEqual([]);
  });

  it('every state-changing route refuses a missing or a wrong CSRF token (403)', async () => {
    const caseworker = await t.login('caseworker');
    const admin = await t.login('admin');
    const before = await childDataDigest(t);
    // Public routes (sign-in, the kiosk's answer) act for no session: there is none to ride on.
    const routes = apiRoutes().filter((r) => STATE_CHANGING.includes(r.method) && !r.public);
    expect(routes.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const r of routes) {
      for (const client of [caseworker, admin]) {
        for (const token of [null, 'wrong-token', `${client.csrfToken}x`]) {
          const res = await t.app.inject({
            method: r.method as 'POST',
            url: concrete(r.url),
            headers: { cookie: client.cookie!, ...(token ? { 'x-csrf-token': token } : {}) },
            payload: {},
          });
          if (res.statusCode !== 403) failures.push(`${r.method} ${r.url} with ${token ?? 'no token'}: ${res.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await childDataDigest(t)).toEqual(before);
    // The sessions still work.
    expect((await caseworker.get('/api/v1/auth/me')).statusCode).toBe(200);
  });
});
