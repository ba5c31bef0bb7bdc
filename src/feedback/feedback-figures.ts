import type { Tx } from '../policy/door.ts';
import type { FigureCell, FigureScope, FigureTable } from '../reports/figure-table.ts';
import { keyLabel, textLabel } from '../reports/figure-table.ts';
import { AGE_BANDS, FACE_QUESTIONS, MEET_PLACES, type FaceQuestion } from './feedback-schema.ts';

/**
 * The children's feedback figures (issue 14 §1): per question the average face and how many
 * children chose each face, the answers per self-declared age band and per quarter, where
 * children would like to meet, and (in the services report) per unit. Free texts never appear.
 *
 * Small-cell suppression holds for every reader, the unit's own staff included: a figure over
 * fewer than 5 answers is not shown (value null, `suppressed`), and a face's count is shown only
 * when its question has 5 answers or more. The cells leave here without `n`.
 */
const T = 'ui:feedback.figures';
const service = 'feedback' as const;
export const MIN_ANSWERS = 5;

export type AnswerRow = { felt: number | null; listened: number | null; better: number | null; meet_place: string | null; age_band: string | null; quarter: string; unit: string };

const hidden: FigureCell = { value: null, suppressed: true };
const shown = (value: number | null): FigureCell => ({ value });
/** The average face of `faces` (one decimal), or hidden under 5 answers. */
function average(faces: number[]): FigureCell {
  if (faces.length === 0) return shown(null);
  if (faces.length < MIN_ANSWERS) return hidden;
  return shown(Math.round((faces.reduce((a, b) => a + b, 0) / faces.length) * 10) / 10);
}
/** A count of answers within a group of `group` answers: hidden when the group is under 5. */
const countIn = (n: number, group: number): FigureCell => (group > 0 && group < MIN_ANSWERS ? hidden : shown(n));
const facesOf = (rows: AnswerRow[], q: FaceQuestion) => rows.flatMap((r) => (r[q] === null ? [] : [r[q]!]));

const QUESTION_COLUMNS = FACE_QUESTIONS.map((q) => ({ code: q, label: keyLabel(`${T}.question.${q}`) }));
/** A row of averages per question over `rows`, with the number of answers (hidden under 5). */
const averagesRow = (rows: AnswerRow[]) => [countIn(rows.length, rows.length), ...FACE_QUESTIONS.map((q) => average(facesOf(rows, q)))];
const AVERAGE_COLUMNS = [{ code: 'answers', label: keyLabel(`${T}.answers`) }, ...QUESTION_COLUMNS];

function groupBy(rows: AnswerRow[], key: (r: AnswerRow) => string | null): Map<string, AnswerRow[]> {
  const out = new Map<string, AnswerRow[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    out.set(k, [...(out.get(k) ?? []), r]);
  }
  return out;
}

/** The tables over a set of answers; `byUnit` adds the line per unit (the services report). */
export function feedbackTables(rows: AnswerRow[], opts: { byUnit?: boolean } = {}): FigureTable[] {
  const byAge = groupBy(rows, (r) => r.age_band);
  const byQuarter = groupBy(rows, (r) => r.quarter);
  const placed = rows.filter((r) => r.meet_place !== null);
  const tables: FigureTable[] = [
    {
      id: 'feedback.byQuestion', service, title: keyLabel(`${T}.byQuestion`), unit: 'count',
      columns: [{ code: 'average', label: keyLabel(`${T}.average`) }, { code: 'answers', label: keyLabel(`${T}.answers`) },
        ...[1, 2, 3, 4, 5].map((f) => ({ code: `face${f}`, label: keyLabel(`${T}.face${f}`) }))],
      rows: FACE_QUESTIONS.map((q) => {
        const faces = facesOf(rows, q);
        return { code: q, label: keyLabel(`${T}.question.${q}`), cells: [average(faces), countIn(faces.length, faces.length), ...[1, 2, 3, 4, 5].map((f) => countIn(faces.filter((x) => x === f).length, faces.length))] };
      }),
      note: keyLabel(`${T}.note`),
    },
    {
      id: 'feedback.byAgeBand', service, title: keyLabel(`${T}.byAgeBand`), unit: 'count', columns: AVERAGE_COLUMNS,
      rows: AGE_BANDS.map((b) => ({ code: b, label: keyLabel(`ui:kiosk.age.${b}`), cells: averagesRow(byAge.get(b) ?? []) })),
    },
    {
      id: 'feedback.byQuarter', service, title: keyLabel(`${T}.byQuarter`), unit: 'count', columns: AVERAGE_COLUMNS,
      rows: [...byQuarter.keys()].sort().map((q) => ({ code: q, label: textLabel(q), cells: averagesRow(byQuarter.get(q)!) })),
    },
    {
      id: 'feedback.meetPlace', service, title: keyLabel(`${T}.meetPlace`), unit: 'count', columns: [{ code: 'answers', label: keyLabel(`${T}.answers`) }],
      rows: MEET_PLACES.map((p) => ({ code: p, label: keyLabel(`taxonomy:preferredMeetingPlace.${p}`), cells: [countIn(placed.filter((r) => r.meet_place === p).length, placed.length)] })),
    },
  ];
  if (opts.byUnit) {
    const units = groupBy(rows, (r) => r.unit);
    tables.push({
      id: 'feedback.byUnit', service, title: keyLabel(`${T}.byUnit`), unit: 'count', columns: AVERAGE_COLUMNS,
      rows: [...units.keys()].sort((a, b) => a.localeCompare(b)).map((u) => ({ code: u, label: textLabel(u), cells: averagesRow(units.get(u)!) })),
    });
  }
  return tables;
}

function answersQuery(tx: Tx) {
  return tx.selectFrom('kiosk_answers as a').innerJoin('kiosks as k', 'k.id', 'a.kiosk_id').innerJoin('organisations as o', 'o.id', 'k.org_id')
    .select(['a.felt', 'a.listened', 'a.better', 'a.meet_place', 'a.age_band', 'a.quarter', 'o.name as unit']);
}

/** The services report's figures (src/reports/service-figures.ts): a country or region, a period of days. */
export async function feedbackFigures(tx: Tx, scope: FigureScope): Promise<FigureTable[]> {
  let q = answersQuery(tx).where('a.country', '=', scope.country).where('a.submitted_on', '>=', scope.from).where('a.submitted_on', '<=', scope.to);
  if (scope.region) q = q.where('k.region_code', '=', scope.region);
  return feedbackTables(await q.execute(), { byUnit: true });
}

/** A unit's figures: all its kiosks, or one. */
export async function unitFeedbackFigures(tx: Tx, unit: { country: string; orgId: string }, kioskId?: string): Promise<FigureTable[]> {
  let q = answersQuery(tx).where('a.country', '=', unit.country).where('k.org_id', '=', unit.orgId);
  if (kioskId) q = q.where('k.id', '=', kioskId);
  return feedbackTables(await q.execute());
}
