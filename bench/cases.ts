/**
 * `npm run bench -- cases`: the caseworker's case list and a case page over HTTP under concurrent
 * sessions, on many cases with ten contacts each, against a baseline measured in the same run:
 * bare routes on the same server that sign in the same way and run the same SQL, without the
 * policy layer (reach compiled into SQL, field sharing) and without the audit entry.
 * BENCH_CASES (default 500,000), BENCH_SESSIONS (50) and BENCH_SECONDS (10 per path) scale it.
 * The load generator runs in the same process as the server (2-core machine): the figures are a
 * floor, and the ratio is what compares.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { prepareDatabase } from '../src/db/open.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { buildApp } from '../src/server/app.ts';
import { scratchDatabase } from './scratch.ts';

const CASES = Number(process.env.BENCH_CASES ?? 500_000);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONTACTS_PER_CASE = 10;
/** Synthetic units the cases are spread over; the demo caseworker's unit gets its share, and they own 100. */
const UNITS = Math.max(1, Math.round(CASES / 500));
const PASSWORD = 'safetynet-demo';

const fmt = (n: number, d = 1) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });

type Load = { requests: number; perSec: number; p50: number; p95: number; errors: number };

/** SESSIONS workers, each with its own session cookie, requesting `path(i)` for SECONDS. */
async function load(base: string, cookies: string[], path: (i: number) => string): Promise<Load> {
  const times: number[] = [];
  let errors = 0;
  let i = 0;
  const end = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    cookies.map(async (cookie) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const res = await fetch(base + path(i++), { headers: { cookie } });
        const body = await res.text();
        times.push(performance.now() - t0);
        if (res.status !== 200 && errors++ === 0) console.error(`  first error on ${path(0).split('?')[0]}: ${res.status} ${body.slice(0, 200)}`);
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
    // The baselines: the same sign-in and role check, the same SQL, no policy and no audit.
    app.get('/api/v1/bench-bare/cases', { schema: { hide: true }, config: { roles: ['caseworker'] } }, async (request) => {
      const rows = await database.db
        .selectFrom('cases as k')
        .innerJoin('children as ch', (j) => j.onRef('ch.country', '=', 'k.country').onRef('ch.id', '=', 'k.child_id'))
        .innerJoin('organisations as unit', 'unit.id', 'k.unit_id')
        .leftJoin('users as owner', 'owner.id', 'k.owner_id')
        .selectAll('k')
        .select(['unit.name as unit_name', 'owner.display_name as owner_name', 'ch.given_name', 'ch.family_name', 'ch.birth_date'])
        .where('k.owner_id', '=', request.actor!.userId)
        .where('k.status', '<>', 'closed')
        .orderBy('k.opened_at', 'desc')
        .limit(50)
        .execute();
      return { items: rows.length };
    });
    app.get('/api/v1/bench-bare/cases/:id', { schema: { hide: true }, config: { roles: ['caseworker'] } }, async (request) => {
      const id = (request.params as { id: string }).id;
      const kase = await database.db
        .selectFrom('cases as k')
        .innerJoin('children as ch', (j) => j.onRef('ch.country', '=', 'k.country').onRef('ch.id', '=', 'k.child_id'))
        .innerJoin('organisations as unit', 'unit.id', 'k.unit_id')
        .leftJoin('users as owner', 'owner.id', 'k.owner_id')
        .selectAll('k')
        .select(['unit.name as unit_name', 'owner.display_name as owner_name', 'ch.given_name', 'ch.family_name', 'ch.sex', 'ch.birth_date'])
        .where('k.id', '=', id)
        .executeTakeFirst();
      const contacts = await database.db.selectFrom('contacts').selectAll().where('country', '=', 'AL').where('case_id', '=', id).orderBy('occurred_at', 'desc').execute();
      return { id: kase?.id, contacts: contacts.length };
    });
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
      const paths: Array<[string, (i: number) => string]> = [
        ['case list, bare SQL', () => '/api/v1/bench-bare/cases'],
        ['case list, Safetynet', () => '/api/v1/cases?owner=me&status=active'],
        ['case page, bare SQL', (i) => `/api/v1/bench-bare/cases/${pick(i)}`],
        ['case page, Safetynet', (i) => `/api/v1/cases/${pick(i)}`],
      ];
      // Warm every path, then measure each in turn.
      for (const [, p] of paths) for (let i = 0; i < 20; i++) await (await fetch(base + p(i), { headers: { cookie: cookies[0]! } })).arrayBuffer();
      const results: Record<string, Load> = {};
      for (const [name, p] of paths) results[name] = await load(base, cookies, p);
      console.log('\n  path                        requests/s   p50 ms   p95 ms   errors');
      for (const [name, r] of Object.entries(results)) {
        console.log(`  ${name.padEnd(26)} ${fmt(r.perSec).padStart(12)} ${fmt(r.p50, 2).padStart(8)} ${fmt(r.p95, 2).padStart(8)} ${String(r.errors).padStart(8)}`);
      }
      const ratio = (a: string, b: string) => fmt(results[a]!.p95 / results[b]!.p95, 2);
      console.log(`\n  p95 ratio, case list (Safetynet / bare): ${ratio('case list, Safetynet', 'case list, bare SQL')}x`);
      console.log(`  p95 ratio, case page (Safetynet / bare): ${ratio('case page, Safetynet', 'case page, bare SQL')}x`);
    } finally {
      await app.close();
    }
  } finally {
    await drop();
  }
}
