import type { Tx } from '../policy/door.ts';
import { TAXONOMIES, ageGroupOf, ageOn } from '../domain/taxonomies.ts';
import { type FigureScope, type FigureTable, count, keyLabel, measure, textLabel } from '../reports/figure-table.ts';
import { DESTINATIONS } from './shelter-schema.ts';
import { daysBetween } from './shelter-reach.ts';

/**
 * The shelter's figures (issue 13 §2) for a country or region and a period of local days: the
 * admissions of the period by harm type and by age group × sex (one per child admitted), the
 * occupancy by month (children staying, and bed-days), the average and longest stays of the
 * children discharged in the period (days), and where they went. A shelter belongs to the region
 * of its municipality. The caller (the services report) checks the reader, runs it in a Door's
 * transaction, audits and suppresses small cells.
 */
type Stay = {
  admitted_on: string; discharged_on: string | null; harm_types: string[]; destination: string | null; sex: string; birth_date: string | null;
  /** An anonymised child's age on admission, kept when the birth date went (src/retention/). */
  kept_age: number | null;
};

const MONTH = /^(\d{4})-(\d{2})/;
/** The months (YYYY-MM) from one day to another, both included. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = MONTH.exec(from)!.slice(1).map(Number) as [number, number];
  const end = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) return out;
    out.push(key);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
}
const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

async function staysOf(tx: Tx, scope: FigureScope): Promise<Stay[]> {
  let q = tx.selectFrom('shelter_admissions as a')
    .innerJoin('organisations as s', 's.id', 'a.shelter_org_id')
    .innerJoin('children as c', (j) => j.onRef('c.country', '=', 'a.country').onRef('c.id', '=', 'a.child_id'))
    .select(['a.admitted_on', 'a.discharged_on', 'a.harm_types', 'a.destination', 'c.sex', 'c.birth_date', 'a.age_at_admission'])
    .where('a.country', '=', scope.country)
    // Any stay that touches the period: admitted by its end, not discharged before its start.
    .where('a.admitted_on', '<=', scope.to)
    .where((eb) => eb.or([eb('a.discharged_on', 'is', null), eb('a.discharged_on', '>=', scope.from)]));
  if (scope.region) {
    const region = scope.region;
    q = q.where((eb) => eb.or([eb('s.jurisdiction_code', '=', region), eb('s.jurisdiction_code', 'like', `${region}-%`)]));
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    admitted_on: String(r.admitted_on), discharged_on: r.discharged_on == null ? null : String(r.discharged_on), harm_types: r.harm_types,
    destination: r.destination, sex: r.sex, birth_date: r.birth_date == null ? null : String(r.birth_date),
    kept_age: r.age_at_admission,
  }));
}

const table = (id: string, title: string, unit: FigureTable['unit'], columns: FigureTable['columns'], rows: FigureTable['rows']): FigureTable => ({
  id: `shelter.${id}`, service: 'shelter', title: keyLabel(`ui:shelters.figures.${title}`), unit, columns, rows,
});
const COUNT_COLUMN = [{ code: 'children', label: keyLabel('ui:shelters.figures.children') }];

export async function shelterFigures(tx: Tx, scope: FigureScope): Promise<FigureTable[]> {
  const stays = await staysOf(tx, scope);
  const admitted = stays.filter((s) => s.admitted_on >= scope.from);
  const discharged = stays.filter((s) => s.discharged_on != null && s.discharged_on <= scope.to);

  const byHarm = table('byHarmType', 'byHarmType', 'count', COUNT_COLUMN, TAXONOMIES.harmType.map((h) => ({
    code: h, label: keyLabel(`taxonomy:harmType.${h}`), cells: [count(admitted.filter((s) => s.harm_types.includes(h)).length)],
  })));

  const ageOf = (s: Stay) => s.kept_age ?? (s.birth_date ? ageOn(s.birth_date, s.admitted_on) : null);
  const groupOf = (s: Stay) => { const a = ageOf(s); return (a === null ? null : ageGroupOf(a)) ?? 'unknown'; };
  const byAgeSex = table('byAgeSex', 'byAgeSex', 'count',
    TAXONOMIES.sex.map((x) => ({ code: x, label: keyLabel(`taxonomy:sex.${x}`) })),
    [...TAXONOMIES.ageGroup, 'unknown'].map((g) => ({
      code: g, label: keyLabel(g === 'unknown' ? 'ui:shelters.figures.ageUnknown' : `taxonomy:ageGroup.${g}`),
      cells: TAXONOMIES.sex.map((x) => count(admitted.filter((s) => groupOf(s) === g && s.sex === x).length)),
    })));

  // Occupancy: the children staying on any day of the month, and their days there (bed-days), within the period.
  const occupancy = table('occupancyByMonth', 'occupancyByMonth', 'count',
    [{ code: 'children', label: keyLabel('ui:shelters.figures.staying') }, { code: 'bedDays', label: keyLabel('ui:shelters.figures.bedDays') }],
    monthsOf(scope.from, scope.to).map((month) => {
      const first = later(`${month}-01`, scope.from);
      const last = earlier(lastDayOf(month), scope.to);
      const inMonth = stays.filter((s) => s.admitted_on <= last && (s.discharged_on == null || s.discharged_on >= first));
      // Bed-days are nights, as a stay's length is: each day from the admission to the day before the discharge.
      const days = inMonth.reduce((sum, s) => {
        const start = later(s.admitted_on, first);
        const end = s.discharged_on == null ? last : earlier(dayBefore(s.discharged_on), last);
        return sum + Math.max(0, daysBetween(start, end) + 1);
      }, 0);
      return { code: month, label: textLabel(month), cells: [count(inMonth.length), measure(days, inMonth.length)] };
    }));

  const lengths = discharged.map((s) => daysBetween(s.admitted_on, s.discharged_on!));
  const average = lengths.length === 0 ? null : Math.round((lengths.reduce((a, b) => a + b, 0) / lengths.length) * 10) / 10;
  const stayLength = table('stayLength', 'stayLength', 'days', [{ code: 'days', label: keyLabel('ui:shelters.figures.days') }], [
    { code: 'average', label: keyLabel('ui:shelters.figures.average'), cells: [measure(average, lengths.length)] },
    { code: 'longest', label: keyLabel('ui:shelters.figures.longest'), cells: [measure(lengths.length === 0 ? null : Math.max(...lengths), lengths.length)] },
  ]);

  const destinations = table('destinations', 'destinations', 'count', COUNT_COLUMN, DESTINATIONS.map((d) => ({
    code: d, label: keyLabel(`ui:shelters.stay.discharge.destinations.${d}`), cells: [count(discharged.filter((s) => s.destination === d).length)],
  })));

  return [byHarm, byAgeSex, occupancy, stayLength, destinations];
}
