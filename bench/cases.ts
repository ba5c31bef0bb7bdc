/**
 * `npm run bench -- cases`: the caseworker's case list and a case page (the case and its ten
 * contacts) over HTTP under concurrent sessions, against a baseline measured in the same run:
 * bare routes on the same server that sign in the same way and run our own read code on a door
 * without the policy (no reach in the SQL, no field sharing, no audit entry, no transaction).
 * Each path is measured saturated (every session sends its next request as soon as the last is
 * answered: capacity) and paced (every session opens a page every BENCH_PACE_MS: latency at a
 * busy unit's load). BENCH_CASES (default 500,000), BENCH_SESSIONS (50), BENCH_SECONDS (10 per
 * path and mode) and BENCH_PACE_MS (2000) scale it. The load generator runs in the same process
 * as the server on the same cores: the figures are a floor, and the ratio is what compares.
 */
import { performance } from 'node:perf_hooks';
import { type Transaction, sql } from 'kysely';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditWriterFor } from '../src/audit/audit-writer.ts';
import type { DB } from '../src/db/schema.ts';
import { CaseList, CaseView } from '../src/cases/case-schema.ts';
import { ContactList } from '../src/contacts/contact-schema.ts';
import { systemActor } from '../src/policy/actor.ts';
import { listContacts } from '../src/contacts/contacts.ts';
import { getCase, listCases } from '../src/cases/case-records.ts';
import type { Door } from '../src/policy/door.ts';
import { loadConfig } from '../src/config.ts';
import { prepareDatabase } from '../src/db/open.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { buildApp } from '../src/server/app.ts';
import { scratchDatabase } from './scratch.ts';

const CASES = Number(process.env.BENCH_CASES ?? 500_000);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Paced runs: every session opens a page this often (a busy worker clicking every two seconds). */
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 2000);
const CONTACTS_PER_CASE = 10;
/** Synthetic units the cases are spread over; the demo caseworker's unit gets its share, and they own 100. */
const UNITS = Math.max(1, Math.round(CASES / 500));
const PASSWORD = 'safetynet-demo';

const fmt = (n: number, d = 1) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });

type Load = { requests: number; perSec: number; p50: number; p95: number; errors: number };

/** Sends the requests of one page together; throws on a non-200 answer. */
async function request(base: string, cookie: string, urls: string[]): Promise<void> {
  await Promise.all(urls.map(async (url) => {
    const res = await fetch(base + url, { headers: { cookie } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${url.split('/').slice(0, 5).join('/')}: ${res.status} ${body.slice(0, 200)}`);
  }));
}

/**
 * SESSIONS workers, each with its own session cookie, opening `page(i)` for SECONDS: back to back
 * (pace 0), or one page every `pace` ms (a page not answered in time delays the next).
 */
async function load(base: string, cookies: string[], page: (i: number) => string[], pace: number): Promise<Load> {
  const times: number[] = [];
  let errors = 0;
  let i = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  await Promise.all(
    cookies.map(async (cookie, s) => {
      // Paced sessions start spread over one period, as people do.
      let next = start + (pace * s) / cookies.length;
      while (performance.now() < end) {
        if (pace) {
          if (next >= end) break;
          const wait = next - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          next += pace;
        }
        const t0 = performance.now();
        try {
          await request(base, cookie, page(i++));
        } catch (err) {
          if (errors++ === 0) console.error(`  first error: ${(err as Error).message}`);
        }
        times.push(performance.now() - t0);
      }
    }),
  );
  const secs = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return { requests: times.length, perSec: times.length / secs, p50: times[Math.floor(times.length * 0.5)] ?? 0, p95: times[Math.floor(times.length * 0.95)] ?? 0, errors };
}

export async function runCasesBench(): Promise<void> {
  const { database, drop } = await scratchDatabase('cases');
  try {
    console.log(`Safetynet cases bench on ${database.kind === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL'}: ${CASES.toLocaleString('en')} cases × ${CONTACTS_PER_CASE} contacts, ${SESSIONS} sessions, ${SECONDS} s per path`);
    await prepareDatabase(database);
    await seedDemo(database.db, PASSWORD);
    const cw = await database.db.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.organisation_id').select(['u.id', 'o.id as org', 'o.country']).where('u.username', '=', 'caseworker').executeTakeFirstOrThrow();
    const t0 = performance.now();
    // Set-up below the application: units with one worker each, a child and a case per row.
    await sql`INSERT INTO organisations (country, name, sector, jurisdiction_code, is_protection_unit)
      SELECT 'AL', 'Bench unit ' || g, 'social_services', 'AL-06-03', true FROM generate_series(1, ${UNITS}) g`.execute(database.owner);
    await sql`INSERT INTO users (username, display_name, organisation_id, roles, password_hash)
      SELECT 'bench.' || o.id, 'Bench worker', o.id, '{caseworker}', 'x' FROM organisations o WHERE o.name LIKE 'Bench unit %'`.execute(database.owner);
    await sql`
      WITH u AS (
        SELECT o.id AS unit_id, w.id AS owner_id, (row_number() OVER (ORDER BY o.id)) - 1 AS k
        FROM organisations o JOIN users w ON w.organisation_id = o.id WHERE o.name LIKE 'Bench unit %')
      INSERT INTO children (country, unit_id, owner_id, municipality_code, given_name, family_name, name_key, sex, birth_date, ref)
      SELECT 'AL',
             CASE WHEN g <= 500 THEN ${cw.org}::uuid ELSE u.unit_id END,
             CASE WHEN g <= 100 THEN ${cw.id}::uuid WHEN g <= 500 THEN NULL ELSE u.owner_id END,
             'AL-06-03', 'Child' || g, 'Bench', 'child' || g || ' bench', (ARRAY['female','male'])[1 + g % 2],
             DATE '2008-01-01' + (g % 3650), 'bench-' || g
      FROM generate_series(1, ${CASES}) g JOIN u ON u.k = g % ${UNITS}`.execute(database.owner);
    await sql`
      INSERT INTO cases (country, child_id, unit_id, owner_id, status, risk_level, opened_at, initial_assessment_due_at, initial_assessment_at, plan_due_at, ref)
      SELECT c.country, c.id, c.unit_id, c.owner_id,
             (ARRAY['open','assessed','plan_in_force'])[1 + (hashtext(c.ref) & 1023) % 3],
             (ARRAY['high','medium','low'])[1 + (hashtext(c.ref) & 1023) % 3],
             now() - interval '90 days', now() - interval '83 days', now() - interval '85 days', now() - interval '60 days', c.ref
      FROM children c WHERE c.family_name = 'Bench'`.execute(database.owner);
    await sql`
      INSERT INTO contacts (country, case_id, kind, occurred_at, present, child_seen, child_heard_alone, notes, author_org_id)
      SELECT k.country, k.id, 'home_visit', k.opened_at + n * interval '7 days', '{caseworker,mother}', true, true, 'Visit ' || n, k.unit_id
      FROM cases k CROSS JOIN generate_series(1, ${CONTACTS_PER_CASE}) n WHERE k.ref LIKE 'bench-%'`.execute(database.owner);
    await sql`ANALYZE`.execute(database.owner);
    console.log(`  set-up: ${fmt((performance.now() - t0) / 1000)} s`);

    const mine = (await database.db.selectFrom('cases').select('id').where('owner_id', '=', cw.id).where('ref', 'like', 'bench-%').execute()).map((r) => r.id);
    const app = await buildApp(database, loadConfig({ SAFETYNET_DATA_DIR: '.tmp/unused', SAFETYNET_LOG_LEVEL: process.env.BENCH_LOG ?? 'silent', SAFETYNET_LOGIN_RATE_PER_MINUTE: '100000' }), { logger: Boolean(process.env.BENCH_LOG) });
    // The baseline: our own read code on a door without the policy — the reach compiles to
    // `true` (a system actor), no audit entry, no transaction — behind the same sign-in, role
    // check and response schemas. What the ratio measures is the policy layer and the audit.
    const db = database.db;
    const bare: Door = {
      actor: systemActor('bench-bare'),
      transaction: (fn) => fn(db as unknown as Transaction<DB>, async () => {}),
      read: (fn) => fn(db as unknown as Transaction<DB>, async () => {}),
      readReport: (fn) => fn(db as unknown as Transaction<DB>, async () => {}, 'primary'),
      auditAlone: async () => {},
    };
    const listQuery = { owner: cw.id, status: 'active' as const, limit: 50, offset: 0 };
    const bareRoutes = app.withTypeProvider<ZodTypeProvider>();
    const Params = z.object({ id: z.uuid() });
    bareRoutes.get('/api/v1/bench-bare/cases', { schema: { hide: true, response: { 200: CaseList } }, config: { roles: ['caseworker'] } }, () => listCases(bare, listQuery));
    bareRoutes.get('/api/v1/bench-bare/cases/:id', { schema: { hide: true, params: Params, response: { 200: CaseView } }, config: { roles: ['caseworker'] } }, (request) => getCase(bare, request.params.id));
    bareRoutes.get('/api/v1/bench-bare/cases/:id/contacts', { schema: { hide: true, params: Params, response: { 200: ContactList } }, config: { roles: ['caseworker'] } }, (request) => listContacts(bare, request.params.id));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const cookies: string[] = [];
      for (let s = 0; s < SESSIONS; s++) {
        const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'caseworker', password: PASSWORD }) });
        if (res.status !== 200) throw new Error(`bench login answered ${res.status}`);
        cookies.push(res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '));
      }
      const pick = (i: number) => mine[i % mine.length]!;
      // A case page is what the browser fetches to show it: the case and its contacts, together.
      const paths: Array<[string, (i: number) => string[]]> = [
        ['case list, bare', () => ['/api/v1/bench-bare/cases']],
        ['case list, Safetynet', () => ['/api/v1/cases?owner=me&status=active']],
        ['case page, bare', (i) => [`/api/v1/bench-bare/cases/${pick(i)}`, `/api/v1/bench-bare/cases/${pick(i)}/contacts`]],
        ['case page, Safetynet', (i) => [`/api/v1/cases/${pick(i)}`, `/api/v1/cases/${pick(i)}/contacts`]],
      ];
      // Warm every path, then measure each in turn: at saturation (every session sends its next
      // request as soon as the last is answered), then paced (every session a page every PACE_MS).
      for (const [, p] of paths) for (let i = 0; i < 20; i++) await request(base, cookies[0]!, p(i));
      const writer = auditWriterFor(database.db);
      const runs: Array<{ mode: string; results: Record<string, Load & { batch: number }> }> = [];
      for (const mode of ['saturated', 'paced'] as const) {
        const results: Record<string, Load & { batch: number }> = {};
        for (const [name, p] of paths) {
          const before = { ...writer.stats };
          const r = await load(base, cookies, p, mode === 'paced' ? PACE_MS : 0);
          const batches = writer.stats.batches - before.batches;
          results[name] = { ...r, batch: batches ? (writer.stats.entries - before.entries) / batches : 0 };
        }
        runs.push({ mode, results });
      }
      for (const { mode, results } of runs) {
        console.log(mode === 'saturated'
          ? `\n  saturated: ${SESSIONS} sessions, each sends its next request when the last is answered`
          : `\n  paced: ${SESSIONS} sessions, each opens a page every ${PACE_MS} ms (${fmt((SESSIONS * 1000) / PACE_MS, 0)} pages/s offered)`);
        console.log('  path                      pages/s   p50 ms   p95 ms   errors   audit entries/commit');
        for (const [name, r] of Object.entries(results)) {
          console.log(`  ${name.padEnd(22)} ${fmt(r.perSec).padStart(10)} ${fmt(r.p50, 2).padStart(8)} ${fmt(r.p95, 2).padStart(8)} ${String(r.errors).padStart(8)} ${(r.batch ? fmt(r.batch) : '-').padStart(22)}`);
        }
        const ratio = (a: string, b: string) => fmt(results[a]!.p95 / results[b]!.p95, 2);
        console.log(`  p95 ratio, case list (Safetynet / bare): ${ratio('case list, Safetynet', 'case list, bare')}x`);
        console.log(`  p95 ratio, case page (Safetynet / bare): ${ratio('case page, Safetynet', 'case page, bare')}x`);
      }
    } finally {
      await app.close();
    }
  } finally {
    await drop();
  }
}
