import type { Tx } from '../policy/door.ts';
import type { FigureScope, FigureTable } from '../reports/figure-table.ts';
import { count, keyLabel, measure, textLabel } from '../reports/figure-table.ts';
import { BOARD_THEMES } from './boards-schema.ts';

/**
 * Child consultation board figures (issue 14 §3) for a country or region and a period of days:
 * the views raised in the period by theme, municipality and region (raised, answered, waiting),
 * the share answered and the time to answer (median and average days from the meeting to the
 * answer) per municipality, and the boards' meetings and attendances per municipality. A view
 * counts on the day of the meeting that raised it; a view with several themes counts under each.
 *
 * Members are never named nor counted one by one here; cells carry their `n`, so the services
 * report hides every figure about 1–4 views or attendances for readers below country level.
 */
const T = 'ui:boards.figures';
const service = 'boards' as const;

type View = { municipality: string; municipality_name: string; region: string; region_name: string; themes: string[]; answered: boolean; days: number | null };
type Tally = { raised: number; answered: number };

const COUNT_COLUMNS = [
  { code: 'raised', label: keyLabel(`${T}.raised`) },
  { code: 'answered', label: keyLabel(`${T}.answered`) },
  { code: 'waiting', label: keyLabel(`${T}.waiting`) },
];
const countCells = (t: Tally) => [count(t.raised), count(t.answered), count(t.raised - t.answered)];

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
const round1 = (v: number) => Math.round(v * 10) / 10;

export async function boardFigures(tx: Tx, scope: FigureScope): Promise<FigureTable[]> {
  let q = tx.selectFrom('board_views as v')
    .innerJoin('consultation_boards as b', (j) => j.onRef('b.country', '=', 'v.country').onRef('b.id', '=', 'v.board_id'))
    .innerJoin('jurisdictions as m', 'm.code', 'b.municipality_code')
    .innerJoin('jurisdictions as r', 'r.code', 'b.region_code')
    .select(['b.municipality_code as municipality', 'm.name_local as municipality_name', 'b.region_code as region', 'r.name_local as region_name', 'v.themes', 'v.status', 'v.raised_on', 'v.answered_on'])
    .where('v.country', '=', scope.country)
    .where('v.raised_on', '>=', scope.from)
    .where('v.raised_on', '<=', scope.to);
  if (scope.region) q = q.where('b.region_code', '=', scope.region);
  const views: View[] = (await q.execute()).map((v) => ({
    municipality: v.municipality, municipality_name: v.municipality_name, region: v.region, region_name: v.region_name, themes: v.themes,
    answered: v.status === 'answered',
    days: v.status === 'answered' && v.answered_on ? Math.round((Date.parse(v.answered_on) - Date.parse(v.raised_on)) / 86_400_000) : null,
  }));

  let mq = tx.selectFrom('board_meetings as g')
    .innerJoin('consultation_boards as b', (j) => j.onRef('b.country', '=', 'g.country').onRef('b.id', '=', 'g.board_id'))
    .innerJoin('jurisdictions as m', 'm.code', 'b.municipality_code')
    .select(['g.id', 'g.board_id', 'b.municipality_code as municipality', 'm.name_local as municipality_name'])
    .select((eb) => eb.selectFrom('board_attendance as a').select((e) => e.fn.countAll<string>().as('n')).whereRef('a.country', '=', 'g.country').whereRef('a.meeting_id', '=', 'g.id').as('attended'))
    .where('g.country', '=', scope.country)
    .where('g.held_on', '>=', scope.from)
    .where('g.held_on', '<=', scope.to);
  if (scope.region) mq = mq.where('b.region_code', '=', scope.region);
  const meetings = await mq.execute();

  const tallyBy = (keys: (v: View) => string[]) => {
    const out = new Map<string, Tally>();
    for (const v of views) {
      for (const k of keys(v)) {
        const t = out.get(k) ?? { raised: 0, answered: 0 };
        t.raised += 1; if (v.answered) t.answered += 1;
        out.set(k, t);
      }
    }
    return out;
  };
  const names = new Map<string, string>();
  for (const v of views) { names.set(v.municipality, v.municipality_name); names.set(v.region, v.region_name); }
  for (const m of meetings) names.set(m.municipality, m.municipality_name);
  const byName = (codes: Iterable<string>) => [...new Set(codes)].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b));
  const municipalities = byName([...views.map((v) => v.municipality), ...meetings.map((m) => m.municipality)]);
  const regions = byName(views.map((v) => v.region));
  const byTheme = tallyBy((v) => v.themes);
  const byMunicipality = tallyBy((v) => [v.municipality]);
  const byRegion = tallyBy((v) => [v.region]);
  const empty: Tally = { raised: 0, answered: 0 };

  return [
    {
      id: 'boards.byTheme', service, title: keyLabel(`${T}.byTheme`), unit: 'count', columns: COUNT_COLUMNS,
      rows: BOARD_THEMES.map((code) => ({ code, label: keyLabel(`taxonomy:boardTheme.${code}`), cells: countCells(byTheme.get(code) ?? empty) })),
      note: keyLabel(`${T}.themeNote`),
    },
    {
      id: 'boards.byMunicipality', service, title: keyLabel(`${T}.byMunicipality`), unit: 'count', columns: COUNT_COLUMNS,
      rows: municipalities.map((code) => ({ code, label: textLabel(names.get(code) ?? code), cells: countCells(byMunicipality.get(code) ?? empty) })),
    },
    {
      id: 'boards.byRegion', service, title: keyLabel(`${T}.byRegion`), unit: 'count', columns: COUNT_COLUMNS,
      rows: regions.map((code) => ({ code, label: textLabel(names.get(code) ?? code), cells: countCells(byRegion.get(code) ?? empty) })),
    },
    {
      id: 'boards.shareAnswered', service, title: keyLabel(`${T}.shareAnswered`), unit: 'percent', columns: [{ code: 'share', label: keyLabel(`${T}.share`) }],
      rows: municipalities.map((code) => {
        const t = byMunicipality.get(code) ?? empty;
        return { code, label: textLabel(names.get(code) ?? code), cells: [measure(t.raised === 0 ? null : round1((100 * t.answered) / t.raised), t.raised)] };
      }),
    },
    {
      id: 'boards.timeToAnswer', service, title: keyLabel(`${T}.timeToAnswer`), unit: 'days',
      columns: [{ code: 'median', label: keyLabel(`${T}.median`) }, { code: 'average', label: keyLabel(`${T}.average`) }],
      rows: municipalities.map((code) => {
        const days = views.filter((v) => v.municipality === code && v.days !== null).map((v) => v.days!);
        const avg = days.length === 0 ? null : round1(days.reduce((s, d) => s + d, 0) / days.length);
        return { code, label: textLabel(names.get(code) ?? code), cells: [measure(median(days), days.length), measure(avg, days.length)] };
      }),
      note: keyLabel(`${T}.timeNote`),
    },
    {
      id: 'boards.meetings', service, title: keyLabel(`${T}.meetings`), unit: 'count',
      columns: [{ code: 'boards', label: keyLabel(`${T}.boards`) }, { code: 'meetings', label: keyLabel(`${T}.meetingCount`) }, { code: 'attendances', label: keyLabel(`${T}.attendances`) }],
      rows: municipalities.map((code) => {
        const here = meetings.filter((m) => m.municipality === code);
        return {
          code, label: textLabel(names.get(code) ?? code),
          // Boards and meetings are not children: never hidden. Attendances are.
          cells: [{ value: new Set(here.map((m) => m.board_id)).size }, { value: here.length }, count(here.reduce((s, m) => s + Number(m.attended ?? 0), 0))],
        };
      }),
    },
  ];
}
