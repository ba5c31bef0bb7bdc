import { useTranslation } from 'react-i18next';
import type { FigureCell, FigureLabel, FigureTable } from '../../reports/figure-table.ts';
import { useFormat } from '../app/format.ts';

/**
 * A service's figure tables (src/reports/figure-table.ts) as accessible tables: a caption with the
 * unit, column and row headers, numbers in the language's format, hidden figures read as
 * "hidden". Used by the services part of the monitoring report and by a service's own pages
 * (the team's, the shelter's, the institutions'), so a figure reads the same everywhere.
 */
export function useFigureLabel() {
  const { t } = useTranslation();
  return (label: FigureLabel | undefined) => (label === undefined ? '' : label.text ?? t(label.key ?? ''));
}

export function FigureTables({ tables, headingLevel = 3 }: { tables: FigureTable[]; headingLevel?: 2 | 3 | 4 }) {
  return (
    <>
      {tables.map((table) => (
        <FigureTableView key={table.id} table={table} headingLevel={headingLevel} />
      ))}
    </>
  );
}

function FigureTableView({ table, headingLevel }: { table: FigureTable; headingLevel: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  const label = useFigureLabel();
  const format = useFormat();
  const Heading = `h${headingLevel}` as const;
  const cell = (c: FigureCell) => {
    if (c.suppressed) return t('reports.suppressedCell');
    if (c.value === null) return '–';
    if (table.unit === 'percent') return format.percent(c.value);
    return format.number(table.unit === 'count' ? c.value : Math.round(c.value * 10) / 10);
  };
  const headingId = `figure-${table.id.replace(/\W/g, '-')}`;
  return (
    <section className="figure-table" aria-labelledby={headingId} data-testid={`figure-${table.id}`}>
      <Heading id={headingId}>{label(table.title)}</Heading>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">
            {label(table.title)} ({t(`reports.services.unit.${table.unit}`)})
          </caption>
          <thead>
            <tr>
              <td />
              {table.columns.map((c) => (
                <th key={c.code} scope="col" className="num">{label(c.label)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.code} data-code={row.code}>
                <th scope="row">{label(row.label)}</th>
                {row.cells.map((c, i) => (
                  <td key={table.columns[i]?.code ?? i} className="num">{cell(c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(table.unit !== 'count' || table.note) && (
        <p className="hint">{[table.unit === 'count' ? '' : t('reports.services.unitOf', { unit: t(`reports.services.unit.${table.unit}`) }), label(table.note)].filter(Boolean).join(' · ')}</p>
      )}
    </section>
  );
}
