/**
 * `npm run bench -- import`: `safetynet import signals` (parse, validate every row, write through
 * the policy layer in one transaction) against the limit a user would compare it with: COPY of the
 * very same CSV file into a plain table with the file's columns and no keys or indexes
 * (bench/plain.ts), in the same run — psql's \copy on PostgreSQL, COPY FROM a blob on PGlite. The
 * file is a generated year (src/interchange/generator) of BENCH_IMPORT_ROWS signal rows (default
 * 1,000,000). Also prints the import's peak resident memory.
 */
import { scratchDatabase } from './scratch.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareDatabase } from '../src/db/open.ts';
import { generate } from '../src/interchange/generator/generate.ts';
import { importCsv } from '../src/interchange/import.ts';
import { systemDoor } from '../src/policy/door.ts';
import { PLAIN_SIGNALS, copyCsvIntoPlainTable } from './plain.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);

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
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 200);
      const started = performance.now();
      const outcome = await importCsv(database.db, systemDoor(database.db, 'bench'), 'signals', fs.createReadStream(file, { highWaterMark: 1 << 20 }), { dryRun: false });
      const ours = performance.now() - started;
      clearInterval(sampler);
      if (!outcome.ok) throw new Error(`import refused the generated file: ${outcome.issues.slice(0, 3).map((i) => `line ${i.line}, column ${i.column}: ${i.message}`).join('; ')}`);
      const c = outcome.summary.counts;
      console.log(`our import (parse + validate + write, ${database.kind}): ${(ours / 1000).toFixed(1)} s, ${rate(ROWS, ours)} (${c.signals!.created} signals, ${c.children!.created} children)`);
      const copyMs = await copyCsvIntoPlainTable(file, PLAIN_SIGNALS, target.url);
      console.log(`COPY of the same file into a plain table (${target.url ? 'psql \\copy' : 'PGlite COPY'}): ${(copyMs / 1000).toFixed(1)} s, ${rate(ROWS, copyMs)}`);
      console.log(`ratio our time / COPY's: ${(ours / copyMs).toFixed(1)}x   (peak resident memory of this process: ${Math.round(peakRss / 1024 / 1024)} MB)`);
    } finally {
      await target.drop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
