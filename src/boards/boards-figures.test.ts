import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FigureTable } from '../reports/figure-table.ts';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';
import { boardFigures } from './boards-figures.ts';

/** Consultation board figures (issue 14 §3) on known boards in 2025, before any demo board. */
let t: TestApp;
const scope = { country: 'AL', region: null as string | null, timezone: 'Europe/Tirane', from: '2025-01-01', to: '2025-03-31' };
const figures = (s = scope) => t.database.unguarded.transaction().execute((tx) => boardFigures(tx, s));
const cells = (tables: FigureTable[], id: string) =>
  Object.fromEntries(tables.find((x) => x.id === id)!.rows.map((r) => [r.code, r.cells.map((c) => c.value)]));

async function ok(res: Promise<{ statusCode: number; body: string; json: () => { id: string; members: Array<{ id: string }>; viewList: Array<{ id: string; statement: string }> } }>) {
  const r = await res;
  if (r.statusCode !== 201) throw new Error(`answered ${r.statusCode}: ${r.body}`);
  return r.json();
}
/** A board with one member and a meeting on `heldOn` raising views `[statement, themes]`; answers `[statement, respondedOn]`. */
async function boardWith(c: Client, municipalityCode: string, heldOn: string, views: Array<[string, string[]]>, answers: Array<[string, string]>) {
  const b = await ok(c.post('/api/v1/boards', { name: `Fixture ${municipalityCode} ${heldOn}`, municipalityCode, establishedOn: '2024-12-01' }));
  const m = await ok(c.post(`/api/v1/boards/${b.id}/members`, { pseudonym: 'Fixture', ageBand: '12-16', sex: 'male', childConsentOn: '2024-12-02', guardianConsentOn: '2024-12-02', joinedOn: '2024-12-02' }));
  let met = await ok(c.post(`/api/v1/boards/${b.id}/meetings`, { heldOn, place: 'Centre', topics: [], attendance: [m.members[0]!.id], views: views.map(([statement, themes]) => ({ statement, themes })) }));
  for (const [statement, respondedOn] of answers) {
    const viewId = met.viewList.find((v) => v.statement === statement)!.id;
    met = await ok(c.post(`/api/v1/boards/${b.id}/responses`, { viewId, action: 'Done', byWhom: 'The unit', respondedOn, status: 'answered' }));
  }
}

beforeAll(async () => {
  t = await startTestApp();
  const korce = await t.login('caseworker');
  await boardWith(korce, 'AL-06-03', '2025-01-10', [['a', ['school_bullying']], ['b', ['school_bullying', 'health']], ['c', ['leisure']], ['d', ['health']]], [['a', '2025-01-20'], ['b', '2025-02-09'], ['c', '2025-01-13']]);
  await boardWith(korce, 'AL-06-03', '2025-03-01', [['e', ['online_safety']], ['f', ['online_safety']], ['g', ['online_safety']], ['h', ['online_safety']], ['i', ['online_safety']]], [['e', '2025-03-05'], ['f', '2025-03-05'], ['g', '2025-03-05'], ['h', '2025-03-05'], ['i', '2025-03-09']]);
  await boardWith(await t.login('e.cela'), 'AL-03-03', '2025-02-10', [['j', ['family_care']]], []);
  // Outside the period: not counted.
  await boardWith(await t.login('e.cela'), 'AL-03-03', '2025-04-02', [['k', ['family_care']]], []);
}, 120_000);
afterAll(() => t.close());

describe('consultation board figures', () => {
  it('views raised, answered and waiting by theme, municipality and region; the share answered; median and average days to answer; meetings', async () => {
    const tables = await figures();
    expect(tables.map((x) => x.id)).toEqual(['boards.byTheme', 'boards.byMunicipality', 'boards.byRegion', 'boards.shareAnswered', 'boards.timeToAnswer', 'boards.meetings']);
    expect(cells(tables, 'boards.byTheme')).toMatchObject({ school_bullying: [2, 2, 0], health: [2, 1, 1], leisure: [1, 1, 0], online_safety: [5, 5, 0], family_care: [1, 0, 1], other: [0, 0, 0] });
    expect(cells(tables, 'boards.byMunicipality')).toEqual({ 'AL-03-03': [1, 0, 1], 'AL-06-03': [9, 8, 1] });
    expect(cells(tables, 'boards.byRegion')).toEqual({ 'AL-03': [1, 0, 1], 'AL-06': [9, 8, 1] });
    expect(cells(tables, 'boards.shareAnswered')).toEqual({ 'AL-03-03': [0], 'AL-06-03': [88.9] });
    // Days: 10, 30, 3, 4, 4, 4, 4, 8 → median 4, average 8.4.
    expect(cells(tables, 'boards.timeToAnswer')).toEqual({ 'AL-03-03': [null, null], 'AL-06-03': [4, 8.4] });
    expect(cells(tables, 'boards.meetings')).toEqual({ 'AL-03-03': [1, 1, 1], 'AL-06-03': [2, 2, 2] });
    expect(tables.every((x) => x.service === 'boards')).toBe(true);
  });

  it('a region narrows to its municipalities', async () => {
    expect(cells(await figures({ ...scope, region: 'AL-03' }), 'boards.byMunicipality')).toEqual({ 'AL-03-03': [1, 0, 1] });
  });

  it('monitors get them in the services report with small cells hidden, and in its CSV; no member is named', async () => {
    const monitor = await t.login('monitor');
    const report = await monitor.get('/api/v1/reports/services?from=2025-01-01&to=2025-03-31');
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json().suppressed).toBe(true);
    const byMunicipality = report.json().tables.find((x: FigureTable) => x.id === 'boards.byMunicipality') as FigureTable;
    expect(byMunicipality.rows.find((r) => r.code === 'AL-06-03')!.cells.map((c) => c.value)).toEqual([9, 8, null]);
    expect(byMunicipality.rows.find((r) => r.code === 'AL-03-03')!.cells).toEqual([{ value: null, suppressed: true }, { value: 0 }, { value: null, suppressed: true }]);
    const time = report.json().tables.find((x: FigureTable) => x.id === 'boards.timeToAnswer') as FigureTable;
    expect(time.rows.find((r) => r.code === 'AL-06-03')!.cells.map((c) => c.value)).toEqual([4, 8.4]);
    expect(report.body).not.toContain('Fixture');
    const csv = await monitor.get('/api/v1/reports/services.csv?from=2025-01-01&to=2025-03-31&lang=en');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Views raised by theme');
    // Bulgaria's monitor sees Bulgaria's figures only.
    const bg = (await (await t.login('d.angelov')).get('/api/v1/reports/services?from=2025-01-01&to=2025-03-31')).json();
    expect(bg.tables.find((x: FigureTable) => x.id === 'boards.byMunicipality').rows).toEqual([]);
  });
});
