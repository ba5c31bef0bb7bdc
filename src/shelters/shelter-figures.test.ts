import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FigureTable } from '../reports/figure-table.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { shelterFigures } from './shelter-figures.ts';

/**
 * The shelter's figures on known stays (issue 13 §2), in a period before any demo stay: three
 * children admitted to the Elbasan shelter in January and February 2025, two discharged.
 */
let t: TestApp;
const scope = { country: 'AL', region: null as string | null, timezone: 'Europe/Tirane', from: '2025-01-01', to: '2025-02-28' };
const figures = (s = scope) => t.database.unguarded.transaction().execute((tx) => shelterFigures(tx, s));
const cells = (tables: FigureTable[], id: string) =>
  Object.fromEntries(tables.find((x) => x.id === id)!.rows.map((r) => [r.code, r.cells.map((c) => c.value)]));

beforeAll(async () => {
  t = await startTestApp();
  const staff = await t.login('a.shelter');
  const admit = async (at: string, harmTypes: string[], child: Record<string, unknown>) => {
    const res = await staff.post('/api/v1/shelter-admissions', {
      admittedAt: at, referredBy: 'police_station', harmTypes, overCapacityReason: 'Fixture',
      children: [{ newChild: { familyName: 'Figures', municipalityCode: 'AL-03-03', ...child } }],
    });
    if (res.statusCode !== 201) throw new Error(`admission answered ${res.statusCode}: ${res.body}`);
    return res.json().items[0].id as string;
  };
  const discharge = async (id: string, dischargedOn: string, destination: string) => {
    const res = await staff.post(`/api/v1/shelter-admissions/${id}/discharge`, { dischargedOn, destination, dischargedWith: 'Fixture' });
    if (res.statusCode !== 200) throw new Error(`discharge answered ${res.statusCode}: ${res.body}`);
  };
  await discharge(await admit('2025-01-10T10:00:00+01:00', ['physical', 'neglect'], { givenName: 'Ana', sex: 'female', birthDate: '2014-06-01' }), '2025-01-20', 'family');
  await discharge(await admit('2025-01-25T23:30:00+01:00', ['neglect'], { givenName: 'Beni', sex: 'male', birthDate: '2010-02-01' }), '2025-02-14', 'kinship_care');
  await admit('2025-02-20T03:00:00+01:00', ['sexual'], { givenName: 'Cela', sex: 'female' });
}, 60_000);
afterAll(() => t.close());

describe('shelter figures', () => {
  it('admissions by harm type and by age group × sex, occupancy by month, stay lengths, destinations', async () => {
    const tables = await figures();
    expect(tables.map((x) => x.id)).toEqual(['shelter.byHarmType', 'shelter.byAgeSex', 'shelter.occupancyByMonth', 'shelter.stayLength', 'shelter.destinations']);
    expect(tables.every((x) => x.service === 'shelter')).toBe(true);
    expect(cells(tables, 'shelter.byHarmType')).toMatchObject({ physical: [1], neglect: [2], sexual: [1], begging: [0] });
    // Columns female, male, unknown; ages on the day of admission.
    expect(cells(tables, 'shelter.byAgeSex')).toMatchObject({ '8-11': [1, 0, 0], '12-16': [0, 1, 0], unknown: [1, 0, 0], '0-3': [0, 0, 0] });
    // January: Ana 10 nights, Beni 7; February: Beni 13, Cela 9 (still there at the period's end).
    expect(cells(tables, 'shelter.occupancyByMonth')).toEqual({ '2025-01': [2, 17], '2025-02': [2, 22] });
    expect(cells(tables, 'shelter.stayLength')).toEqual({ average: [15], longest: [20] });
    expect(tables.find((x) => x.id === 'shelter.stayLength')!.rows[0]!.cells[0]!.n).toBe(2);
    expect(cells(tables, 'shelter.destinations')).toMatchObject({ family: [1], kinship_care: [1], foster_care: [0] });
  });

  it('a region holds the shelters of its municipalities; another region or period holds none of these stays', async () => {
    expect(cells(await figures({ ...scope, region: 'AL-03' }), 'shelter.byHarmType')).toMatchObject({ neglect: [2] });
    expect(cells(await figures({ ...scope, region: 'AL-06' }), 'shelter.byHarmType')).toMatchObject({ neglect: [0] });
    const january = await figures({ ...scope, to: '2025-01-31' });
    expect(cells(january, 'shelter.byHarmType')).toMatchObject({ neglect: [2], sexual: [0] });
    // Beni left in February: no stay ended in January but Ana's.
    expect(cells(january, 'shelter.stayLength')).toEqual({ average: [10], longest: [10] });
    expect(cells(january, 'shelter.occupancyByMonth')).toEqual({ '2025-01': [2, 17] });
  });
});
