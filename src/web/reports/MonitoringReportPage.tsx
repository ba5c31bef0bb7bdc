import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isLanguage } from '../../domain/i18n/languages.ts';
import { MonitoringQuery, type MonitoringReport } from '../../reports/report-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { SelectField } from '../app/fields.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { zodErrors } from '../app/validation.ts';
import { useCurrentUser } from '../auth/queries.ts';
import type { Me } from '../auth/types.ts';
import { jurisdictionLabel, useJurisdictions } from '../jurisdictions/queries.ts';
import { AgeSexFigure, BreakdownFigure, type FigureRow, useCountText } from './ReportFigures.tsx';
import { type MonitoringParams, exportUrl, lastFullYear, useLatestPeriod, useMonitoringReport, yearToDate } from './queries.ts';
import { DateField } from '../app/DateInput.tsx';
import { ServicesSection } from './ServicesSection.tsx';

type Counts = Record<string, number | null>;


/** A regional agency's monitor may read only their region; everyone else the country and its regions. */
function ownRegion(me: Me): string | null {
  const regional = /^[A-Z]{2}-[0-9A-Z]{1,3}$/.test(me.organisation.jurisdictionCode);
  return regional && !me.roles.includes('supervisor') ? me.organisation.jurisdictionCode : null;
}

export function MonitoringReportPage() {
  const { t, i18n: i18next } = useTranslation();
  usePageTitle(t('reports.title'));
  const me = useCurrentUser();
  const country = me.organisation.country;
  const region = ownRegion(me);
  const regions = useJurisdictions({ parent: country });
  const regionNames = useMemo(() => new Map((regions.data ?? []).map((j) => [j.code, jurisdictionLabel(j, j.code)])), [regions.data]);
  // The period and jurisdiction live in the address (a view can be bookmarked or shared). Without a
  // period there, the page asks the server for the latest period with data and writes it there.
  const [search, setSearch] = useSearchParams();
  const jurisdiction = search.get('jurisdiction') ?? region ?? country;
  const from = search.get('from');
  const to = search.get('to');
  const params: MonitoringParams | null = from && to ? { from, to, jurisdiction } : null;
  const latest = useLatestPeriod(jurisdiction, params === null);
  useEffect(() => {
    if ((from && to) || latest.isPending) return;
    const period = latest.data?.period ?? yearToDate();
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      next.set('from', period.from);
      next.set('to', period.to);
      next.set('jurisdiction', jurisdiction);
      return next;
    }, { replace: true });
  }, [from, to, latest.isPending, latest.data, jurisdiction, setSearch]);
  const show = (values: MonitoringParams) => setSearch({ from: values.from, to: values.to, jurisdiction: values.jurisdiction });
  const report = useMonitoringReport(params);
  const language = isLanguage(i18next.language) ? i18next.language : 'en';

  const jurisdictionOptions = region
    ? [{ value: region, label: regionNames.get(region) ?? region }]
    : [{ value: country, label: t('reports.filters.wholeCountry') }, ...(regions.data ?? []).map((j) => ({ value: j.code, label: jurisdictionLabel(j, j.code) }))];

  return (
    <section className="monitoring-report">
      <h1>{t('reports.title')}</h1>
      <p className="lead">{t('reports.intro')}</p>
      {/* The filters appear with the period they start from (and start again when the address changes), so nothing typed is overwritten by the default arriving. */}
      {params === null || regions.isPending ? <Loading /> : <ReportFilters key={`${params.from}/${params.to}/${params.jurisdiction}`} params={params} options={jurisdictionOptions} onShow={show} />}
      {params === null ? null : report.isPending ? (
        <Loading what={t('forms.what.report')} />
      ) : report.isError ? (
        <ErrorMessage error={report.error} retry={() => report.refetch()} />
      ) : (
        <ReportBody report={report.data} params={params} language={language} regionNames={regionNames} />
      )}
      {params !== null && <ServicesSection params={params} language={language} />}
    </section>
  );
}

function ReportFilters({ params, options, onShow }: {
  params: MonitoringParams;
  options: Array<{ value: string; label: string }>;
  onShow: (values: MonitoringParams) => void;
}) {
  const { t } = useTranslation();
  const form = useForm<MonitoringQuery>({ resolver: zodResolver(MonitoringQuery, zodErrors), defaultValues: params });
  const { errors } = form.formState;
  // The shared schema's period check (a refinement, in English) speaks the report's words here.
  const toError = errors.to?.type === 'custom' ? { message: t('reports.invalidPeriod') } : errors.to;
  return (
    <form className="panel" noValidate onSubmit={form.handleSubmit((values) => onShow({ ...values, jurisdiction: values.jurisdiction ?? params.jurisdiction }))} data-testid="report-filters">
      <fieldset>
        <legend>{t('reports.filters.legend')}</legend>
        <div className="field-row">
          <DateField id="report-from" label={t('reports.filters.from')} control={form.control} name="from" error={errors.from} required />
          <DateField id="report-to" label={t('reports.filters.to')} control={form.control} name="to" error={toError} required />
          <SelectField id="report-jurisdiction" label={t('reports.filters.jurisdiction')} registration={form.register('jurisdiction')} options={options} error={errors.jurisdiction} />
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" data-testid="report-show">{t('reports.filters.show')}</button>
        <button type="button" className="button-secondary" onClick={() => onShow({ ...lastFullYear(), jurisdiction: form.getValues('jurisdiction') ?? params.jurisdiction })}>
          {t('reports.filters.lastYear')}
        </button>
      </div>
    </form>
  );
}

function ReportBody({ report, params, language, regionNames }: {
  report: MonitoringReport;
  params: MonitoringParams;
  language: 'sq' | 'bg' | 'en';
  regionNames: Map<string, string>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useCountText();
  const prev = report.previous;
  const rows = (taxonomy: string | null, cur: Counts, before: Counts, label?: (code: string) => string, share?: Counts): FigureRow[] =>
    Object.entries(cur).map(([code, count]) => ({
      code,
      label: label ? label(code) : t(`taxonomy:${taxonomy}.${code}`),
      count,
      previous: before[code] ?? null,
      share: share?.[code] ?? null,
    }));
  const totals = [
    { key: 'signals', label: t('reports.section.signals'), count: report.signals.total, previous: prev.signals.total },
    { key: 'children', label: t('reports.section.children'), count: report.children.total, previous: prev.children.total },
    { key: 'meetings', label: t('reports.section.meetings'), count: report.meetings.total, previous: prev.meetings.total },
    { key: 'teams', label: t('reports.item.teamsThatMet'), count: report.meetings.teamsThatMet, previous: prev.meetings.teamsThatMet },
  ];
  const range = (p: { from: string; to: string }) => t('reports.periodRange', { from: format.date(p.from), to: format.date(p.to) });
  const where = report.jurisdiction.length === 2 ? t('reports.filters.wholeCountry') : (regionNames.get(report.jurisdiction) ?? report.jurisdiction);

  return (
    <div data-testid="report-body" data-period={`${report.period.from}/${report.period.to}`} data-jurisdiction={report.jurisdiction}>
      <dl className="summary">
        <dt>{t('reports.jurisdiction')}</dt>
        <dd data-testid="report-jurisdiction">{where} ({report.jurisdiction})</dd>
        <dt>{t('reports.period')}</dt>
        <dd>{range(report.period)}</dd>
        <dt>{t('reports.previousPeriod')}</dt>
        <dd>{range(prev.period)}</dd>
      </dl>
      {report.suppressed && (
        <p className="alert alert-info" data-testid="report-suppressed">{t('reports.suppressedNote')}</p>
      )}
      <div className="report-downloads" role="group" aria-label={t('reports.download.label')}>
        <span>{t('reports.download.label')}:</span>
        {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
          <a key={f} className="button button-secondary" href={exportUrl(f, params, language)} download data-testid={`download-${f}`}>
            {t(`reports.download.${f}`)}
          </a>
        ))}
      </div>

      <h2>{t('reports.comparison')}</h2>
      <div className="table-scroll">
        <table data-testid="report-totals">
          <thead>
            <tr>
              <th scope="col">{t('reports.column.label')}</th>
              <th scope="col" className="num">{t('reports.column.count')}</th>
              <th scope="col" className="num">{t('reports.column.previous')}</th>
              <th scope="col" className="num">{t('reports.column.change')}</th>
            </tr>
          </thead>
          <tbody>
            {totals.map((row) => (
              <tr key={row.key} data-code={row.key}>
                <th scope="row">{row.label}</th>
                <td className="num">{text.count(row.count)}</td>
                <td className="num">{text.count(row.previous)}</td>
                <td className="num">{text.change(row.count, row.previous)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('reports.section.signals')}</h2>
      <p className="hint">{t('reports.harmTypeNote')}</p>
      <BreakdownFigure id="bySource" title={t('reports.section.bySource')} rows={rows('signalSource', report.signals.bySource, prev.signals.bySource)} />
      <BreakdownFigure id="byHarmType" title={t('reports.section.byHarmType')} rows={rows('harmType', report.signals.byHarmType, prev.signals.byHarmType, undefined, report.harmTypeShare)} showShare />
      <BreakdownFigure id="byPlace" title={t('reports.section.byPlace')} rows={rows('place', report.signals.byPlace, prev.signals.byPlace)} />
      <BreakdownFigure id="byPerpetrator" title={t('reports.section.byPerpetrator')} rows={rows('perpetrator', report.signals.byPerpetrator, prev.signals.byPerpetrator)} />

      <h2>{t('reports.section.children')}</h2>
      <p className="hint">{t('reports.noAgeNote')}</p>
      <AgeSexFigure
        title={t('reports.section.byAgeGroupAndSex')}
        cells={report.children.byAgeGroupAndSex}
        previous={prev.children.byAgeGroupAndSex}
        sexes={TAXONOMIES.sex}
        sexLabel={(sex) => t(`taxonomy:sex.${sex}`)}
        groupLabel={(group) => t('reports.ageGroupYears', { ageGroup: group })}
      />

      <h2>{t('reports.section.meetings')}</h2>
      <BreakdownFigure id="byType" title={t('reports.section.byType')} rows={rows('meetingType', report.meetings.byType, prev.meetings.byType)} />
      <BreakdownFigure id="byRegion" title={t('reports.section.byRegion')} rows={rows(null, report.meetings.byRegion, prev.meetings.byRegion, (code) => regionNames.get(code) ?? code)} />
      <BreakdownFigure
        id="byMandatorySector"
        title={t('reports.section.byMandatorySector')}
        rows={rows(null, report.meetings.byMandatorySector, prev.meetings.byMandatorySector, (code) => t(`reports.item.${code}`))}
      />
    </div>
  );
}
