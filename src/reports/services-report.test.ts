import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory } from '../demo/demo-doors.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { pdfText } from '../testing/pdf-text.ts';
import { type FigureScope, type FigureTable, count, keyLabel, measure, textLabel } from './figure-table.ts';
import { ServicesReport, type ServiceFigures, servicesReportFor } from './services-report.ts';
import { servicesCsv, servicesPdf, servicesXlsx } from './services-exports.ts';

/**
 * The services' figures as a report: who may read them (the monitoring report's readers), small
 * cells hidden from monitors and `n` never sent, the audit entry, and the same labels in every
 * export. The services' own figures are tested in their folders; here a service of the test's
 * own computes from the scope it is given.
 */
let t: TestApp;
const seen: FigureScope[] = [];
const testService: ServiceFigures = async (_tx, scope) => {
  seen.push(scope);
  const table: FigureTable = {
    id: 'intakes.bySituation',
    service: 'police_support',
    title: keyLabel('ui:reports.services.service.police_support'),
    unit: 'count',
    columns: [{ code: 'female', label: keyLabel('taxonomy:sex.female') }, { code: 'male', label: keyLabel('taxonomy:sex.male') }],
    rows: [
      { code: 'a', label: textLabel('=HYPERLINK("x")'), cells: [count(3), count(7)] },
      { code: 'b', label: textLabel('Tiranë'), cells: [count(0), count(12)] },
    ],
  };
  const median: FigureTable = {
    id: 'shelters.stay', service: 'shelter', title: keyLabel('ui:reports.services.service.shelter'), unit: 'days',
    columns: [{ code: 'median', label: textLabel('median') }],
    rows: [{ code: 'x', label: textLabel('House'), cells: [measure(12.25, 2)] }, { code: 'y', label: textLabel('Other'), cells: [measure(30, 9)] }],
  };
  return [table, median];
};
const query = { from: '2026-01-01', to: '2026-06-30' };

beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t?.close());

describe('the services report', () => {
  it('gives a supervisor every figure, a monitor the figures about 5 children or more, and never the group sizes', async () => {
    const dir = await demoDirectory(t.database.db);
    const full = await servicesReportFor(await dir.door('supervisor'), { ...query, jurisdiction: 'AL' }, 'json', [testService]);
    expect(ServicesReport.parse(full)).toBeTruthy();
    expect(full.suppressed).toBe(false);
    expect(full.tables[0]!.rows[0]!.cells).toEqual([{ value: 3 }, { value: 7 }]);
    expect(full.tables[1]!.rows[0]!.cells).toEqual([{ value: 12.25 }]);
    expect(seen.at(-1)).toEqual({ country: 'AL', region: null, timezone: 'Europe/Tirane', ...query });

    const hidden = await servicesReportFor(await dir.door('monitor'), { ...query, jurisdiction: 'AL-11' }, 'json', [testService]);
    expect(hidden.suppressed).toBe(true);
    expect(seen.at(-1)).toMatchObject({ country: 'AL', region: 'AL-11' });
    expect(hidden.tables[0]!.rows.map((r) => r.cells)).toEqual([[{ value: null, suppressed: true }, { value: 7 }], [{ value: 0 }, { value: 12 }]]);
    // A median over 2 children is hidden; one over 9 is shown.
    expect(hidden.tables[1]!.rows.map((r) => r.cells)).toEqual([[{ value: null, suppressed: true }], [{ value: 30 }]]);
    expect(JSON.stringify(hidden)).not.toContain('"n"');

    const audit = await t.database.db.selectFrom('audit_log').select(['entity', 'action', 'detail']).where('entity', '=', 'services_report').execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(audit.every((a) => a.action === 'report')).toBe(true);
  });

  it('is refused to roles that do not read the monitoring report, and answers 400 to a bad period', async () => {
    for (const username of ['caseworker', 'partner', 'provider', 'police_support']) {
      const res = await (await t.login(username)).get('/api/v1/reports/services?from=2026-01-01&to=2026-06-30');
      expect(res.statusCode, username).toBe(403);
    }
    const client = await t.login('supervisor');
    expect((await client.get('/api/v1/reports/services?from=2026-06-30&to=2026-01-01')).statusCode).toBe(400);
    const ok = await client.get('/api/v1/reports/services?from=2026-01-01&to=2026-06-30');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['cache-control']).toContain('no-store');
    const csv = await client.get('/api/v1/reports/services.csv?from=2026-01-01&to=2026-06-30&lang=bg');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/services-figures_AL_2026-01-01_2026-06-30\.csv/);
    expect(csv.body).toContain('Услуга');
  });

  it('writes the same labels in every export, in the language asked for, hidden figures marked and formulas defused', async () => {
    const dir = await demoDirectory(t.database.db);
    const report = await servicesReportFor(await dir.door('monitor'), { ...query, jurisdiction: 'AL-11' }, 'csv', [testService]);
    const ctx = { language: 'sq' as const, jurisdictionName: 'Tiranë' };

    const csv = servicesCsv(report, ctx);
    expect(csv).toContain('Mbështetja psikosociale në komisariat');
    expect(csv).toContain('fshehur'); // the 3 hidden
    expect(csv).toContain("'=HYPERLINK");
    expect(csv.split('\n').filter((l) => l.includes('Tiranë')).length).toBe(2);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await servicesXlsx(report, ctx)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Strehëza emergjente')!;
    const values = sheet.getSheetValues().flat().map(String);
    expect(values).toContain('House');
    expect(values).toContain('fshehur');

    const text = pdfText(await servicesPdf(report, { language: 'bg', jurisdictionName: 'Тирана' }));
    expect(text).toContain('Данни за услугите');
    expect(text).toContain('Кризисен център');
    expect(text).toContain('скрито');
    expect(text).toContain('Страница 1');
  });
});
