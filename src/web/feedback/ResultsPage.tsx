import './page-strings.ts';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { FigureTables } from '../reports/FigureTables.tsx';
import { FeedbackTabs } from './FeedbackPage.tsx';
import { useKioskResults, useKiosks } from './queries.ts';

/** What the children said at the unit's kiosks (all, or one: `?kiosk=` in the address); fewer than 5 answers are not shown. */
export function ResultsPage() {
  const { t } = useTranslation();
  usePageTitle(t('feedback.results'));
  const [params, setParams] = useSearchParams();
  const kiosks = useKiosks();
  const chosen = kiosks.data?.items.some((k) => k.id === params.get('kiosk')) ? params.get('kiosk')! : undefined;
  const results = useKioskResults(kiosks.isPending ? params.get('kiosk') ?? undefined : chosen);
  return (
    <section data-testid="feedback-results">
      <h1>{t('feedback.results')}</h1>
      <FeedbackTabs />
      <div className="filters">
        <div className="field">
          <label htmlFor="results-kiosk">{t('feedback.kiosk')}</label>
          <select id="results-kiosk" value={chosen ?? ''} onChange={(e) => setParams(e.target.value ? { kiosk: e.target.value } : {})}>
            <option value="">{t('feedback.allKiosks')}</option>
            {(kiosks.data?.items ?? []).map((k) => <option key={k.id} value={k.id}>{k.label}</option>)}
          </select>
        </div>
      </div>
      <p className="alert alert-info">{t('feedback.suppressed')}</p>
      {results.isPending ? <Loading /> : results.isError ? <ErrorMessage error={results.error} retry={() => results.refetch()} />
        : <FigureTables tables={results.data.tables} headingLevel={2} />}
    </section>
  );
}
