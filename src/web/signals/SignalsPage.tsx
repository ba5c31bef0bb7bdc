import type { PaginationState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SignalListItem } from '../../signals/signal-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { jurisdictionLabel, useMunicipalityLookup } from '../jurisdictions/queries.ts';
import { type SignalListParams, useSignals } from './queries.ts';
import { SignalStatusBadge } from './SignalStatusBadge.tsx';

const PAGE_SIZE = 25;
const NO_ROWS: SignalListItem[] = [];
type Filters = Omit<SignalListParams, 'limit' | 'offset'>;

/** The signals in reach, newest first, with filters; no child names (the signal page has them). */
export function SignalsPage() {
  const { t } = useTranslation();
  usePageTitle(t('signals.title'));
  const me = useCurrentUser();
  const format = useFormat();
  const lookup = useMunicipalityLookup(me.organisation.country);
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE });
  const [filters, setFilters] = useState<Filters>({});
  const signals = useSignals({ ...filters, limit: pagination.pageSize, offset: pagination.pageIndex * pagination.pageSize });
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPagination((p) => ({ ...p, pageIndex: 0 }));
  };

  const columns = useMemo<ListColumn<SignalListItem>[]>(() => {
    const col = listColumns<SignalListItem>();
    return [
      col.display({
        id: 'receivedAt',
        header: () => t('signals.field.receivedAt'),
        cell: ({ row }) => <Link to={`/signals/${row.original.id}`}>{format.dateTime(row.original.receivedAt)}</Link>,
      }),
      col.display({
        id: 'municipality',
        header: () => t('signals.field.municipality'),
        cell: ({ row }) => jurisdictionLabel(lookup.get(row.original.municipalityCode), row.original.municipalityCode),
      }),
      col.display({
        id: 'harmTypes',
        header: () => t('signals.field.harmTypes'),
        cell: ({ row }) => row.original.harmTypes.map((h) => t(`taxonomy:harmType.${h}`)).join(', '),
      }),
      col.display({ id: 'urgency', header: () => t('signals.field.urgency'), cell: ({ row }) => t(`signals.urgency.${row.original.urgency}`) }),
      col.display({ id: 'children', header: () => t('signals.field.childCount'), cell: ({ row }) => format.number(row.original.childCount) }),
      col.display({ id: 'unit', header: () => t('signals.field.unit'), cell: ({ row }) => row.original.unitName ?? t('signals.noUnit') }),
      col.display({ id: 'status', header: () => t('signals.field.status'), cell: ({ row }) => <SignalStatusBadge signal={row.original} /> }),
      col.display({
        id: 'due',
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
          <select id="signals-filter-status" value={filters.status ?? ''}
            onChange={(e) => setFilter({ status: (e.target.value || undefined) as Filters['status'] })}>
            <option value="">{t('signals.filter.all')}</option>
            <option value="unscreened">{t('signals.status.unscreened')}</option>
            <option value="screened">{t('signals.status.screened')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="signals-filter-harm">{t('signals.filter.harmType')}</label>
          <select id="signals-filter-harm" value={filters.harmType ?? ''} onChange={(e) => setFilter({ harmType: e.target.value || undefined })}>
            <option value="">{t('signals.filter.all')}</option>
            {TAXONOMIES.harmType.map((code) => (
              <option key={code} value={code}>{t(`taxonomy:harmType.${code}`)}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="signals-filter-from">{t('signals.filter.from')}</label>
          <input id="signals-filter-from" type="date" value={filters.from ?? ''} onChange={(e) => setFilter({ from: e.target.value || undefined })} />
        </div>
        <div className="field">
          <label htmlFor="signals-filter-to">{t('signals.filter.to')}</label>
          <input id="signals-filter-to" type="date" value={filters.to ?? ''} onChange={(e) => setFilter({ to: e.target.value || undefined })} />
        </div>
        <div className="field field-checkbox">
          <input id="signals-filter-overdue" type="checkbox" checked={filters.overdue === 'true'}
            onChange={(e) => setFilter({ overdue: e.target.checked ? 'true' : undefined })} />
          <label htmlFor="signals-filter-overdue">{t('signals.filter.overdue')}</label>
        </div>
        {Object.values(filters).some(Boolean) && (
          <button type="button" className="button-secondary" onClick={() => { setFilters({}); setPagination((p) => ({ ...p, pageIndex: 0 })); }}>
            {t('signals.filter.clear')}
          </button>
        )}
      </div>
      {signals.isPending ? (
        <Loading />
      ) : signals.isError ? (
        <ErrorMessage error={signals.error} />
      ) : (
        <DataTable
          caption={t('signals.caption')}
          columns={columns}
          data={signals.data.items ?? NO_ROWS}
          getRowId={(s) => s.id}
          emptyText={t('signals.empty')}
          paging={{ pagination, onPaginationChange: setPagination, total: signals.data.total }}
        />
      )}
    </section>
  );
}
