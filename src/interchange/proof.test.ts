import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/cli.ts';
import { TEMPLATE_DB, withDatabase } from '../testing/database.ts';
import { BULGARIA_2019, SEED_003_FIGURES } from './generator/cases.ts';
import { type Generated, generate } from './generator/generate.ts';

/**
 * The proof against known figures: generated years go through the real CLI (`safetynet import`,
 * spawned, on a data directory or PostgreSQL database of its own), and `safetynet report
 * monitoring --format json` must give every figure the generator expects. The bulgaria-2019 case
 * must also carry every figure seed 003 Part A publishes. Spawning is slow, so the tests build on
 * each other in the order an operator would work.
 */
const PG_URL = process.env.DATABASE_URL;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-proof-'));
let env: NodeJS.ProcessEnv;
let dbName: string | null = null;

const cli = (args: string[]) => runCli(env, args);

function write(dir: string, g: Generated) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'signals.csv'), g.signalsCsv);
  fs.writeFileSync(path.join(dir, 'meetings.csv'), g.meetingsCsv);
}

const year = generate({ seed: 7, year: 2018, country: 'BG', signals: 2000 });
const bulgaria = generate(BULGARIA_2019);

beforeAll(async () => {
  env = { ...process.env, SAFETYNET_DATA_DIR: path.join(root, 'data'), SAFETYNET_LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  if (PG_URL) {
    dbName = `safetynet_test_proof_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${TEMPLATE_DB}`);
    await admin.end();
    env.DATABASE_URL = withDatabase(PG_URL, dbName);
  }
  write(path.join(root, 'year'), year);
  write(path.join(root, 'bg2019'), bulgaria);
});

afterAll(async () => {
  fs.rmSync(root, { recursive: true, force: true });
  if (dbName) {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
});

describe('the generator', () => {
  it('is deterministic: the same seed gives the same files', () => {
    const again = generate({ seed: 7, year: 2018, country: 'BG', signals: 2000 });
    expect(again.signalsCsv).toBe(year.signalsCsv);
    expect(again.meetingsCsv).toBe(year.meetingsCsv);
    expect(generate({ seed: 8, year: 2018, country: 'BG', signals: 2000 }).signalsCsv).not.toBe(year.signalsCsv);
  });

  it('bulgaria-2019 carries every figure of seed 003 Part A', () => {
    const e = bulgaria.expected;
    expect(e.signals.bySource).toMatchObject(SEED_003_FIGURES.bySource);
    expect(e.signals.byHarmType).toMatchObject(SEED_003_FIGURES.byHarmType);
    for (const [code, pct] of Object.entries(SEED_003_FIGURES.harmTypeSharePercent)) {
      expect(Math.round((e.signals.byHarmType[code]! / e.signals.total) * 100)).toBe(pct);
    }
    // Cyberbullying: "a little more than 1%".
    expect(e.signals.byHarmType.cyberbullying! / e.signals.total).toBeGreaterThan(0.01);
    expect(e.signals.byHarmType.cyberbullying! / e.signals.total).toBeLessThan(0.015);
    expect(e.signals.byPlace).toMatchObject(SEED_003_FIGURES.byPlace);
    expect(e.signals.byPerpetrator).toMatchObject(SEED_003_FIGURES.byPerpetrator);
    expect(e.children.byAgeGroupAndSex).toMatchObject(SEED_003_FIGURES.children);
    expect(e.meetings.byType).toMatchObject(SEED_003_FIGURES.meetingsByType);
    expect(e.meetings.byRegion).toMatchObject(SEED_003_FIGURES.meetingsByRegion);
    // The seven districts the seed names are the seven with the most meetings.
    const top = Object.entries(e.meetings.byRegion).sort((a, b) => b[1] - a[1]).slice(0, 7).map(([r]) => r).sort();
    expect(top).toEqual(Object.keys(SEED_003_FIGURES.meetingsByRegion).sort());
  });
});

describe('imported through the CLI, the report gives every expected figure', () => {
  const report = async (from: string, to: string) => {
    const r = await cli(['report', 'monitoring', '--from', from, '--to', to, '--jurisdiction', 'BG', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };
  const core = (r: Record<string, unknown>) => ({ period: r.period, jurisdiction: r.jurisdiction, signals: r.signals, children: r.children, meetings: r.meetings });

  it('a dry run stores nothing', async () => {
    const r = await cli(['import', 'signals', path.join(root, 'bg2019', 'signals.csv'), '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('signals: 1545 created, 0 updated, 0 unchanged');
    expect(r.stdout).toContain('Nothing was stored (dry run).');
    expect((await report('2019-01-01', '2019-12-31')).signals.total).toBe(0);
  }, 120_000);

  it('a bad file exits 1 with each bad row by line and column, storing nothing', async () => {
    const bad = bulgaria.signalsCsv.split('\n');
    // Physical lines that start a row (a quoted description may span two lines).
    const starts = bad.map((l, i) => (/^bg2019-S\d+,2019-[^,]*,BG-\d\d-\d\d,/.test(l) ? i : -1)).filter((i) => i >= 0);
    const [a, b] = [starts.find((i) => i >= 10)!, starts.find((i) => i >= 20)!];
    bad[a] = bad[a]!.replace(/^([^,]*),2019-\d\d-\d\dT/, '$1,2019-02-30T');
    bad[b] = bad[b]!.replace(/^([^,]*),([^,]*),BG-\d\d-\d\d,/, '$1,$2,Atlantis,');
    const file = path.join(root, 'bad.csv');
    fs.writeFileSync(file, bad.join('\n'));
    const r = await cli(['import', 'signals', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`line ${a + 1}, column received_at: is not a real date or time`);
    expect(r.stderr).toContain(`line ${b + 1}, column location: is not a known region code`);
    expect(r.stderr).toContain('nothing was stored');
  }, 60_000);

  it('a generated year of 2,000 signals: every figure', async () => {
    for (const type of ['signals', 'meetings']) {
      const r = await cli(['import', type, path.join(root, 'year', `${type}.csv`)]);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(core(await report('2018-01-01', '2018-12-31'))).toEqual(year.expected);
  }, 180_000);

  it('the bulgaria-2019 case: every figure, and the seed figures; a second import changes nothing', async () => {
    for (const type of ['signals', 'meetings']) {
      const r = await cli(['import', type, path.join(root, 'bg2019', `${type}.csv`)]);
      expect(r.code, r.stderr).toBe(0);
    }
    const r2019 = core(await report('2019-01-01', '2019-12-31'));
    expect(r2019).toEqual(bulgaria.expected);
    expect((r2019.signals as { bySource: object }).bySource).toMatchObject(SEED_003_FIGURES.bySource);
    const again = await cli(['import', 'signals', path.join(root, 'bg2019', 'signals.csv')]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('signals: 0 created, 0 updated, 1545 unchanged');
    expect(again.stdout).toContain('children: 0 created, 0 updated, 1178 unchanged');
  }, 180_000);

  it('round trip: export, then import into a fresh database, gives the same report', async () => {
    const out = path.join(root, 'export');
    fs.mkdirSync(out);
    for (const type of ['signals', 'meetings']) {
      const r = await cli(['export', type, '--from', '2019-01-01', '--to', '2019-12-31', '--jurisdiction', 'BG', '--out', path.join(out, `${type}.csv`)]);
      expect(r.code, r.stderr).toBe(0);
    }
    const first = env;
    env = { ...first, SAFETYNET_DATA_DIR: path.join(root, 'data2') };
    let second: string | null = null;
    if (PG_URL) {
      second = `${dbName}_rt`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${second} TEMPLATE ${TEMPLATE_DB}`);
      await admin.end();
      env.DATABASE_URL = withDatabase(PG_URL, second);
    }
    try {
      for (const type of ['signals', 'meetings']) {
        const r = await cli(['import', type, path.join(out, `${type}.csv`)]);
        expect(r.code, r.stderr).toBe(0);
      }
      expect(core(await report('2019-01-01', '2019-12-31'))).toEqual(bulgaria.expected);
    } finally {
      env = first;
      if (second) {
        const admin = new pg.Client({ connectionString: PG_URL });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${second} WITH (FORCE)`);
        await admin.end();
      }
    }
  }, 180_000);
});
