import type { Tx } from '../policy/door.ts';
import type { FigureCell, FigureScope, FigureTable } from '../reports/figure-table.ts';
import { keyLabel, textLabel } from '../reports/figure-table.ts';
import { ACTIVITY_TOPICS, REACH_AGE_GROUPS, REACH_SEXES } from './prevention-schema.ts';

/**
 * Prevention and awareness figures (issue 14 §4) for a country or region and a period of days:
 * activities, children reached (girls, boys) and adults reached, per municipality, per region and
 * per topic, children reached per age group and sex, and how many activities children helped
 * organise. An activity counts on the day it was held, in its municipality's region.
 *
 * Small-cell suppression does not apply: these are headcounts of who attended public sessions,
 * recorded without names, not children of the unit's records; a figure of 3 children reached
 * identifies nobody. The cells carry no `n`, so suppressTables leaves them as they are.
 */
const T = 'ui:prevention.figures';
const service = 'prevention' as const;
/** A headcount: never suppressed (no `n`). */
const headcount = (value: number): FigureCell => ({ value });

type Activity = { id: string; municipality: string; municipality_name: string; region: string; region_name: string; topic: string; co_organised: boolean; adults: number };
type Totals = { activities: number; girls: number; boys: number; adults: number };

const COLUMNS = [
  { code: 'activities', label: keyLabel(`${T}.activities`) },
  { code: 'girls', label: keyLabel(`${T}.girls`) },
  { code: 'boys', label: keyLabel(`${T}.boys`) },
  { code: 'adults', label: keyLabel(`${T}.adults`) },
];
const cellsOf = (t: Totals) => [headcount(t.activities), headcount(t.girls), headcount(t.boys), headcount(t.adults)];

export async function preventionFigures(tx: Tx, scope: FigureScope): Promise<FigureTable[]> {
  let q = tx.selectFrom('prevention_activities as a')
    .innerJoin('jurisdictions as m', 'm.code', 'a.municipality_code')
    .innerJoin('jurisdictions as r', 'r.code', 'a.region_code')
    .select(['a.id', 'a.municipality_code as municipality', 'm.name_local as municipality_name', 'a.region_code as region', 'r.name_local as region_name', 'a.topic', 'a.children_co_organised as co_organised'])
    .select((eb) => eb(eb(eb.ref('a.parents'), '+', eb.ref('a.teachers')), '+', eb.ref('a.professionals')).as('adults'))
    .where('a.country', '=', scope.country)
    .where('a.held_on', '>=', scope.from)
    .where('a.held_on', '<=', scope.to);
  if (scope.region) q = q.where('a.region_code', '=', scope.region);
  const activities: Activity[] = (await q.orderBy('a.held_on').execute()).map((r) => ({ ...r, adults: Number(r.adults) }));
  const reach = activities.length === 0 ? [] : await tx.selectFrom('prevention_reach').select(['activity_id', 'age_group', 'sex', 'children'])
    .where('country', '=', scope.country).where('activity_id', 'in', activities.map((a) => a.id)).execute();

  const girls = new Map<string, number>();
  const boys = new Map<string, number>();
  const byAgeSex = new Map<string, number>();
  for (const c of reach) {
    const side = c.sex === 'female' ? girls : boys;
    side.set(c.activity_id, (side.get(c.activity_id) ?? 0) + c.children);
    byAgeSex.set(`${c.age_group}|${c.sex}`, (byAgeSex.get(`${c.age_group}|${c.sex}`) ?? 0) + c.children);
  }
  const totalsBy = (key: (a: Activity) => string) => {
    const out = new Map<string, Totals>();
    for (const a of activities) {
      const t = out.get(key(a)) ?? { activities: 0, girls: 0, boys: 0, adults: 0 };
      t.activities += 1; t.girls += girls.get(a.id) ?? 0; t.boys += boys.get(a.id) ?? 0; t.adults += a.adults;
      out.set(key(a), t);
    }
    return out;
  };
  const names = (code: (a: Activity) => string, name: (a: Activity) => string) => new Map(activities.map((a) => [code(a), name(a)]));
  const municipalities = names((a) => a.municipality, (a) => a.municipality_name);
  const regions = names((a) => a.region, (a) => a.region_name);
  const byMunicipality = totalsBy((a) => a.municipality);
  const byRegion = totalsBy((a) => a.region);
  const byTopic = totalsBy((a) => a.topic);
  const sorted = (m: Map<string, string>) => [...m.entries()].sort(([, a], [, b]) => a.localeCompare(b));

  return [
    {
      id: 'prevention.byMunicipality', service, title: keyLabel(`${T}.byMunicipality`), unit: 'count', columns: COLUMNS,
      rows: sorted(municipalities).map(([code, name]) => ({ code, label: textLabel(name), cells: cellsOf(byMunicipality.get(code)!) })),
      note: keyLabel(`${T}.note`),
    },
    {
      id: 'prevention.byRegion', service, title: keyLabel(`${T}.byRegion`), unit: 'count', columns: COLUMNS,
      rows: sorted(regions).map(([code, name]) => ({ code, label: textLabel(name), cells: cellsOf(byRegion.get(code)!) })),
    },
    {
      id: 'prevention.byTopic', service, title: keyLabel(`${T}.byTopic`), unit: 'count', columns: COLUMNS,
      rows: ACTIVITY_TOPICS.map((code) => ({ code, label: keyLabel(`ui:prevention.topic.${code}`), cells: cellsOf(byTopic.get(code) ?? { activities: 0, girls: 0, boys: 0, adults: 0 }) })),
    },
    {
      id: 'prevention.childrenByAge', service, title: keyLabel(`${T}.childrenByAge`), unit: 'count',
      columns: REACH_SEXES.map((sex) => ({ code: sex, label: keyLabel(`taxonomy:sex.${sex}`) })),
      rows: REACH_AGE_GROUPS.map((age) => ({ code: age, label: keyLabel(`taxonomy:ageGroup.${age}`), cells: REACH_SEXES.map((sex) => headcount(byAgeSex.get(`${age}|${sex}`) ?? 0)) })),
    },
    {
      id: 'prevention.coOrganised', service, title: keyLabel(`${T}.coOrganised`), unit: 'count', columns: [{ code: 'activities', label: keyLabel(`${T}.activities`) }],
      rows: [
        { code: 'yes', label: keyLabel(`${T}.withChildren`), cells: [headcount(activities.filter((a) => a.co_organised).length)] },
        { code: 'no', label: keyLabel(`${T}.withoutChildren`), cells: [headcount(activities.filter((a) => !a.co_organised).length)] },
      ],
    },
  ];
}
