import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../db/open.ts';
import type { MonitoringReport } from './report-schema.ts';
import { cliPlaces, openCliDatabase, runCli } from '../testing/cli.ts';
import { computeMonitoringReport } from './monitoring-report.ts';
import { insertReportFixture } from './report-fixture.ts';
import { registerReportsCommands } from './reports-cli.ts';
import { ServicesReport } from './services-report.ts';

/**
 * `safetynet report monitoring` as an operator runs it, on a data directory (or PostgreSQL
 * database) of its own with the report fixture. Spawning is slow: three commands, one per format.
 */
const places = cliPlaces('report-cli');
let env: NodeJS.ProcessEnv;
let expected: MonitoringReport;

const open = () => openCliDatabase(env, 'reports-cli.test');
const cli = (args: string[], report = 'monitoring') => runCli(env, ['report', report, ...args]);

beforeAll(async () => {
  env = await places.env();
  const database = await open();
  try {
    await prepareDatabase(database);
    await insertReportFixture(database.owner);
    expected = await computeMonitoringReport(database.owner, { from: '2012-01-01', to: '2012-12-31', jurisdiction: 'BG' }, { suppress: false });
  } finally {
    await database.close();
  }
}, 120_000);

afterAll(() => places.cleanup());

describe('safetynet report monitoring', () => {
  it('prints the JSON of the API, CSV rows and a text table, unsuppressed, and audits each', async () => {
    const json = await cli(['--from', '2012-01-01', '--to', '2012-12-31', '--jurisdiction', 'BG']);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as MonitoringReport;
    expect({ ...report, generatedAt: null }).toEqual({ ...expected, generatedAt: null });
    expect(report.meetings.byRegion['BG-26']).toBe(1);

    const csv = await cli(['--from', '2012-01-01', '--to', '2012-12-31', '--jurisdiction', 'BG-16', '--format', 'csv', '--lang', 'bg']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('Раздел,Код,Показател,Брой,% от сигналите,Предходен период,Промяна');
    // An operator is not a monitor: small cells show.
    expect(lines).toContain('Сигнали по източник,police,Полиция,1,,1,0');

    const text = await cli(['--from', '2012-01-01', '--to', '2012-12-31', '--jurisdiction', 'BG-26', '--format', 'text']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Monitoring report — Haskovo (BG-26)');
    expect(text.stdout).toMatch(/Helpline 116 111\s+1\s+0\s+\+1/);

    const database = await open();
    try {
      const rows = await database.owner.selectFrom('audit_log').select(['chain', 'actor_name', 'entity_id', 'detail']).where('action', '=', 'report').orderBy('seq').execute();
      expect(rows.map((r) => [r.chain, r.actor_name, r.entity_id, (r.detail as { format: string }).format])).toEqual([
        ['BG', 'system:cli', 'BG', 'json'],
        ['BG', 'system:cli', 'BG-16', 'csv'],
        ['BG', 'system:cli', 'BG-26', 'text'],
      ]);
    } finally {
      await database.close();
    }
  }, 120_000);

  it("report services prints the services' figures as JSON or CSV, audited as report services", async () => {
    const json = await cli(['--from', '2012-01-01', '--to', '2012-12-31', '--jurisdiction', 'BG'], 'services');
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout) as ServicesReport;
    expect(ServicesReport.parse(body)).toMatchObject({ jurisdiction: 'BG', suppressed: false, period: { from: '2012-01-01', to: '2012-12-31' } });
    const csv = await cli(['--from', '2012-01-01', '--to', '2012-12-31', '--jurisdiction', 'BG-16', '--format', 'csv', '--lang', 'sq'], 'services');
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe('Shërbimi,Shifra,Rreshti,Kolona,Vlera,Njësia');
    const refused = await cli(['--from', '2012-01-01', '--to', '2012-12-31', '--jurisdiction', 'XX'], 'services');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('jurisdiction');
    const database = await open();
    try {
      const rows = await database.owner.selectFrom('audit_log').select(['entity', 'entity_id']).where('entity', '=', 'services_report').orderBy('seq').execute();
      expect(rows.map((r) => r.entity_id)).toEqual(['BG', 'BG-16']);
    } finally {
      await database.close();
    }
  }, 120_000);

  it('refuses bad dates and a period that ends before it starts, with a clear message and exit code 1', async () => {
    const run = async (args: string[]) => {
      const program = new Command().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
      registerReportsCommands(program);
      try {
        await program.parseAsync(['node', 'safetynet', 'report', 'monitoring', ...args]);
        return null;
      } catch (err) {
        return err as Error & { exitCode?: number; statusCode?: number };
      }
    };
    const badDate = await run(['--from', '2019-02-30', '--to', '2019-12-31']);
    expect(badDate).toBeInstanceOf(CommanderError);
    expect(badDate!.exitCode).toBe(1);
    expect(badDate!.message).toContain('"2019-02-30" is not a real calendar date');
    const reversed = await run(['--from', '2019-12-31', '--to', '2019-01-01', '--jurisdiction', 'BG']);
    expect(reversed!.message).toBe('--to must not be before from');
    expect(reversed!.statusCode).toBe(400);
    const format = await run(['--from', '2019-01-01', '--to', '2019-12-31', '--format', 'xml']);
    expect(format!.exitCode).toBe(1);
  });
});
