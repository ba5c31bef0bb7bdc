import { type Command, InvalidArgumentError, Option } from 'commander';
import { IsoDate } from '../domain/common-schema.ts';
import { AppError } from '../errors.ts';

/**
 * `safetynet report monitoring --from --to [--jurisdiction] [--format json|csv|text] [--lang]`:
 * the report as the API gives it (JSON), or as the CSV export's rows, or a readable table. It runs
 * as the system handle `cli` (an operator with database access): nothing is suppressed, and the
 * request is audited on the country's chain like any other.
 */
const isoDate = (value: string) => {
  const parsed = IsoDate.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`"${value}" ${parsed.error.issues[0]?.message ?? 'is not a date'}`);
  return parsed.data;
};

type Options = { from: string; to: string; jurisdiction?: string; format: 'json' | 'csv' | 'text'; lang: string };

export function registerReportsCommands(program: Command): void {
  program
    .command('report')
    .description('reports')
    .command('monitoring')
    .description('the monitoring report for a period and a country or region (JSON on stdout by default)')
    .requiredOption('--from <YYYY-MM-DD>', 'first day of the period (local time of the country)', isoDate)
    .requiredOption('--to <YYYY-MM-DD>', 'last day of the period, inclusive', isoDate)
    .option('--jurisdiction <CODE>', 'a country (BG) or region (BG-16); default: the only country in the database')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv', 'text']).default('json'))
    .addOption(new Option('--lang <language>', 'language of the labels (csv, text)').choices(['sq', 'bg', 'en']).default('en'))
    .action(async (opts: Options) => {
      const { loadConfig } = await import('../config.ts');
      const { openConfiguredDatabase, prepareDatabase } = await import('../db/open.ts');
      const { isLanguage } = await import('../domain/i18n/i18n-resources.ts');
      const { MonitoringQuery } = await import('./report-schema.ts');
      const { systemDoor } = await import('../policy/door.ts');
      const { exportContext, monitoringReportFor, renderReport } = await import('./report-service.ts');
      const query = MonitoringQuery.safeParse({ from: opts.from, to: opts.to, jurisdiction: opts.jurisdiction });
      if (!query.success) throw new AppError(400, query.error.issues.map((i) => `--${i.path.join('.')} ${i.message}`).join('\n'));
      const database = await openConfiguredDatabase(loadConfig(), 'safetynet report monitoring');
      try {
        await prepareDatabase(database);
        let jurisdiction = query.data.jurisdiction;
        if (!jurisdiction) {
          const countries = await database.db.selectFrom('jurisdictions').select('code').where('level', '=', 'country').orderBy('code').execute();
          if (countries.length !== 1) throw new AppError(400, `Give --jurisdiction: one of ${countries.map((c) => c.code).join(', ')} or a region code.`);
          jurisdiction = countries[0]!.code;
        }
        const report = await monitoringReportFor(systemDoor(database.db, 'cli'), { ...query.data, jurisdiction }, opts.format);
        if (opts.format === 'json') {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          return;
        }
        const language = isLanguage(opts.lang) ? opts.lang : 'en';
        const rendered = await renderReport(report, opts.format, await exportContext(database.db, report, language));
        // The CSV's byte-order mark is for spreadsheet programs; a terminal or a pipe does without.
        process.stdout.write(String(rendered.body).replace(/^\uFEFF/, ''));
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
