import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';
import { BAD_QUERY_VALUES, type Operation, type Pools, bodyMutations, enumParams, loadOperations, poolKey, sample, unitRecords, urlOf } from '../testing/openapi.ts';

/**
 * Malformed input to every operation of the OpenAPI document, as a user of every role and as
 * nobody: bad JSON, wrong types, NUL bytes and control characters in strings and query
 * parameters, huge strings, extreme and impossible dates, bad ids, arrays where objects go,
 * extra fields. Bodies are derived from each operation's own schema (each property spoiled in
 * turn). Any 5xx fails; a client error is JSON with a message.
 */
let t: TestApp;
let operations: Operation[];
let doc: Awaited<ReturnType<typeof loadOperations>>['doc'];
let pools: Pools;
/** One user per role (the Korçë unit's, whose records the paths name), and nobody. */
const USERS = ['caseworker', 'supervisor', 'partner', 'provider', 'police_support', 'monitor', 'trainer', 'admin'];
const clients = new Map<string, Client>();

beforeAll(async () => {
  t = await startTestApp();
  ({ doc, operations } = await loadOperations(t));
  pools = await unitRecords(t);
  for (const user of USERS) clients.set(user, await t.login(user));
  clients.set('nobody', t.anonymous);
}, 120_000);
afterAll(() => t.close());

/** Path parameters that name a real record of the unit where there is one, so handlers run. */
function paramsOf(op: Operation): Record<string, string> {
  const key = poolKey(op);
  return { ...enumParams(op), ...(key ? pools.get(key)?.[0] : {}) };
}

/** Signing out or changing the password would end the session the rest of the sweep uses. */
const SESSION_ENDING = /^POST \/api\/v1\/auth\/(logout|password)$/;

describe('malformed input never answers 5xx', () => {
  it('covers the whole document', () => {
    expect(operations.length).toBeGreaterThan(80);
    expect(operations.filter((op) => op.body).length).toBeGreaterThan(40);
  });

  it('every operation, as every role and as nobody', async () => {
    const failures: string[] = [];
    let sent = 0;
    let full = 0;
    const swept = new Set<string>();
    const check = (who: string, op: Operation, what: string, res: { statusCode: number; headers: Record<string, unknown>; body: string }) => {
      sent += 1;
      if (res.statusCode >= 500) failures.push(`${who} ${op.label} ${what}: ${res.statusCode}`);
      else if (res.statusCode >= 400 && !String(res.headers['content-type']).startsWith('application/json')) failures.push(`${who} ${op.label} ${what}: ${res.statusCode} not JSON`);
    };
    for (const op of operations) {
      if (SESSION_ENDING.test(op.label)) continue;
      const params = paramsOf(op);
      const url = urlOf(op, params);
      const base = op.body ? sample(doc, op.body) : undefined;
      await Promise.all([...clients].map(async ([who, client]) => {
        const send = (what: string, target: string, body?: unknown, headers?: Record<string, string>) =>
          client.request(op.method, target, op.method === 'GET' ? undefined : body, headers).then((res) => check(who, op, what, res));
        // The route's own refusals: bad ids and NUL in the path, bad query values.
        for (const p of op.pathParams.filter((x) => !x.schema.enum)) {
          for (const [what, value] of [['bad id', 'not-a-uuid'], ['NUL id', '%00'], ['long id', 'x'.repeat(300)]]) {
            await send(`${p.name}: ${what}`, urlOf(op, { ...params, [p.name]: value! }), base ?? {});
          }
        }
        // A first request shows whether this caller reaches the route's validation at all.
        const probe = await client.request(op.method, urlOf(op, params, 'zz=%00'), op.method === 'GET' ? undefined : (base ?? {}));
        check(who, op, 'NUL in an unknown query parameter', probe);
        if ([401, 403].includes(probe.statusCode)) return;
        await send('malformed JSON', url, '{"a": 1,');
        // The whole sweep once per route, by the first role that passes the role check (each
        // role's own reach is in the access sweep; validation is the same for all).
        if (swept.has(op.label)) return;
        swept.add(op.label);
        full += 1;
        for (const q of op.query) {
          for (const [what, value] of BAD_QUERY_VALUES) await send(`query ${q.name}: ${what}`, urlOf(op, params, `${q.name}=${value}`), base ?? {});
          await send(`query ${q.name} twice`, urlOf(op, params, `${q.name}=a&${q.name}=b`), base ?? {});
        }
        if (op.method === 'GET') return;
        await send('JSON with NUL escape', url, JSON.stringify(base ?? {}).replace(/"Sample text"/, '"a\\u0000b"'));
        await send('empty body', url, '');
        await send('text/plain body', url, 'just text', { 'content-type': 'text/plain' });
        await send('form body', url, 'a=1', { 'content-type': 'application/x-www-form-urlencoded' });
        await send('deep nesting', url, `${'['.repeat(5_000)}${']'.repeat(5_000)}`);
        for (const [what, body] of bodyMutations(doc, op.body)) await send(what, url, body);
      }));
    }
    expect(sent).toBeGreaterThan(3_000);
    // Nearly every operation was swept past the session and role checks by someone.
    expect(full).toBeGreaterThan(operations.length - 5);
    expect(failures).toEqual([]);
  }, 600_000);

  it('a NUL byte or control character in a text field or a query parameter is a 400 naming it', async () => {
    const caseworker = clients.get('caseworker')!;
    const child = await caseworker.post('/api/v1/children', { givenName: 'Ana\u0000', familyName: 'Test', sex: 'female', municipalityCode: 'AL-06-03' });
    expect(child.statusCode).toBe(400);
    expect(child.json().issues.map((i: { path: string }) => i.path)).toEqual(['givenName']);
    const q = await caseworker.get('/api/v1/cases?q=ab%00cd');
    expect(q.statusCode).toBe(400);
    expect(q.json().issues.map((i: { path: string }) => i.path)).toEqual(['q']);
    const id = await caseworker.get(`/api/v1/children/${randomUUID()}%00`);
    expect(id.statusCode).toBe(400);
  });
});
