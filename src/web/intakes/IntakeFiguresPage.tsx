import './page-strings.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateInput, wholeDays } from '../app/DateInput.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { wallDay } from '../app/time-zone.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { FigureTables } from '../reports/FigureTables.tsx';
import { useIntakeFigures } from './queries.ts';

/** The team's own figures for a period (this year by default), the same tables as the services report. */
export function IntakeFiguresPage() {
  const { t } = useTranslation();
  usePageTitle(t('intakes.figures.title'));
  const today = wallDay(new Date());
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const figures = useIntakeFigures(from, to);
  return (
    <section>
      <p><Link to="/intakes">{t('intakes.backToList')}</Link></p>
      <h1>{t('intakes.figures.title')}</h1>
      <div className="filters">
        <div className="field">
          <label htmlFor="intake-figures-from">{t('intakes.filter.from')}</label>
          <DateInput id="intake-figures-from" value={from} onChange={wholeDays(setFrom)} />
        </div>
        <div className="field">
          <label htmlFor="intake-figures-to">{t('intakes.filter.to')}</label>
          <DateInput id="intake-figures-to" value={to} onChange={wholeDays(setTo)} />
        </div>
      </div>
      {figures.isPending ? <Loading /> : figures.isError ? <ErrorMessage error={figures.error} retry={() => figures.refetch()} /> : <FigureTables tables={figures.data.tables} headingLevel={2} />}
    </section>
  );
}
