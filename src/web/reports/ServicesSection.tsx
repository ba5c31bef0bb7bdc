import { useTranslation } from 'react-i18next';
// The shelter's figure labels load with its page strings (src/domain/i18n/shelters-pages-resources.ts).
import '../shelters/page-strings.ts';
import '../prevention/page-strings.ts';
import '../boards/page-strings.ts';
import '../feedback/page-strings.ts';
import type { Language } from '../../domain/i18n/languages.ts';
import type { FigureTable } from '../../reports/figure-table.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { FigureTables } from './FigureTables.tsx';
import { type MonitoringParams, exportUrl, useServicesReport } from './queries.ts';

const SERVICES: ReadonlyArray<FigureTable['service']> = ['police_support', 'shelter', 'deinstitutionalisation', 'prevention', 'boards', 'feedback', 'trainings'];

/**
 * The services' figures below the monitoring report, for its period and jurisdiction: one part
 * per service (police-station support, the emergency shelter, deinstitutionalisation), and their
 * own downloads (src/reports/services-report.ts).
 */
export function ServicesSection({ params, language }: { params: MonitoringParams; language: Language }) {
  const { t } = useTranslation();
  const report = useServicesReport(params);
  return (
    <section className="services-figures" aria-labelledby="services-figures-title" data-testid="services-figures">
      <h2 id="services-figures-title">{t('reports.services.title')}</h2>
      <p className="hint">{t('reports.services.intro')}</p>
      {report.isPending ? (
        <Loading what={t('forms.what.report')} />
      ) : report.isError ? (
        <ErrorMessage error={report.error} retry={() => report.refetch()} />
      ) : (
        <>
          {report.data.suppressed && <p className="alert alert-info">{t('reports.services.suppressedNote')}</p>}
          <div className="report-downloads" role="group" aria-label={t('reports.services.download')}>
            <span>{t('reports.services.download')}:</span>
            {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
              <a key={f} className="button button-secondary" href={exportUrl(f, params, language, 'services')} download data-testid={`services-download-${f}`}>
                {t(`reports.download.${f}`)}
              </a>
            ))}
          </div>
          {report.data.tables.length === 0 && <p className="hint">{t('reports.services.none')}</p>}
          {SERVICES.filter((s) => report.data.tables.some((x) => x.service === s)).map((service) => (
            <section key={service} aria-labelledby={`services-${service}`} data-testid={`services-${service}`}>
              <h3 id={`services-${service}`}>{t(`reports.services.service.${service}`)}</h3>
              <FigureTables tables={report.data.tables.filter((x) => x.service === service)} headingLevel={4} />
            </section>
          ))}
        </>
      )}
    </section>
  );
}
