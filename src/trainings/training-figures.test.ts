import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../testing/app.ts';

/** The trainings' figures in the services report (issue 14 §5): by region and sector, knowledge gain, teams; monitors' small cells hidden. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const DAY = 86_400_000;
const period = () => `from=${new Date(Date.now() - 120 * DAY).toISOString().slice(0, 10)}&to=${new Date(Date.now() + 60 * DAY).toISOString().slice(0, 10)}`;
type Table = { id: string; rows: Array<{ code: string; cells: Array<{ value: number | null; suppressed?: true }> }> };
const tables = async (user: string, jurisdiction: string) => {
  const res = await (await t.login(user)).get(`/api/v1/reports/services?${period()}&jurisdiction=${jurisdiction}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().tables as Table[]).filter((x) => x.id.startsWith('trainings.'));
};

describe('trainings figures', () => {
  it('a monitor sees the demo figures of the country, counts of 1–4 hidden', async () => {
    const got = await tables('monitor', 'AL');
    expect(got.map((x) => x.id)).toEqual(['trainings.byRegion', 'trainings.bySector', 'trainings.knowledgeGain', 'trainings.teams']);
    // Monitors: the demo's counts of 1–4 are hidden, larger ones shown.
    const korce = got[0]!.rows.find((r) => r.code === 'AL-06')!;
    expect(korce.cells[1]).toEqual({ value: 5 }); // five professionals attended
    expect(korce.cells[0]).toEqual({ value: null, suppressed: true }); // one session
  });

  it('knowledge gain is the average of after − before; teams count certified members of the unit and its meeting partners', async () => {
    const c = await t.login('supervisor');
    const res = await c.get(`/api/v1/reports/services?${period()}&jurisdiction=AL-06`);
    expect(res.statusCode, res.body).toBe(200);
    const got = (res.json().tables as Table[]).filter((x) => x.id.startsWith('trainings.'));
    const gain = got.find((x) => x.id === 'trainings.knowledgeGain')!;
    // Korçë demo session (multi-agency collaboration): gains 27, 27, 28, 18, 5 → 21.
    expect(gain.rows.find((r) => r.code === 'multi_agency_collaboration')!.cells[2]!.value).toBe(21);
    const teams = got.find((x) => x.id === 'trainings.teams')!;
    const unit = teams.rows[0]!;
    // Elira (a user of the unit), the Korçë police and school (partners in the unit's meetings) are certified.
    expect(unit.cells[3]!.value).toBe(3);
    expect(unit.cells[0]!.value).toBe(0);
  });

  it('the figures export as CSV', async () => {
    const res = await (await t.login('monitor')).get(`/api/v1/reports/services.csv?${period()}&jurisdiction=AL`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.body).toContain('Trainings of professionals');
  });
});
