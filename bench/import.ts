/**
 * `npm run bench -- import`: `safetynet import signals` (parse, validate every row, write through
 * the policy layer in one transaction) against PostgreSQL's COPY of the same rows into the same
 * tables. The file is a generated year (src/interchange/generator) of BENCH_IMPORT_ROWS signal
 * rows (default 1,000,000). The COPY baseline loads, into a second fresh database, exactly the
 * children, signals and signal_children rows our import stored (dumped with \copy), through
 * psql's \copy … FROM (COPY FROM STDIN). Target: our import at least 1/3 of COPY's speed.
 * On PGlite there is no COPY to compare with (psql needs a server): only our import is timed.
 */
import { scratchDatabase } from './scratch.ts';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareDatabase } from '../src/db/open.ts';
import { generate } from '../src/interchange/generator/generate.ts';
import { importCsv } from '../src/interchange/import.ts';
import { systemDoor } from '../src/policy/door.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);

const TABLES: Array<[string, string]> = [
  ['children', 'country, id, ref, unit_id, municipality_code, given_name, family_name, name_key, sex, birth_date, created_by'],
  ['signals', 'country, id, ref, received_at, jurisdiction_code, region_code, unit_id, source, harm_types, place, perpetrators, description, screening_due_at, registered_by, registered_org'],
  ['signal_children', 'country, signal_id, child_id'],
];

function psql(url: string, command: string): number {
  const started = performance.now();
  const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', command], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr || r.error?.message}`);
  return performance.now() - started;
}

const rate = (rows: number, ms: number) => `${Math.round((rows / ms) * 1000).toLocaleString('en')} rows/s`;

export async function runImportBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-bench-import-'));
  try {
    console.log(`Generating ${ROWS.toLocaleString('en')} signal rows…`);
    const file = path.join(dir, 'signals.csv');
    fs.writeFileSync(file, generate({ seed: 42, year: 2019, country: 'BG', signals: ROWS }).signalsCsv);
    const mb = fs.statSync(file).size / 1024 / 1024;
    console.log(`signals.csv: ${mb.toFixed(1)} MB`);

    const target = await scratchDatabase('import');
    const { database } = target;
    await prepareDatabase(database);
    try {
      const started = performance.now();
      const outcome = await importCsv(database.db, systemDoor(database.db, 'bench'), 'signals', fs.createReadStream(file, { highWaterMark: 1 << 20 }), { dryRun: false });
      const ours = performance.now() - started;
      if (!outcome.ok) throw new Error(`import refused the generated file: ${outcome.issues.slice(0, 3).map((i) => `line ${i.line}, column ${i.column}: ${i.message}`).join('; ')}`);
      const c = outcome.summary.counts;
      const stored = c.signals!.created + c.children!.created;
      console.log(`our import (parse + validate + write, ${database.kind}): ${(ours / 1000).toFixed(1)} s, ${rate(ROWS, ours)} (${c.signals!.created} signals, ${c.children!.created} children)`);
      if (!target.url) {
        console.log('COPY comparison needs PostgreSQL (set DATABASE_URL): psql\'s \\copy reads into a server.');
        return;
      }

      // The same rows, dumped from what our import stored, then loaded by COPY into a fresh database.
      for (const [table, columns] of TABLES) psql(target.url, `\\copy (SELECT ${columns} FROM ${table}) TO '${path.join(dir, `${table}.copy`)}'`);
      const copyTarget = await scratchDatabase('copy');
      await prepareDatabase(copyTarget.database);
      try {
        let copyMs = 0;
        for (const [table, columns] of TABLES) copyMs += psql(copyTarget.url!, `\\copy ${table} (${columns}) FROM '${path.join(dir, `${table}.copy`)}'`);
        console.log(`COPY of the same rows (children, signals, signal_children): ${(copyMs / 1000).toFixed(1)} s, ${rate(ROWS, copyMs)}`);
        const ratio = copyMs / ours;
        console.log(`ratio (our speed / COPY's speed): ${ratio.toFixed(2)} — target ≥ 0.33: ${ratio >= 1 / 3 ? 'MET' : 'NOT MET'}`);
        console.log(`(${stored.toLocaleString('en')} signal and child rows stored by each)`);
      } finally {
        await copyTarget.drop();
      }
    } finally {
      await target.drop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
