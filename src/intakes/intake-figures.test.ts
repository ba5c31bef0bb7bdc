import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FigureScope, FigureTable } from '../reports/figure-table.ts';
import { systemDoor } from '../policy/door.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { intakeBody, stationId } from './intake-fixtures.ts';
import { intakeFigures, median } from './intake-figures.ts';

/**
 * The intake figures on known intakes of March 2025 (before the demo's dates), in Albania's time
 * zone: a call at 23:30 on 31 March (summer time) is that day's; one at 00:30 on 1 April and one
 * at 23:59 on 28 February are not in the period. On both databases.
 */
let t: TestApp;
const march: FigureScope = { country: 'AL', region: null, timezone: 'Europe/Tirane', from: '2025-03-01', to: '2025-03-31' };
let korce: string;
let durres: string;

beforeAll(async () => {
  t = await startTestApp();
  const team = await t.login('police_support');
  const cw = await t.login('caseworker');
  korce = await stationId(t);
  durres = await stationId(t, 'Drejtoria Vendore e Policisë Durrës');
  const record = async (over: Record<string, unknown>) => {
    const res = await team.post('/api/v1/intakes', intakeBody(korce, over));
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json();
  };
  await record({ calledAt: '2025-03-03T23:30:00+01:00', arrivedAt: '2025-03-04T00:00:00+01:00', legalSituation: 'in_conflict_with_law' });
  const b = await record({ calledAt: '2025-03-08T10:00:00+01:00', arrivedAt: '2025-03-08T10:50:00+01:00', legalSituation: 'victim' });
  const c = await record({ stationId: durres, municipalityCode: 'AL-02-01', calledAt: '2025-03-31T23:30:00+02:00', arrivedAt: '2025-03-31T23:50:00+02:00', legalSituation: 'victim' });
  await record({ calledAt: '2025-04-01T00:30:00+02:00', arrivedAt: '2025-04-01T01:00:00+02:00', legalSituation: 'witness' });
  await record({ calledAt: '2025-02-28T23:59:00+01:00', arrivedAt: '2025-03-01T00:20:00+01:00', legalSituation: 'witness' });
  const screen = async (signalId: string, body: Record<string, unknown>, client = cw) => {
    const s = (await client.get(`/api/v1/signals/${signalId}`)).json();
    const res = await client.post(`/api/v1/signals/${signalId}/screening`, { version: s.version, ...body });
    if (res.statusCode !== 200) throw new Error(res.body);
  };
  await screen(b.signalId, { decision: 'open_case', riskLevel: 'high' });
  await screen(c.signalId, { decision: 'no_action', riskLevel: 'low', reason: 'No concern.' }, await t.login('l.muca'));
}, 60_000);
afterAll(() => t.close());

const figures = (scope: FigureScope) => systemDoor(t.database.unguarded, 'test').read((tx) => intakeFigures(tx, scope));
const table = (tables: FigureTable[], id: string) => tables.find((x) => x.id === id)!;
const values = (x: FigureTable) => Object.fromEntries(x.rows.map((r) => [r.code, r.cells.map((c) => c.value)]));

describe('intake figures', () => {
  it('by station and month, by situation with the law, by hour and day of the call, response time, follow-up', async () => {
    const tables = await figures(march);
    expect(tables.map((x) => x.id)).toEqual(['intakes.byStationMonth', 'intakes.byLegalSituation', 'intakes.byHour', 'intakes.byWeekday', 'intakes.responseTime', 'intakes.followUp']);
    expect(tables.every((x) => x.service === 'police_support')).toBe(true);
    expect(values(table(tables, 'intakes.byStationMonth'))).toEqual({ [`${korce}|2025-03`]: [2], [`${durres}|2025-03`]: [1] });
    expect(table(tables, 'intakes.byStationMonth').rows.map((r) => r.label.text)).toContain('Drejtoria Vendore e Policisë Korçë · 2025-03');
    expect(values(table(tables, 'intakes.byLegalSituation'))).toMatchObject({ victim: [2], in_conflict_with_law: [1], witness: [0], runaway: [0] });
    const hours = values(table(tables, 'intakes.byHour'));
    expect(Object.keys(hours)).toHaveLength(24);
    expect(hours).toMatchObject({ 23: [2], 10: [1], 0: [0], 22: [0] });
    expect(values(table(tables, 'intakes.byWeekday'))).toEqual({ 1: [2], 2: [0], 3: [0], 4: [0], 5: [0], 6: [1], 7: [0] });
    const response = table(tables, 'intakes.responseTime');
    expect(response.unit).toBe('minutes');
    expect(values(response)).toEqual({ [korce]: [40], [durres]: [20] });
    expect(response.rows.find((r) => r.code === korce)!.cells[0]!.n).toBe(2);
    expect(values(table(tables, 'intakes.followUp'))).toEqual({ referred: [100], screened: [66.7], caseOpened: [33.3] });
  });

  it('a region counts the intakes of children of its municipalities; a period with none gives zeros and no median', async () => {
    const korceRegion = await figures({ ...march, region: 'AL-06' });
    expect(values(table(korceRegion, 'intakes.byStationMonth'))).toEqual({ [`${korce}|2025-03`]: [2] });
    expect(values(table(korceRegion, 'intakes.followUp'))).toEqual({ referred: [100], screened: [50], caseOpened: [50] });
    const none = await figures({ ...march, from: '2024-01-01', to: '2024-01-31' });
    expect(table(none, 'intakes.byStationMonth').rows).toEqual([]);
    expect(values(table(none, 'intakes.followUp'))).toEqual({ referred: [null], screened: [null], caseOpened: [null] });
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
  });

  it('the team reads its own figures (and only the team); a bad period is 400', async () => {
    const team = await t.login('police_support');
    const res = await team.get('/api/v1/intakes/figures?from=2025-03-01&to=2025-03-31');
    expect(res.statusCode, res.body).toBe(200);
    expect(values(table(res.json().tables, 'intakes.byLegalSituation'))).toMatchObject({ victim: [2], in_conflict_with_law: [1] });
    expect((await (await t.login('p.todorova')).get('/api/v1/intakes/figures?from=2025-03-01&to=2025-03-31')).json().tables[0].rows).toEqual([]);
    expect((await (await t.login('caseworker')).get('/api/v1/intakes/figures?from=2025-03-01&to=2025-03-31')).statusCode).toBe(403);
    expect((await team.get('/api/v1/intakes/figures?from=2025-03-31&to=2025-03-01')).statusCode).toBe(400);
    expect((await team.get('/api/v1/intakes/figures?from=2020-01-01&to=2025-03-01')).statusCode).toBe(400);
    const audit = await t.database.unguarded.selectFrom('audit_log').select('action').where('entity', '=', 'police_intake_figures').execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });
});
