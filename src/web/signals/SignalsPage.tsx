import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SIGNAL_SORTS, type SignalListItem, URGENCIES } from '../../signals/signal-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { Loading } from '../app/ErrorMessage.tsx';
import { ListLoadFailed, emptyState } from '../app/ListStates.tsx';
import { useFormat } from '../app/format.ts';
import { oneOf, useUrlFilters } from '../app/url-filters.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { jurisdictionLabel, useMunicipalityLookup } from '../jurisdictions/queries.ts';
import { useSignals } from './queries.ts';
import { SignalStatusBadge } from './SignalStatusBadge.tsx';
import { DateInput, wholeDays } from '../app/DateInput.tsx';

const PAGE_SIZE = 25;
const NO_ROWS: SignalListItem[] = [];
const FILTERS = ['status', 'unscreened', 'urgency', 'harmType', 'from', 'to', 'overdue'] as const;
const SORTS = [...SIGNAL_SORTS, ...SIGNAL_SORTS.map((s) => `-${s}` as const)];
const DATE = /^\d{4}-\d\d-\d\d$/;

/**
 * The signals in reach, newest first unless sorted otherwise, with filters; no child names (the
 * signal page has them). The view lives in the address: status (or unscreened=1, the signals to
 * screen), urgency, harmType, from, to, overdue=1, sort and page.
 */
export function SignalsPage() {
  const { t } = useTranslation();
  usePageTitle(t('signals.title'));
  const me = useCurrentUser();
  const format = useFormat();
  const lookup = useMunicipalityLookup(me.organisation.country);
  const url = useUrlFilters(PAGE_SIZE);
  const status = url.flag('unscreened') ? 'unscreened' : oneOf(url.get('status'), ['unscreened', 'screened'] as const);
  const urgency = oneOf(url.get('urgency'), URGENCIES);
  const harmType = oneOf(url.get('harmType'), TAXONOMIES.harmType);
  const from = DATE.test(url.get('from') ?? '') ? url.get('from')! : undefined;
  const to = DATE.test(url.get('to') ?? '') ? url.get('to')! : undefined;
  const overdue = url.flag('overdue');
  const sort = oneOf(url.sort, SORTS);
  const signals = useSignals({ status, urgency, harmType, from, to, overdue: overdue ? 'true' : undefined, sort, limit: PAGE_SIZE, offset: url.offset });
  const filtered = url.has(FILTERS);
  const clear = () => url.reset();

  const columns = useMemo<ListColumn<SignalListItem>[]>(() => {
    const col = listColumns<SignalListItem>();
    return [
      col.display({
        id: 'receivedAt', meta: { sortKey: 'receivedAt', nowrap: true },
        header: () => t('signals.field.receivedAt'),
        cell: ({ row }) => <Link to={`/signals/${row.original.id}`}>{format.dateTime(row.original.receivedAt)}</Link>,
      }),
      col.display({
        id: 'municipality', meta: { priority: 'low' },
        header: () => t('signals.field.municipality'),
        cell: ({ row }) => jurisdictionLabel(lookup.get(row.original.municipalityCode), row.original.municipalityCode),
      }),
      col.display({
        id: 'harmTypes', meta: { priority: 'low' },
        header: () => t('signals.field.harmTypes'),
        cell: ({ row }) => row.original.harmTypes.map((h) => t(`taxonomy:harmType.${h}`)).join(', '),
      }),
      col.display({ id: 'urgency', meta: { sortKey: 'urgency' }, header: () => t('signals.field.urgency'), cell: ({ row }) => t(`signals.urgency.${row.original.urgency}`) }),
      col.display({ id: 'children', meta: { priority: 'low' }, header: () => t('signals.field.childCount'), cell: ({ row }) => format.number(row.original.childCount) }),
      col.display({ id: 'unit', meta: { priority: 'low' }, header: () => t('signals.field.unit'), cell: ({ row }) => row.original.unitName ?? t('signals.noUnit') }),
      col.display({ id: 'status', header: () => t('signals.field.status'), cell: ({ row }) => <SignalStatusBadge signal={row.original} /> }),
      col.display({
        id: 'due', meta: { sortKey: 'due', nowrap: true },
        header: () => t('signals.field.screeningDueAt'),
        cell: ({ row }) => (row.original.status === 'unscreened' ? format.dateTime(row.original.screeningDueAt) : t('common.none')),
      }),
    ];
  }, [t, format, lookup]);

  return (
    <section>
      <div className="page-heading">
        <h1>{t('signals.title')}</h1>
        <Link className="button" to="/signals/new" data-testid="register-signal">
          {t('signals.register')}
        </Link>
      </div>
      <div className="filters" data-testid="signal-filters">
        <div className="field">
          <label htmlFor="signals-filter-status">{t('signals.filter.status')}</label>
          <select id="signals-filter-status" value={status ?? ''} onChange={(e) => url.set({ status: e.target.value, unscreened: null })}>
            <option value="">{t('signals.filter.all')}</option>
            <option value="unscreened">{t('signals.status.unscreened')}</option>
            <option value="screened">{t('signals.status.screened')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="signals-filter-urgency">{t('signals.field.urgency')}</label>
          <select id="signals-filter-urgency" value={urgency ?? ''} onChange={(e) => url.set({ urgency: e.target.value })}>
            <option value="">{t('lists.signals.anyUrgency')}</option>
            {URGENCIES.map((u) => <option key={u} value={u}>{t(`signals.urgency.${u}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="signals-filter-harm">{t('signals.filter.harmType')}</label>
          <select id="signals-filter-harm" value={harmType ?? ''} onChange={(e) => url.set({ harmType: e.target.value })}>
            <option value="">{t('signals.filter.all')}</option>
            {TAXONOMIES.harmType.map((code) => (
              <option key={code} value={code}>{t(`taxonomy:harmType.${code}`)}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="signals-filter-from">{t('signals.filter.from')}</label>
          <DateInput id="signals-filter-from" value={from ?? ''} onChange={wholeDays((v) => url.set({ from: v }, { replace: true }))} />
        </div>
        <div className="field">
          <label htmlFor="signals-filter-to">{t('signals.filter.to')}</label>
          <DateInput id="signals-filter-to" value={to ?? ''} onChange={wholeDays((v) => url.set({ to: v }, { replace: true }))} />
        </div>
        <div className="field field-checkbox">
          <input id="signals-filter-overdue" type="checkbox" checked={overdue} onChange={(e) => url.set({ overdue: e.target.checked ? '1' : null })} />
          <label htmlFor="signals-filter-overdue">{t('signals.filter.overdue')}</label>
        </div>
        {filtered && (
          <button type="button" className="button-secondary" onClick={clear}>
            {t('signals.filter.clear')}
          </button>
        )}
      </div>
      {signals.isPending ? (
        <Loading />
      ) : signals.isError ? (
        <ListLoadFailed error={signals.error} onRetry={() => void signals.refetch()} />
      ) : (
        <DataTable
          caption={t('signals.caption')}
          columns={columns}
          data={signals.data.items ?? NO_ROWS}
          getRowId={(s) => s.id}
          emptyText={emptyState(filtered, { filtered: t('lists.signals.emptyFiltered'), none: t('lists.signals.emptyNone') }, clear)}
          sort={{ value: sort ?? null, fallback: '-receivedAt', onChange: url.setSort }}
          paging={{ pagination: url.pagination, onPaginationChange: url.onPaginationChange, total: signals.data.total }}
        />
      )}
    </section>
  );
}
