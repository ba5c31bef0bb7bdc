import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { withDatabase } from '../cli/cli-support.ts';
import { AppError } from '../errors.ts';
import { GENERATOR_CASES } from './generator/cases.ts';

/**
 * `safetynet import <type> <file> [--dry-run]`, `safetynet export <type> …` and
 * `safetynet generate …`. Import prints a summary and exits 0, or prints every bad row as
 * `line N, column C: message` (the first 1000, then how many more) and exits 1 having stored
 * nothing. On a terminal a progress bar follows long files; piped output stays clean.
 */
class CliError extends AppError {
  constructor(message: string) {
    super(400, message);
  }
}

/**
 * The record types, for the help text: known without loading them (they load inside the
 * commands). src/cli/compiled-cli.test.ts holds this list to recordTypeNames().
 */
export const RECORD_TYPE_NAMES = ['cases', 'meetings', 'signals', 'residents', 'shelter_admissions', 'prevention_activities'] as const;

/** Call once import.ts or export.ts is loaded: they register the record types. */
function checkType(type: string, recordTypeNames: () => string[]) {
  if (!recordTypeNames().includes(type)) throw new CliError(`Unknown type "${type}"; known types: ${recordTypeNames().join(', ')}.`);
}

async function progressBar(size: number) {
  // Only on a terminal, and only when there is something to wait for.
  if (!process.stderr.isTTY || size < 2_000_000) return null;
  const { default: cliProgress } = await import('cli-progress');
  return new cliProgress.SingleBar(
    { stream: process.stderr, format: '{phase} [{bar}] {percentage}% | {value}/{total}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
}

export function registerInterchangeCommands(program: Command): void {
  program
    .command('import <type> <file>')
    .description(`import a CSV file in the interchange format (types: ${RECORD_TYPE_NAMES.join(', ')}); all or nothing`)
    .option('--dry-run', 'validate and count, store nothing')
    .option('--json', 'print the summary (or the problems) as JSON')
    .action(async (type: string, file: string, opts: { dryRun?: boolean; json?: boolean }) => {
      const { importCsv } = await import('./import.ts');
      const { recordTypeNames } = await import('./record-types.ts');
      const { ISSUE_CAP, formatIssue } = await import('./issues.ts');
      const { systemDoor } = await import('../policy/door.ts');
      checkType(type, recordTypeNames);
      let size: number;
      try {
        const stat = fs.statSync(file);
        if (!stat.isFile()) throw new Error('not a file');
        size = stat.size;
      } catch {
        throw new CliError(`Cannot read ${file}.`);
      }
      const bar = await progressBar(size);
      let phase = '';
      const show = (name: string, value: number, total: number) => {
        if (!bar) return;
        if (phase !== name) {
          if (phase) bar.stop();
          phase = name;
          bar.start(total, value, { phase: name });
        } else bar.update(value);
      };
      const outcome = await withDatabase('import', async (database) =>
        importCsv(database.db, systemDoor(database.db, 'cli-import'), type, fs.createReadStream(file, { highWaterMark: 1 << 20 }), {
          dryRun: !!opts.dryRun,
          onBytes: (b) => show('reading ', b, size),
          onWrite: (done, total) => show('writing ', done, total),
        }).finally(() => bar?.stop()),
      );
      if (opts.json) {
        console.log(JSON.stringify(outcome, null, 2));
        if (!outcome.ok) process.exitCode = 1;
        return;
      }
      if (!outcome.ok) {
        for (const issue of outcome.issues) console.error(formatIssue(issue));
        if (outcome.total > ISSUE_CAP) console.error(`… and ${outcome.total - ISSUE_CAP} more problems.`);
        console.error(`${path.basename(file)}: ${outcome.message}.`);
        process.exitCode = 1;
        return;
      }
      const s = outcome.summary;
      console.log(`${s.dryRun ? 'Dry run of' : 'Imported'} ${path.basename(file)}: ${s.rows} rows read.`);
      for (const [kind, c] of Object.entries(s.counts)) {
        console.log(`  ${kind}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`);
      }
      if (s.dryRun) console.log('Nothing was stored (dry run).');
    });

  program
    .command('export <type>')
    .description('export records in the interchange format (spreadsheet formulas neutralised)')
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day, YYYY-MM-DD')
    .option('--jurisdiction <code>', 'a country (BG), region (BG-16) or municipality (BG-16-12) code')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (type: string, opts: { from?: string; to?: string; jurisdiction?: string; out?: string }) => {
      const { exportCsv } = await import('./export.ts');
      const { recordTypeNames } = await import('./record-types.ts');
      const { IsoDate } = await import('../domain/common-schema.ts');
      const { systemDoor } = await import('../policy/door.ts');
      checkType(type, recordTypeNames);
      for (const k of ['from', 'to'] as const) {
        if (opts[k] !== undefined && !IsoDate.safeParse(opts[k]).success) throw new CliError(`--${k} must be a real date as YYYY-MM-DD.`);
      }
      if (opts.jurisdiction && !/^[A-Z]{2}(-[0-9A-Z]{1,3}){0,2}$/.test(opts.jurisdiction)) throw new CliError('--jurisdiction must be a code such as BG, BG-16 or BG-16-12.');
      const out = opts.out ? fs.createWriteStream(opts.out) : process.stdout;
      let rows = -1;
      await withDatabase('export', async (database) => {
        for await (const chunk of exportCsv(systemDoor(database.db, 'cli-export'), type, opts)) {
          rows += chunk.split('\n').length - 1;
          if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        }
      });
      if (opts.out) {
        await new Promise<void>((resolve, reject) => (out as fs.WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())));
        console.error(`Exported ${rows} rows to ${opts.out}.`);
      }
    });

  program
    .command('generate')
    .description('write a generated year of signals and meetings (interchange format) and the report they must give')
    .option('--case <name>', `a named case: ${Object.keys(GENERATOR_CASES).join(', ')}`)
    .option('--seed <n>', 'seed of the generator', '1')
    .option('--year <yyyy>', 'the year', '2019')
    .option('--country <code>', 'BG or AL', 'BG')
    .option('--signals <n>', 'number of signals', '2000')
    .requiredOption('--out <dir>', 'folder for signals.csv, meetings.csv and expected.json')
    .action(async (opts: { case?: string; seed: string; year: string; country: string; signals: string; out: string }) => {
      const { generate } = await import('./generator/generate.ts');
      let spec;
      if (opts.case) {
        spec = GENERATOR_CASES[opts.case];
        if (!spec) throw new CliError(`Unknown case "${opts.case}"; known: ${Object.keys(GENERATOR_CASES).join(', ')}.`);
      } else {
        spec = { seed: Number(opts.seed), year: Number(opts.year), country: opts.country, signals: Number(opts.signals) };
        if (!Number.isInteger(spec.seed) || !Number.isInteger(spec.year) || !(spec.signals > 0)) throw new CliError('--seed, --year and --signals must be whole numbers.');
      }
      const result = generate(spec);
      fs.mkdirSync(opts.out, { recursive: true });
      fs.writeFileSync(path.join(opts.out, 'signals.csv'), result.signalsCsv);
      fs.writeFileSync(path.join(opts.out, 'meetings.csv'), result.meetingsCsv);
      fs.writeFileSync(path.join(opts.out, 'expected.json'), `${JSON.stringify(result.expected, null, 2)}\n`);
      console.log(`Wrote ${result.signalRows} signal rows and ${result.expected.meetings.total} meetings to ${opts.out}.`);
    });
}

export { CliError };
