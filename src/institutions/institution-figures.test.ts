import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../domain/deadlines.ts';
import { systemDoor } from '../policy/door.ts';
import type { FigureScope, FigureTable } from '../reports/figure-table.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { DEMO_INSTITUTIONS } from './institution-demo.ts';
import { institutionFigures } from './institution-figures.ts';

/** The deinstitutionalisation figures on the demo data (institution-demo.ts), for a country and a region. */
let t: TestApp;
beforeAll(async () => { t = await startTestApp(); }, 120_000);
afterAll(() => t?.close());

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
async function figures(country: string, region: string | null, timezone: string): Promise<Map<string, FigureTable>> {
  const scope: FigureScope = { country, region, timezone, from: day(365), to: localDay(new Date(), timezone) };
  const tables = await systemDoor(t.database.db, 'test-figures').read((tx) => institutionFigures(tx, scope));
  return new Map(tables.map((x) => [x.id.replace('deinstitutionalisation.', ''), x]));
}
const values = (table: FigureTable | undefined) => Object.fromEntries((table?.rows ?? []).map((r) => [r.code, r.cells.map((c) => c.value)]));
const last = (table: FigureTable | undefined) => Object.fromEntries((table?.rows ?? []).map((r) => [r.code, r.cells.at(-1)?.value]));

describe('deinstitutionalisation figures', () => {
  it("Albania: one child under three lives in the Korçë institution now; one left for the birth family, followed up at 3 months", async () => {
    const f = await figures('AL', null, 'Europe/Tirane');
    expect(f.get('residentsByInstitution')!.rows.map((r) => r.label.text)).toEqual([DEMO_INSTITUTIONS.AL.name]);
    expect(Object.values(last(f.get('residentsByInstitution')))).toEqual([1]);
    // A year ago both children lived there (the first month's count).
    expect(f.get('residentsByInstitution')!.rows[0]!.cells[0]!.value).toBe(2);
    expect(last(f.get('under3'))).toEqual({ all: 1, under3: 1 });
    expect(values(f.get('transitionsByTarget'))).toMatchObject({ reunification: [1], foster_care: [0], kinship_care: [0] });
    expect(values(f.get('followUps'))).toEqual({ due: [1, 0, 0], done: [1, 0, 0], overdue: [0, 0, 0] });
    expect(values(f.get('followUpOutcomes'))).toEqual({ stable: [1], at_risk: [0], broken_down: [0] });
    expect(Object.values(values(f.get('breakdowns'))).flat().every((v) => v === 0)).toBe(true);
    expect(f.get('under3')!.rows[0]!.cells.at(-1)).toEqual({ value: 1, n: 1 });
  });

  it('Bulgaria: the child placed in foster care 100 days ago has an overdue 3-month follow-up', async () => {
    const f = await figures('BG', null, 'Europe/Sofia');
    expect(last(f.get('under3'))).toEqual({ all: 1, under3: 1 });
    expect(values(f.get('transitionsByTarget'))).toMatchObject({ foster_care: [1], reunification: [0] });
    expect(values(f.get('followUps'))).toEqual({ due: [1, 0, 0], done: [0, 0, 0], overdue: [1, 0, 0] });
  });

  it('a region counts only its institutions', async () => {
    expect((await figures('AL', 'AL-06', 'Europe/Tirane')).get('residentsByInstitution')!.rows).toHaveLength(1);
    const other = await figures('AL', 'AL-03', 'Europe/Tirane');
    expect(other.get('residentsByInstitution')!.rows).toEqual([]);
    expect(last(other.get('under3'))).toEqual({ all: 0, under3: 0 });
    expect(values(other.get('transitionsByTarget')).reunification).toEqual([0]);
  });
});
