import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FigureTable } from '../reports/figure-table.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { preventionFigures } from './prevention-figures.ts';

/** Prevention figures (issue 14 §4) on known activities in 2025, before any demo activity. */
let t: TestApp;
const scope = { country: 'AL', region: null as string | null, timezone: 'Europe/Tirane', from: '2025-01-01', to: '2025-03-31' };
const figures = (s = scope) => t.database.unguarded.transaction().execute((tx) => preventionFigures(tx, s));
const cells = (tables: FigureTable[], id: string) =>
  Object.fromEntries(tables.find((x) => x.id === id)!.rows.map((r) => [r.code, r.cells.map((c) => c.value)]));

beforeAll(async () => {
  t = await startTestApp();
  const record = async (user: string, body: Record<string, unknown>) => {
    const res = await (await t.login(user)).post('/api/v1/prevention-activities', {
      place: 'school', title: 'Fixture', facilitators: [], adults: { parents: 0, teachers: 0, professionals: 0 }, childrenCoOrganised: false, ...body,
    });
    if (res.statusCode !== 201) throw new Error(`answered ${res.statusCode}: ${res.body}`);
  };
  await record('caseworker', { heldOn: '2025-01-15', municipalityCode: 'AL-06-03', topic: 'bullying', childrenCoOrganised: true,
    childrenReached: [{ ageGroup: '12-16', sex: 'female', children: 3 }, { ageGroup: '12-16', sex: 'male', children: 20 }], adults: { parents: 0, teachers: 4, professionals: 1 } });
  await record('provider', { heldOn: '2025-02-15', municipalityCode: 'AL-06-03', topic: 'violence', childrenReached: [{ ageGroup: '8-11', sex: 'female', children: 7 }], adults: { parents: 10, teachers: 0, professionals: 0 } });
  await record('e.cela', { heldOn: '2025-03-31', municipalityCode: 'AL-03-03', topic: 'bullying', childrenReached: [{ ageGroup: '17-18', sex: 'male', children: 2 }] });
  // Outside the period: not counted.
  await record('e.cela', { heldOn: '2025-04-01', municipalityCode: 'AL-03-03', topic: 'bullying', childrenReached: [{ ageGroup: '17-18', sex: 'male', children: 50 }] });
}, 60_000);
afterAll(() => t.close());

describe('prevention figures', () => {
  it('activities, girls, boys and adults per municipality, region and topic; children per age group × sex; co-organised', async () => {
    const tables = await figures();
    expect(tables.map((x) => x.id)).toEqual(['prevention.byMunicipality', 'prevention.byRegion', 'prevention.byTopic', 'prevention.childrenByAge', 'prevention.coOrganised']);
    expect(cells(tables, 'prevention.byMunicipality')).toEqual({ 'AL-03-03': [1, 0, 2, 0], 'AL-06-03': [2, 10, 20, 15] });
    expect(cells(tables, 'prevention.byRegion')).toEqual({ 'AL-03': [1, 0, 2, 0], 'AL-06': [2, 10, 20, 15] });
    expect(cells(tables, 'prevention.byTopic')).toMatchObject({ bullying: [2, 3, 22, 5], violence: [1, 7, 0, 10], online_safety: [0, 0, 0, 0] });
    expect(cells(tables, 'prevention.childrenByAge')).toMatchObject({ '8-11': [7, 0], '12-16': [3, 20], '17-18': [0, 2] });
    expect(cells(tables, 'prevention.coOrganised')).toEqual({ yes: [1], no: [2] });
    expect(tables.every((x) => x.service === 'prevention')).toBe(true);
  });

  it('a region narrows to its municipalities', async () => {
    expect(cells(await figures({ ...scope, region: 'AL-03' }), 'prevention.byMunicipality')).toEqual({ 'AL-03-03': [1, 0, 2, 0] });
  });

  it('in the services report and its CSV; a monitor sees small headcounts too (not suppressed: no child is counted from a record)', async () => {
    const monitor = await t.login('monitor');
    const report = await monitor.get('/api/v1/reports/services?from=2025-01-01&to=2025-03-31');
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json().suppressed).toBe(true);
    const byMunicipality = report.json().tables.find((x: FigureTable) => x.id === 'prevention.byMunicipality') as FigureTable;
    expect(byMunicipality.rows.find((r) => r.code === 'AL-03-03')!.cells.map((c) => c.value)).toEqual([1, 0, 2, 0]);
    const csv = await monitor.get('/api/v1/reports/services.csv?from=2025-01-01&to=2025-03-31&lang=en');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Prevention activities per municipality');
    // Bulgaria's monitor sees Bulgaria's figures only.
    const bg = (await (await t.login('d.angelov')).get('/api/v1/reports/services?from=2025-01-01&to=2025-03-31')).json();
    expect(bg.tables.find((x: FigureTable) => x.id === 'prevention.byMunicipality').rows).toEqual([]);
  });
});
