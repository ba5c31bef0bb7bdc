import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonitoringReport } from './report-schema.ts';
import { safeCell } from '../domain/spreadsheet-safe.ts';
import { systemActor } from '../policy/actor.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { createUser } from '../users/users-service.ts';
import { computeMonitoringReport } from './monitoring-report.ts';
import { insertReportFixture } from './report-fixture.ts';

/** The monitoring report over HTTP: who may read which, the same figures for all, the exports. */
let t: TestApp;
const Q = 'from=2012-01-01&to=2012-12-31';
const url = (query: string, ext = '') => `/api/v1/reports/monitoring${ext}?${query}`;
const figures = (body: Record<string, unknown>) => ({ ...body, generatedAt: undefined });

beforeAll(async () => {
  t = await startTestApp();
  await insertReportFixture(t.database.owner);
  // A regional agency: a monitor whose organisation sits in Plovdiv's region.
  const org = await sql<{ id: string }>`
    INSERT INTO organisations (country, name, sector, jurisdiction_code) VALUES ('BG', 'Regional agency Plovdiv', 'state_agency', 'BG-16') RETURNING id`.execute(t.database.owner);
  await createUser(t.database.unguarded, systemActor('test'), { username: 'r.monitor', displayName: 'Regional Monitor', organisationId: org.rows[0]!.id, roles: ['monitor'], password: 'Vlore-Sunrise-Kestrel-7', language: 'bg' });
}, 120_000);
afterAll(() => t?.close());

describe('GET /reports/monitoring', () => {
  it('answers the fixed-interface JSON shape, exactly', async () => {
    const res = await (await t.login('g.petrov')).get(url(`${Q}&jurisdiction=BG`));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(MonitoringReport.parse(body)).toBeTruthy();
    expect(Object.keys(body).sort()).toEqual(['children', 'generatedAt', 'harmTypeShare', 'jurisdiction', 'meetings', 'period', 'previous', 'signals', 'suppressed']);
    expect(body.period).toEqual({ from: '2012-01-01', to: '2012-12-31' });
    expect(body.jurisdiction).toBe('BG');
    expect(Object.keys(body.signals).sort()).toEqual(['byHarmType', 'byPerpetrator', 'byPlace', 'bySource', 'total']);
    expect(Object.keys(body.children).sort()).toEqual(['byAgeGroupAndSex', 'total']);
    expect(body.children.byAgeGroupAndSex['0-3']).toEqual({ female: 0, male: 0, unknown: 0 });
    expect(Object.keys(body.meetings)).toEqual(expect.arrayContaining(['total', 'byType', 'byRegion']));
    expect(body.meetings.byRegion['BG-16']).toBe(3);
    expect(body.signals.total).toBe(10);
  });

  it('every entitled user gets the same figures, equal to the report itself', async () => {
    const expected = await computeMonitoringReport(t.database.unguarded, { from: '2012-01-01', to: '2012-12-31', jurisdiction: 'BG-16' }, { suppress: false });
    const a = (await (await t.login('g.petrov')).get(url(`${Q}&jurisdiction=BG-16`))).json();
    const b = (await (await t.login('n.dimitrova')).get(url(`${Q}&jurisdiction=BG-16`))).json();
    expect(figures(a)).toEqual(figures(b));
    expect(figures(a)).toEqual(figures(expected as unknown as Record<string, unknown>));
    // A national monitor and a supervisor read the country's report alike, but for the cells by region.
    const country = (await (await t.login('g.petrov')).get(url(`${Q}&jurisdiction=BG`))).json();
    const monitor = (await (await t.login('d.angelov')).get(url(`${Q}&jurisdiction=BG`))).json();
    expect(monitor.signals).toEqual(country.signals);
    expect(monitor.children).toEqual(country.children);
    expect(monitor.meetings.byType).toEqual(country.meetings.byType);
    expect(monitor.meetings.byRegion['BG-16']).toBeNull();
    expect(country.meetings.byRegion['BG-16']).toBe(3);
    expect(monitor.suppressed).toBe(true);
    expect(country.suppressed).toBe(false);
  });

  it('monitors get small cells suppressed below country level; supervisors do not', async () => {
    const monitor = (await (await t.login('d.angelov')).get(url(`${Q}&jurisdiction=BG-16`))).json();
    expect(monitor.suppressed).toBe(true);
    expect(monitor.signals.bySource.police).toBeNull();
    expect(monitor.signals.bySource.ngo).toBe(5);
    expect(monitor.signals.bySource.gp).toBeNull();
    expect(monitor.children.total).toBeNull();
    const supervisor = (await (await t.login('g.petrov')).get(url(`${Q}&jurisdiction=BG-16`))).json();
    expect(supervisor.signals.bySource.police).toBe(1);
    expect(supervisor.suppressed).toBe(false);
  });

  it('defaults to the user’s country, or the regional agency’s region', async () => {
    const supervisor = (await (await t.login('g.petrov')).get(url(Q))).json();
    expect(supervisor.jurisdiction).toBe('BG');
    const national = (await (await t.login('monitor')).get(url(Q))).json();
    expect(national.jurisdiction).toBe('AL');
    const regional = await t.login('r.monitor', 'Vlore-Sunrise-Kestrel-7');
    expect((await regional.get(url(Q))).json().jurisdiction).toBe('BG-16');
    expect((await regional.get(url(`${Q}&jurisdiction=BG-26`))).statusCode).toBe(403);
    expect((await regional.get(url(`${Q}&jurisdiction=BG`))).statusCode).toBe(403);
  });

  it('refuses other roles and other countries with 403', async () => {
    for (const user of ['caseworker', 'partner', 'provider', 'police_support', 'trainer', 'admin', 'm.ivanova']) {
      const c = await t.login(user);
      expect((await c.get(url(`${Q}&jurisdiction=AL`))).statusCode, user).toBe(403);
      expect((await c.get(url(`${Q}&jurisdiction=AL`, '.csv'))).statusCode, user).toBe(403);
    }
    expect((await (await t.login('monitor')).get(url(`${Q}&jurisdiction=BG`))).statusCode).toBe(403);
    expect((await (await t.login('supervisor')).get(url(`${Q}&jurisdiction=BG-16`))).statusCode).toBe(403);
    expect((await t.anonymous.get(url(Q))).statusCode).toBe(401);
  }, 60_000);

  it('refuses bad queries with 400 and the field', async () => {
    const c = await t.login('g.petrov');
    const cases: Array<[string, string]> = [
      ['from=2019-13-01&to=2019-12-31', 'from'],
      ['from=2019-02-01&to=2019-01-31', 'to'],
      ['from=2019-01-01&to=2019-12-31&jurisdiction=XX', 'jurisdiction'],
      ['from=2019-01-01&to=2019-12-31&jurisdiction=BG-16-01', 'jurisdiction'],
      ['to=2019-12-31', 'from'],
      ['from=2019-01-01&to=2019-12-31&extra=1', 'extra'],
    ];
    for (const [query, path] of cases) {
      const res = await c.get(url(query));
      expect(res.statusCode, query).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path), query).toContain(path);
    }
    expect((await c.get(url('from=2019-01-01&to=2019-12-31&lang=de', '.csv'))).statusCode).toBe(400);
  });

  it('audits every report request with period, jurisdiction and format, refusals too', async () => {
    await (await t.login('d.angelov')).get(url(`${Q}&jurisdiction=BG-26`, '.pdf'));
    await (await t.login('monitor')).get(url(`${Q}&jurisdiction=BG`));
    const rows = await t.database.owner.selectFrom('audit_log').select(['chain', 'actor_name', 'outcome', 'entity_id', 'detail']).where('action', '=', 'report').orderBy('at').execute();
    const ok = rows.find((r) => r.actor_name === 'd.angelov' && r.entity_id === 'BG-26');
    expect(ok).toMatchObject({ chain: 'BG', outcome: 'ok', detail: { from: '2012-01-01', to: '2012-12-31', jurisdiction: 'BG-26', format: 'pdf' } });
    const denied = rows.find((r) => r.actor_name === 'monitor' && r.outcome === 'denied');
    expect(denied).toMatchObject({ chain: 'AL', detail: { jurisdiction: 'BG', format: 'json' } });
  });
});

describe('exports', () => {
  it('CSV in the requested language, as an attachment, with no formula-leading text cell', async () => {
    const res = await (await t.login('d.angelov')).get(url(`${Q}&jurisdiction=BG-16&lang=bg`, '.csv'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="monitoring-report_BG-16_2012-01-01_2012-12-31.csv"');
    const text = res.body.replace(/^\uFEFF/, '');
    expect(text).toContain('Сигнали по източник');
    expect(text).toContain('Полиция');
    // Suppressed figures are marked, never a number: a cell, and a total of 1 to 4 (the previous year's 1 signal).
    expect(text).toMatch(/Полиция,скрито,/);
    expect(text).toMatch(/^Сигнали,total,Общо,9,,скрито,$/m);
    const cells = text.trim().split('\n').flatMap((line) => line.split(','));
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c))).toEqual([]);
    const en = await (await t.login('g.petrov')).get(url(`${Q}&jurisdiction=BG-16&lang=en`, '.csv'));
    expect(en.body).toContain('Signals by source');
  });

  it('the CSV labels default to the user’s language', async () => {
    const res = await (await t.login('b.kasa')).get(url('from=2012-01-01&to=2012-12-31', '.csv'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Sinjalizimet sipas burimit');
  });

  it('XLSX and PDF answer with their types', async () => {
    const c = await t.login('g.petrov');
    const xlsx = await c.get(url(`${Q}&jurisdiction=BG&lang=sq`, '.xlsx'));
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values = workbook.worksheets[0]!.getSheetValues().flat().map(String);
    expect(values).toContain('Sinjalizimet sipas burimit');
    const pdf = await c.get(url(`${Q}&jurisdiction=BG&lang=bg`, '.pdf'));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="monitoring-report_BG_2012-01-01_2012-12-31\.pdf"$/);
  });

  it('safeCell neutralises formula-leading text and keeps numbers', () => {
    expect(safeCell('=1+1')).toBe("'=1+1");
    expect(safeCell('+x')).toBe("'+x");
    expect(safeCell('-x')).toBe("'-x");
    expect(safeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCell('\tx')).toBe("'\tx");
    expect(safeCell('\rx')).toBe("'\rx");
    expect(safeCell('Police')).toBe('Police');
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(null)).toBe('');
  });
});
