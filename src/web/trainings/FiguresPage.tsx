import { zodResolver } from '@hookform/resolvers/zod';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isLanguage } from '../../domain/i18n/languages.ts';
import { MonitoringQuery } from '../../reports/report-schema.ts';
import type { ServicesReport } from '../../reports/services-report.ts';
import { api, apiUrl } from '../app/api.ts';
import { DateField } from '../app/DateInput.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { SelectField } from '../app/fields.tsx';
import { useFormat } from '../app/format.ts';
import { wallDay } from '../app/time-zone.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { zodErrors } from '../app/validation.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { jurisdictionLabel, useJurisdictions } from '../jurisdictions/queries.ts';
import { FigureTables } from '../reports/FigureTables.tsx';
import type { MonitoringParams } from '../reports/queries.ts';
import { TrainingsTabs } from './TrainingsTabs.tsx';

/** The period shown first: from the first of the month a year ago to today. */
function lastTwelveMonths(today: string): { from: string; to: string } {
  return { from: `${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}-01`, to: today };
}

/**
 * The trainings' figures for the trainer (issue 14 §5): a period and the country or one of its
 * regions (kept in the address, like the monitoring report's), the register's figure tables — the
 * same as the services report's —, and their CSV, XLSX and PDF downloads.
 */
export function FiguresPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  usePageTitle(t('trainings.figures.title'));
  const country = useCurrentUser().organisation.country;
  const regions = useJurisdictions({ parent: country });
  const [search, setSearch] = useSearchParams();
  const fallback = lastTwelveMonths(wallDay(new Date()));
  const params: MonitoringParams = { from: search.get('from') ?? fallback.from, to: search.get('to') ?? fallback.to, jurisdiction: search.get('jurisdiction') ?? country };
  const figures = useQuery({
    queryKey: ['trainings', 'figures', params],
    queryFn: ({ signal }) => api<ServicesReport>('/trainings/figures', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
  const language = isLanguage(i18n.language) ? i18n.language : 'en';
  const options = [{ value: country, label: t('reports.filters.wholeCountry') }, ...(regions.data ?? []).map((j) => ({ value: j.code, label: jurisdictionLabel(j, j.code) }))];
  return (
    <section data-testid="trainings-figures">
      <h1>{t('trainings.title')}</h1>
      <TrainingsTabs />
      <h2>{t('trainings.figures.title')}</h2>
      <p className="hint">{t('trainings.figures.intro')}</p>
      {regions.isPending ? <Loading /> : (
        <PeriodForm key={`${params.from}/${params.to}/${params.jurisdiction}`} params={params} options={options}
          onShow={(v) => setSearch({ from: v.from, to: v.to, jurisdiction: v.jurisdiction })} />
      )}
      {figures.isPending ? <Loading what={t('forms.what.report')} /> : figures.isError ? <ErrorMessage error={figures.error} retry={() => figures.refetch()} /> : (
        <div data-testid="trainings-figures-body" data-period={`${figures.data.period.from}/${figures.data.period.to}`} data-jurisdiction={figures.data.jurisdiction}>
          <p>{t('reports.periodRange', { from: format.date(figures.data.period.from), to: format.date(figures.data.period.to) })}</p>
          <div className="report-downloads" role="group" aria-label={t('trainings.figures.download')}>
            <span>{t('trainings.figures.download')}:</span>
            {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
              <a key={f} className="button button-secondary" href={apiUrl(`/trainings/figures.${f}`, { ...params, lang: language })} download data-testid={`trainings-figures-${f}`}>
                {t(`reports.download.${f}`)}
              </a>
            ))}
          </div>
          <FigureTables tables={figures.data.tables} headingLevel={3} />
        </div>
      )}
    </section>
  );
}

/** The monitoring report's period and jurisdiction, with its checks (the shared query schema). */
function PeriodForm({ params, options, onShow }: { params: MonitoringParams; options: Array<{ value: string; label: string }>; onShow: (v: MonitoringParams) => void }) {
  const { t } = useTranslation();
  const form = useForm<MonitoringQuery>({ resolver: zodResolver(MonitoringQuery, zodErrors), defaultValues: params });
  const { errors } = form.formState;
  const toError = errors.to?.type === 'custom' ? { message: t('reports.invalidPeriod') } : errors.to;
  return (
    <form className="panel" noValidate onSubmit={form.handleSubmit((v) => onShow({ ...v, jurisdiction: v.jurisdiction ?? params.jurisdiction }))} data-testid="trainings-figures-filters">
      <fieldset>
        <legend>{t('reports.filters.legend')}</legend>
        <div className="field-row">
          <DateField id="trainings-figures-from" label={t('reports.filters.from')} control={form.control} name="from" error={errors.from} required />
          <DateField id="trainings-figures-to" label={t('reports.filters.to')} control={form.control} name="to" error={toError} required />
          <SelectField id="trainings-figures-jurisdiction" label={t('reports.filters.jurisdiction')} registration={form.register('jurisdiction')} options={options} error={errors.jurisdiction} />
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" data-testid="trainings-figures-show">{t('reports.filters.show')}</button>
      </div>
    </form>
  );
}
