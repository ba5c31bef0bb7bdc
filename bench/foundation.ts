/**
 * `npm run bench -- foundation`: figures for the foundation, each against a baseline measured in the same run.
 * - a policy-checked, audited read of a child (the HTTP route's work minus HTTP) vs the raw SQL
 *   select of the same row;
 * - `audit verify` throughput in entries per second.
 * Runs on PGlite in memory, or on PostgreSQL with DATABASE_URL (a scratch database is created).
 * BENCH_CHILDREN and BENCH_READS scale it.
 */
import { scratchDatabase } from './scratch.ts';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { appendAudit, verifyAudit } from '../src/audit/audit-log.ts';
import { prepareDatabase } from '../src/db/open.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { loadUserActor } from '../src/policy/actor.ts';
import { getChild } from '../src/children/child-records.ts';
import { openDoor } from '../src/policy/door.ts';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 50_000);
const READS = Number(process.env.BENCH_READS ?? 2_000);
const AUDIT_ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 100_000);

type Stats = { n: number; totalMs: number; perSec: number; meanMs: number; p95Ms: number };

async function measure(n: number, fn: (i: number) => Promise<unknown>): Promise<Stats> {
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  const totalMs = performance.now() - start;
  times.sort((a, b) => a - b);
  return { n, totalMs, perSec: (n / totalMs) * 1000, meanMs: totalMs / n, p95Ms: times[Math.floor(n * 0.95)]! };
}

const fmt = (n: number, d = 1) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });

export async function runFoundationBench(): Promise<void> {
  const { database, drop } = await scratchDatabase('foundation');
  try {
    console.log(`Safetynet bench on ${database.kind === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL'}: ${CHILDREN} children, ${READS} reads, ${AUDIT_ENTRIES} audit entries`);
    await prepareDatabase(database);
    await seedDemo(database.db, 'safetynet-demo');
    const cw = await database.db.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.organisation_id').select(['u.id', 'o.id as org', 'o.country']).where('u.username', '=', 'caseworker').executeTakeFirstOrThrow();
    // Set-up below the application: many children, half in the caseworker's unit.
    await sql`
      INSERT INTO children (country, unit_id, owner_id, municipality_code, given_name, family_name, name_key, sex, birth_date)
      SELECT ${cw.country}, ${cw.org}, NULL, 'AL-06-03', 'Child' || g, 'Bench', 'child' || g || ' bench',
             (ARRAY['female','male'])[1 + g % 2], DATE '2008-01-01' + (g % 3650)
      FROM generate_series(1, ${CHILDREN}) g`.execute(database.owner);
    await sql`ANALYZE`.execute(database.owner);
    const ids = (await database.db.selectFrom('children').select('id').where('unit_id', '=', cw.org).limit(READS).execute()).map((r) => r.id);
    const actor = (await loadUserActor(database.db, cw.id))!;
    const door = openDoor(database.db, actor);

    // Warm both paths, then alternate runs so neither gets the warmer cache.
    for (let i = 0; i < 50; i++) {
      await getChild(door, ids[i % ids.length]!);
      await database.db.selectFrom('children').selectAll().where('country', '=', cw.country).where('id', '=', ids[i % ids.length]!).executeTakeFirst();
    }
    const raw = await measure(ids.length, (i) => database.db.selectFrom('children').selectAll().where('country', '=', cw.country).where('id', '=', ids[i]!).executeTakeFirst());
    const door1 = await measure(ids.length, (i) => getChild(door, ids[i]!));

    console.log('\nRead one child by id');
    console.log('  path                              reads/s    mean ms   p95 ms');
    console.log(`  raw SQL select                 ${fmt(raw.perSec).padStart(10)} ${fmt(raw.meanMs, 3).padStart(10)} ${fmt(raw.p95Ms, 3).padStart(8)}`);
    console.log(`  policy-checked + audited       ${fmt(door1.perSec).padStart(10)} ${fmt(door1.meanMs, 3).padStart(10)} ${fmt(door1.p95Ms, 3).padStart(8)}`);
    console.log(`  ratio (policy+audit / raw):     ${fmt(door1.meanMs / raw.meanMs, 2)}x`);

    // Audit verify throughput over a long chain.
    const batch = 1000;
    for (let done = 0; done < AUDIT_ENTRIES; done += batch) {
      await database.db.transaction().execute((tx) =>
        appendAudit(tx, Array.from({ length: Math.min(batch, AUDIT_ENTRIES - done) }, (_, k) => ({
          chain: cw.country, actorId: cw.id, actorName: 'caseworker', action: 'read', entity: 'child',
          entityId: ids[k % ids.length]!, childId: ids[k % ids.length]!, reason: 'unit_caseworker', outcome: 'ok' as const,
        }))),
      );
    }
    const t0 = performance.now();
    const result = await verifyAudit(database.db);
    const secs = (performance.now() - t0) / 1000;
    if (!result.ok) throw new Error('audit chain broken in the bench');
    console.log('\nAudit verify');
    console.log(`  ${result.entries} entries in ${fmt(secs, 2)} s: ${fmt(result.entries / secs, 0)} entries/s`);
  } finally {
    await drop();
  }
}

