import './page-strings.ts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import type { IntakeListItem } from '../../intakes/intake-schema.ts';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { DateInput, wholeDays } from '../app/DateInput.tsx';
import { Loading } from '../app/ErrorMessage.tsx';
import { ListLoadFailed, emptyState } from '../app/ListStates.tsx';
import { useFormat } from '../app/format.ts';
import { oneOf, useUrlFilters } from '../app/url-filters.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { useOrganisations } from '../meetings/queries.ts';
import { useIntakes } from './queries.ts';

const PAGE_SIZE = 25;
const NO_ROWS: IntakeListItem[] = [];
const FILTERS = ['stationId', 'legalSituation', 'screened', 'followedUp', 'from', 'to'] as const;
const DATE = /^\d{4}-\d\d-\d\d$/;
const UUID = /^[0-9a-f-]{36}$/;

/**
 * The team's intakes, newest call first, each with its follow-up (screened, a case and who is
 * responsible, the child last seen); no child names (the intake page has them). The view lives in
 * the address: stationId, legalSituation, screened, followedUp, from, to and page.
 */
export function IntakesPage() {
  const { t } = useTranslation();
  usePageTitle(t('intakes.title'));
  const me = useCurrentUser();
  const format = useFormat();
  const url = useUrlFilters(PAGE_SIZE);
  const organisations = useOrganisations(me.organisation.country);
  const stations = (organisations.data?.items ?? []).filter((o) => o.sector === 'police');
  const stationId = UUID.test(url.get('stationId') ?? '') ? url.get('stationId')! : undefined;
  const legalSituation = oneOf(url.get('legalSituation'), TAXONOMIES.legalSituation);
  const screened = oneOf(url.get('screened'), ['true', 'false'] as const);
  const followedUp = oneOf(url.get('followedUp'), ['true', 'false'] as const);
  const from = DATE.test(url.get('from') ?? '') ? url.get('from')! : undefined;
  const to = DATE.test(url.get('to') ?? '') ? url.get('to')! : undefined;
  const intakes = useIntakes({ stationId, legalSituation, screened, followedUp, from, to, limit: PAGE_SIZE, offset: url.offset });
  const filtered = url.has(FILTERS);
  const clear = () => url.reset();
  const isTeam = me.roles.includes('police_support');

  const columns = useMemo<ListColumn<IntakeListItem>[]>(() => {
    const col = listColumns<IntakeListItem>();
    return [
      col.display({
        id: 'calledAt', meta: { nowrap: true }, header: () => t('intakes.field.calledAt'),
        cell: ({ row }) => <Link to={`/intakes/${row.original.id}`}>{format.dateTime(row.original.calledAt)}</Link>,
      }),
      col.display({ id: 'station', header: () => t('intakes.field.station'), cell: ({ row }) => row.original.stationName }),
      col.display({ id: 'legalSituation', meta: { priority: 'low' }, header: () => t('intakes.field.legalSituation'), cell: ({ row }) => t(`taxonomy:legalSituation.${row.original.legalSituation}`) }),
      col.display({ id: 'response', meta: { priority: 'low' }, header: () => t('intakes.field.responseMinutes'), cell: ({ row }) => t('intakes.minutes', { count: row.original.responseMinutes, n: format.number(row.original.responseMinutes) }) }),
      col.display({ id: 'children', meta: { priority: 'low' }, header: () => t('intakes.field.childCount'), cell: ({ row }) => format.number(row.original.childCount) }),
      col.display({
        id: 'screened', header: () => t('intakes.field.screened'),
        cell: ({ row }) => <span className={`badge ${row.original.screened ? 'badge-ok' : 'badge-warning'}`}>{row.original.screened ? t('intakes.screened.yes') : t('intakes.screened.no')}</span>,
      }),
      col.display({
        id: 'case', header: () => t('intakes.field.case'),
        cell: ({ row }) => (row.original.casesOpened === 0 ? t('intakes.noCase')
          : row.original.responsibleNames.length > 0 ? row.original.responsibleNames.join(', ') : t('intakes.caseNoOwner')),
      }),
      col.display({
        id: 'lastSeen', meta: { priority: 'low', nowrap: true }, header: () => t('intakes.field.childLastSeenAt'),
        cell: ({ row }) => (row.original.childLastSeenAt ? format.date(row.original.childLastSeenAt) : t('common.none')),
      }),
    ];
  }, [t, format]);

  return (
    <section>
      <div className="page-heading">
        <h1>{t('intakes.title')}</h1>
        {isTeam && (
          <div className="page-actions">
            <Link className="button-secondary button" to="/intakes/figures">{t('intakes.figures.link')}</Link>{' '}
            <Link className="button" to="/intakes/new" data-testid="new-intake">{t('intakes.new')}</Link>
          </div>
        )}
      </div>
      <div className="filters" data-testid="intake-filters">
        <div className="field">
          <label htmlFor="intakes-filter-station">{t('intakes.field.station')}</label>
          <select id="intakes-filter-station" value={stationId ?? ''} onChange={(e) => url.set({ stationId: e.target.value })}>
            <option value="">{t('intakes.filter.all')}</option>
            {stations.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="intakes-filter-situation">{t('intakes.field.legalSituation')}</label>
          <select id="intakes-filter-situation" value={legalSituation ?? ''} onChange={(e) => url.set({ legalSituation: e.target.value })}>
            <option value="">{t('intakes.filter.all')}</option>
            {TAXONOMIES.legalSituation.map((c) => <option key={c} value={c}>{t(`taxonomy:legalSituation.${c}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="intakes-filter-screened">{t('intakes.field.screened')}</label>
          <select id="intakes-filter-screened" value={screened ?? ''} onChange={(e) => url.set({ screened: e.target.value })}>
            <option value="">{t('intakes.filter.all')}</option>
            <option value="false">{t('intakes.screened.no')}</option>
            <option value="true">{t('intakes.screened.yes')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="intakes-filter-case">{t('intakes.field.case')}</label>
          <select id="intakes-filter-case" value={followedUp ?? ''} onChange={(e) => url.set({ followedUp: e.target.value })}>
            <option value="">{t('intakes.filter.all')}</option>
            <option value="true">{t('intakes.filter.withCase')}</option>
            <option value="false">{t('intakes.noCase')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="intakes-filter-from">{t('intakes.filter.from')}</label>
          <DateInput id="intakes-filter-from" value={from ?? ''} onChange={wholeDays((v) => url.set({ from: v }, { replace: true }))} />
        </div>
        <div className="field">
          <label htmlFor="intakes-filter-to">{t('intakes.filter.to')}</label>
          <DateInput id="intakes-filter-to" value={to ?? ''} onChange={wholeDays((v) => url.set({ to: v }, { replace: true }))} />
        </div>
        {filtered && <button type="button" className="button-secondary" onClick={clear}>{t('intakes.filter.clear')}</button>}
      </div>
      {intakes.isPending ? (
        <Loading />
      ) : intakes.isError ? (
        <ListLoadFailed error={intakes.error} onRetry={() => void intakes.refetch()} />
      ) : (
        <DataTable
          caption={t('intakes.caption')}
          columns={columns}
          data={intakes.data.items ?? NO_ROWS}
          getRowId={(i) => i.id}
          emptyText={emptyState(filtered, { filtered: t('intakes.emptyFiltered'), none: t('intakes.emptyNone') }, clear)}
          paging={{ pagination: url.pagination, onPaginationChange: url.onPaginationChange, total: intakes.data.total }}
        />
      )}
    </section>
  );
}
