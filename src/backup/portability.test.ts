import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit/audit-log.ts';
import { type Database, wrapPglite } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { loadShippedReference } from '../jurisdictions/load.ts';
import { computeMonitoringReport } from '../reports/monitoring-report.ts';
import { DEMO_PASSWORD } from '../testing/app.ts';
import { freshDatabase } from '../testing/database.ts';
import { backup, restore } from './backup.ts';

/**
 * Backup portability: a backup taken on PGlite restores into the database the suite runs on
 * (PostgreSQL when DATABASE_URL is set, PGlite otherwise), and a backup of that restores into
 * PGlite again; each step gives the same monitoring report and an audit chain that verifies.
 * So the PostgreSQL run proves PGlite → PostgreSQL → PGlite, and every run proves the file
 * format carries a whole deployment between databases.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-portability-'));
const opened: Database[] = [];

/** An empty PGlite deployment of its own (migrated, reference data loaded), whatever the suite runs on. */
async function freshPglite(): Promise<Database> {
  const database = wrapPglite(await PGlite.create(), 'portability PGlite');
  opened.push(database);
  await migrate(database);
  await loadShippedReference(database.db);
  return database;
}

afterAll(async () => {
  for (const d of opened) await d.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const PERIODS = [
  { from: '2000-01-01', to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10), jurisdiction: 'AL' },
  { from: '2000-01-01', to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10), jurisdiction: 'BG' },
];
async function reports(database: Database) {
  const all = await Promise.all(PERIODS.map((p) => computeMonitoringReport(database.owner, p, { suppress: false })));
  // The figures, not the moment they were computed.
  return all.map(({ generatedAt: _at, ...figures }) => figures);
}

describe('backup portability', () => {
  it('PGlite → the suite database → PGlite: same reports, verifying audit chains', async () => {
    const source = await freshPglite();
    await seedDemo(source.db, DEMO_PASSWORD);
    const expected = await reports(source);
    expect(expected[0]!.signals.total).toBeGreaterThan(0);
    expect(expected[1]!.signals.total).toBeGreaterThan(0);
    const audit = await verifyAudit(source.db);
    expect(audit.ok).toBe(true);
    expect(audit.entries).toBeGreaterThan(10);

    const first = path.join(tmp, 'from-pglite.jsonl.gz');
    const taken = await backup(source, first);
    const middle = await freshDatabase();
    opened.push(middle);
    expect(middle.kind).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
    expect((await restore(middle, first)).rows).toBe(taken.rows);
    expect(await reports(middle)).toEqual(expected);
    expect(await verifyAudit(middle.db)).toEqual(audit);

    const second = path.join(tmp, `from-${middle.kind}.jsonl.gz`);
    const again = await backup(middle, second);
    expect(again.rows).toBe(taken.rows);
    const back = await freshPglite();
    await restore(back, second);
    expect(await reports(back)).toEqual(expected);
    expect(await verifyAudit(back.db)).toEqual(audit);
  }, 300_000);
});
