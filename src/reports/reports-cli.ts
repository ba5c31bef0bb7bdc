import { type Command, InvalidArgumentError, Option } from 'commander';
import { IsoDate } from '../domain/common-schema.ts';
import { AppError } from '../errors.ts';

/**
 * `safetynet report monitoring --from --to [--jurisdiction] [--format json|csv|text] [--lang]`
 * (and `report services`, the services' figures, as json or csv):
 * the report as the API gives it (JSON), or as the CSV export's rows, or a readable table. It runs
 * as the system handle `cli` (an operator with database access): nothing is suppressed, and the
 * request is audited on the country's chain like any other. `report rebuild` recomputes the
 * report's aggregates from the records (report-aggregates.ts).
 */
const isoDate = (value: string) => {
  const parsed = IsoDate.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`"${value}" ${parsed.error.issues[0]?.message ?? 'is not a date'}`);
  return parsed.data;
};

type Options = { from: string; to: string; jurisdiction?: string; format: 'json' | 'csv' | 'text'; lang: string };

type Database = Awaited<ReturnType<typeof import('../db/open.ts')['openConfiguredDatabase']>>;
type Query = { from: string; to: string; jurisdiction: string };
type Run = (database: Database, query: Query, opts: Options) => Promise<void>;

/** A `report <name>` command: the period and jurisdiction checked as the API checks them, the database opened, usage errors said plainly. */
function reportCommand(parent: Command, name: string, description: string, formats: string[], run: Run): void {
  parent
    .command(name)
    .description(description)
    .requiredOption('--from <YYYY-MM-DD>', 'first day of the period (local time of the country)', isoDate)
    .requiredOption('--to <YYYY-MM-DD>', 'last day of the period, inclusive', isoDate)
    .option('--jurisdiction <CODE>', 'a country (BG) or region (BG-16); default: the only country in the database')
    .addOption(new Option('--format <format>', 'output format').choices(formats).default('json'))
    .addOption(new Option('--lang <language>', 'language of the labels (csv, text)').choices(['sq', 'bg', 'en']).default('en'))
    .action(async (opts: Options) => {
      const { loadConfig } = await import('../config.ts');
      const { openConfiguredDatabase, prepareDatabase } = await import('../db/open.ts');
      const { MonitoringQuery } = await import('./report-schema.ts');
      const query = MonitoringQuery.safeParse({ from: opts.from, to: opts.to, jurisdiction: opts.jurisdiction });
      if (!query.success) throw new AppError(400, query.error.issues.map((i) => `--${i.path.join('.')} ${i.message}`).join('\n'));
      const database = await openConfiguredDatabase(loadConfig(), `safetynet report ${name}`);
      try {
        await prepareDatabase(database);
        let jurisdiction = query.data.jurisdiction;
        if (!jurisdiction) {
          const countries = await database.db.selectFrom('jurisdictions').select('code').where('level', '=', 'country').orderBy('code').execute();
          if (countries.length !== 1) throw new AppError(400, `Give --jurisdiction: one of ${countries.map((c) => c.code).join(', ')} or a region code.`);
          jurisdiction = countries[0]!.code;
        }
        await run(database, { ...query.data, jurisdiction }, opts);
      } catch (err) {
        // 400/403 from the shared code are usage errors here: say what was wrong, exit 1.
        if (err instanceof AppError) {
          const issues = (err.extra.issues as Array<{ path: string; message: string }> | undefined) ?? [];
          throw new AppError(err.statusCode, [err.message, ...issues.map((i) => `  --${i.path} ${i.message}`)].join('\n'));
        }
        throw err;
      } finally {
        await database.close();
      }
    });
}

const languageOf = async (opts: Options) => {
  const { isLanguage } = await import('../domain/i18n/i18n-resources.ts');
  return isLanguage(opts.lang) ? opts.lang : 'en';
};
// The CSV's byte-order mark is for spreadsheet programs; a terminal or a pipe does without.
const write = (body: string) => process.stdout.write(body.replace(/^\uFEFF/, ''));

export function registerReportsCommands(program: Command): void {
  const report = program.command('report').description('reports');
  reportCommand(report, 'monitoring', 'the monitoring report for a period and a country or region (JSON on stdout by default)', ['json', 'csv', 'text'], async (database, query, opts) => {
    const { systemDoor } = await import('../policy/door.ts');
    const { exportContext, monitoringReportFor, renderReport } = await import('./report-service.ts');
    const result = await monitoringReportFor(systemDoor(database.db, 'cli'), query, opts.format);
    if (opts.format === 'json') return void process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    const rendered = await renderReport(result, opts.format, await exportContext(database.db, result, await languageOf(opts)));
    write(String(rendered.body));
  });
  reportCommand(report, 'services', "the services' figures (police-station intake, the shelter, deinstitutionalisation) for a period and a country or region", ['json', 'csv'], async (database, query, opts) => {
    const { systemDoor } = await import('../policy/door.ts');
    const { jurisdictionName } = await import('./report-service.ts');
    const { servicesReportFor } = await import('./services-report.ts');
    const { servicesCsv } = await import('./services-exports.ts');
    const result = await servicesReportFor(systemDoor(database.db, 'cli'), query, opts.format);
    if (opts.format === 'json') return void process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    const language = await languageOf(opts);
    write(servicesCsv(result, { language, jurisdictionName: await jurisdictionName(database.db, result.jurisdiction, language) }));
  });
  report
    .command('rebuild')
    .description("recompute the monitoring report's aggregates from the records (they are kept in step by the database; rebuilding changes nothing unless they were not)")
    .action(async () => {
      const { loadConfig } = await import('../config.ts');
      const { openConfiguredDatabase, prepareDatabase } = await import('../db/open.ts');
      const { systemDoor } = await import('../policy/door.ts');
      const { rebuildReportAggregates } = await import('./report-aggregates.ts');
      const database = await openConfiguredDatabase(loadConfig(), 'safetynet report rebuild');
      try {
        await prepareDatabase(database);
        const rows = await rebuildReportAggregates(systemDoor(database.db, 'cli'));
        for (const [table, n] of Object.entries(rows)) process.stdout.write(`${table}: ${n} rows\n`);
      } finally {
        await database.close();
      }
    });
}
