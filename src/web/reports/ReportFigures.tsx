import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { chartItems } from '../../reports/chart-items.ts';
import { useFormat } from '../app/format.ts';

/**
 * One breakdown of the report: a bar chart (this period next to the previous one) of the
 * categories above zero this period, largest first (src/reports/chart-items.ts, as in the PDF),
 * and beside it the table of every category in taxonomy order, zeros and hidden figures included. The chart is hidden from screen readers; the table is what they
 * read. Suppressed figures (null: a cell, or a total) draw no bar and read "hidden" in the
 * page's language, with no change beside them.
 * Recharts draws SVG with presentation attributes, and sets the few inline styles it needs
 * through the DOM (CSSOM), which the style-src 'self' policy allows.
 */
export interface FigureRow {
  code: string;
  label: string;
  count: number | null;
  previous: number | null;
  share?: number | null;
}

const CURRENT = '#1f5f99';
const PREVIOUS = '#9db4cc';

export function useCountText() {
  const { t } = useTranslation();
  const format = useFormat();
  return {
    count: (n: number | null | undefined) => (n === null || n === undefined ? t('reports.suppressedCell') : format.number(n)),
    change: (n: number | null, p: number | null) => {
      if (n === null || p === null) return '';
      const d = n - p;
      return d > 0 ? `+${format.number(d)}` : d < 0 ? `−${format.number(-d)}` : '0';
    },
    share: (n: number | null | undefined) => (n === null || n === undefined ? '' : format.percent(n)),
  };
}

export function BreakdownFigure({ id, title, rows, showShare = false }: { id: string; title: string; rows: FigureRow[]; showShare?: boolean }) {
  const { t } = useTranslation();
  const text = useCountText();
  const captionId = useId();
  const charted = chartItems(rows);
  const data = charted.map((r) => ({ label: r.label, current: r.count, previous: r.previous }));
  const longest = Math.max(...charted.map((r) => r.label.length), 4);
  return (
    <figure className="report-figure" aria-labelledby={captionId} data-testid={`figure-${id}`}>
      <figcaption id={captionId}>
        <h3>{title}</h3>
      </figcaption>
      <div className="report-figure-body">
        {data.length === 0 ? (
          <p className="hint report-chart" data-testid={`chart-${id}`}>{t('reports.noChart')}</p>
        ) : (
        <div className="report-chart" aria-hidden="true" data-testid={`chart-${id}`} data-order={charted.map((r) => r.code).join(' ')}>
          <ResponsiveContainer width="100%" height={Math.max(120, data.length * 30 + 60)}>
            <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="label" width={Math.min(220, longest * 7 + 12)} tick={{ fontSize: 12 }} interval={0} />
              <Tooltip />
              <Legend />
              <Bar dataKey="current" name={t('reports.column.count')} fill={CURRENT} isAnimationActive={false} />
              <Bar dataKey="previous" name={t('reports.column.previous')} fill={PREVIOUS} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        )}
        <div className="table-scroll report-table">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.column.label')}</th>
                <th scope="col" className="num">{t('reports.column.count')}</th>
                {showShare && <th scope="col" className="num">{t('reports.column.share')}</th>}
                <th scope="col" className="num">{t('reports.column.previous')}</th>
                <th scope="col" className="num">{t('reports.column.change')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code} data-code={r.code}>
                  <th scope="row">{r.label}</th>
                  <td className="num">{text.count(r.count)}</td>
                  {showShare && <td className="num">{text.share(r.share)}</td>}
                  <td className="num">{text.count(r.previous)}</td>
                  <td className="num">{text.change(r.count, r.previous)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </figure>
  );
}

/** Children by age group (rows) and sex (columns): grouped bars and a cross table. */
export function AgeSexFigure({ title, cells, previous, sexes, sexLabel, groupLabel }: {
  title: string;
  cells: Record<string, Record<string, number | null>>;
  previous: Record<string, Record<string, number | null>>;
  sexes: readonly string[];
  sexLabel: (sex: string) => string;
  groupLabel: (group: string) => string;
}) {
  const { t } = useTranslation();
  const text = useCountText();
  const captionId = useId();
  const colours = ['#b3456b', '#1f5f99', '#6b6b6b'];
  // Age groups keep their order on the axis; a group with no child shown is left out of the chart.
  const data = Object.entries(cells)
    .filter(([, bySex]) => Object.values(bySex).some((n) => n !== null && n > 0))
    .map(([group, bySex]) => ({ group: groupLabel(group), ...bySex }));
  return (
    <figure className="report-figure" aria-labelledby={captionId} data-testid="figure-ageSex">
      <figcaption id={captionId}>
        <h3>{title}</h3>
      </figcaption>
      <div className="report-figure-body">
        {data.length === 0 ? (
          <p className="hint report-chart" data-testid="chart-ageSex">{t('reports.noChart')}</p>
        ) : (
        <div className="report-chart" aria-hidden="true" data-testid="chart-ageSex">
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={data} margin={{ top: 4, right: 16, bottom: 4, left: 4 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="group" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              {sexes.map((sex, i) => (
                <Bar key={sex} dataKey={sex} name={sexLabel(sex)} fill={colours[i % colours.length]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
        )}
        <div className="table-scroll report-table">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.item.ageGroup')}</th>
                {sexes.map((sex) => (
                  <th key={sex} scope="col" className="num">{sexLabel(sex)}</th>
                ))}
                <th scope="col" className="num">{t('reports.column.previous')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(cells).map(([group, bySex]) => (
                <tr key={group}>
                  <th scope="row">{groupLabel(group)}</th>
                  {sexes.map((sex) => (
                    <td key={sex} className="num">{text.count(bySex[sex])}</td>
                  ))}
                  <td className="num">{sexes.map((sex) => text.count(previous[group]?.[sex])).join(' / ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </figure>
  );
}
