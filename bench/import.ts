/**
 * `npm run bench -- import`: `safetynet import signals` (parse, validate every row, write through
 * the policy layer in one transaction) against the limit a user would compare it with: COPY of the
 * very same CSV file into a plain table with the file's columns and no keys or indexes
 * (bench/plain.ts), in the same run — psql's \copy on PostgreSQL, COPY FROM a blob on PGlite. The
 * file is a generated year (src/interchange/generator) of BENCH_IMPORT_ROWS signal rows (default
 * 1,000,000), made by the generator in a child process, so that the peak resident memory printed
 * is this process's own while it imports (BENCH_IMPORT_FILE imports an existing signals.csv instead).
 */
import { scratchDatabase } from './scratch.ts';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareDatabase } from '../src/db/open.ts';
import { importCsv } from '../src/interchange/import.ts';
import { systemDoor } from '../src/policy/door.ts';
import { PLAIN_SIGNALS, copyCsvIntoPlainTable } from './plain.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);

const rate = (rows: number, ms: number) => `${Math.round((rows / ms) * 1000).toLocaleString('en')} rows/s`;

export async function runImportBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-bench-import-'));
  try {
    let file = process.env.BENCH_IMPORT_FILE ?? path.join(dir, 'signals.csv');
    if (!process.env.BENCH_IMPORT_FILE) {
      console.log(`Generating ${ROWS.toLocaleString('en')} signal rows…`);
      const made = spawnSync(process.execPath, ['--import', 'tsx', 'src/interchange/generator/cli.ts', '--out', dir, '--seed', '42', '--year', '2019', '--country', 'BG', '--signals', String(ROWS)], { stdio: 'inherit' });
      if (made.status !== 0) throw new Error('the generator failed');
      file = path.join(dir, 'signals.csv');
    }
    const mb = fs.statSync(file).size / 1024 / 1024;
    console.log(`signals.csv: ${mb.toFixed(1)} MB`);

    const target = await scratchDatabase('import');
    const { database } = target;
    await prepareDatabase(database);
    try {
      const startRss = process.memoryUsage().rss;
      let peakRss = startRss;
      const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 200);
      const started = performance.now();
      const outcome = await importCsv(database.db, systemDoor(database.db, 'bench'), 'signals', fs.createReadStream(file, { highWaterMark: 1 << 20 }), { dryRun: false });
      const ours = performance.now() - started;
      clearInterval(sampler);
      if (!outcome.ok) throw new Error(`import refused the generated file: ${outcome.issues.slice(0, 3).map((i) => `line ${i.line}, column ${i.column}: ${i.message}`).join('; ')}`);
      const c = outcome.summary.counts;
      console.log(`our import (parse + validate + write, ${database.kind}): ${(ours / 1000).toFixed(1)} s, ${rate(outcome.summary.rows, ours)} (${c.signals!.created} signals, ${c.children!.created} children)`);
      const copyMs = await copyCsvIntoPlainTable(file, PLAIN_SIGNALS, target.url);
      console.log(`COPY of the same file into a plain table (${target.url ? 'psql \\copy' : 'PGlite COPY'}): ${(copyMs / 1000).toFixed(1)} s, ${rate(outcome.summary.rows, copyMs)}`);
      console.log(`ratio our time / COPY's: ${(ours / copyMs).toFixed(1)}x   (resident memory of this process: ${Math.round(startRss / 1024 / 1024)} MB before, ${Math.round(peakRss / 1024 / 1024)} MB at the peak)`);
    } finally {
      await target.drop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
