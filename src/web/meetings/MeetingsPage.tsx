import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MEETING_SORTS, type MeetingSummary } from '../../meetings/meeting-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { Loading } from '../app/ErrorMessage.tsx';
import { ListLoadFailed, emptyState } from '../app/ListStates.tsx';
import { oneOf, useUrlFilters } from '../app/url-filters.ts';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { MyActionItems } from './MyActionItems.tsx';
import { SectorFlags } from './SectorFlags.tsx';
import { canConvene } from './permissions.ts';
import { useMeetings } from './queries.ts';
import { DateInput, wholeDays } from '../app/DateInput.tsx';

const PAGE_SIZE = 25;
const NO_ROWS: MeetingSummary[] = [];
const STATUSES = ['planned', 'held', 'cancelled'] as const;
const FILTERS = ['type', 'status', 'from', 'to'] as const;
const SORTS = [...MEETING_SORTS, ...MEETING_SORTS.map((s) => `-${s}` as const)];
const DATE = /^\d{4}-\d\d-\d\d$/;

/**
 * The meetings in the caller's reach: the unit's own, or those their organisation was invited to.
 * The view lives in the address: type, status, from, to, sort and page.
 */
export function MeetingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('meetings.title'));
  const me = useCurrentUser();
  const format = useFormat();
  const url = useUrlFilters(PAGE_SIZE);
  const date = (key: string) => (DATE.test(url.get(key) ?? '') ? url.get(key)! : '');
  const filters = {
    type: oneOf(url.get('type'), TAXONOMIES.meetingType) ?? '', status: oneOf(url.get('status'), STATUSES) ?? '', from: date('from'), to: date('to'),
  };
  const sort = oneOf(url.sort, SORTS);
  const meetings = useMeetings({
    limit: PAGE_SIZE,
    offset: url.offset,
    type: filters.type || undefined,
    status: filters.status || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
    sort,
  });
  const setFilter = (key: keyof typeof filters, value: string) => url.set({ [key]: value }, { replace: key === 'from' || key === 'to' });
  const filtered = url.has(FILTERS);
  const clear = () => url.reset();

  const columns = useMemo<ListColumn<MeetingSummary>[]>(() => {
    const col = listColumns<MeetingSummary>();
    return [
      col.display({
        id: 'heldAt', meta: { sortKey: 'heldAt', nowrap: true },
        header: () => t('meetings.field.heldAt'),
        cell: ({ row }) => <Link to={`/meetings/${row.original.id}`}>{format.dateTime(row.original.heldAt)}</Link>,
      }),
      col.display({ id: 'type', meta: { sortKey: 'type' }, header: () => t('meetings.field.type'), cell: ({ row }) => t(`taxonomy:meetingType.${row.original.type}`) }),
      col.display({ id: 'status', meta: { sortKey: 'status', nowrap: true }, header: () => t('meetings.field.status'), cell: ({ row }) => t(`meetings.status.${row.original.status}`) }),
      col.display({ id: 'unit', meta: { priority: 'low' }, header: () => t('meetings.field.unit'), cell: ({ row }) => row.original.unitName }),
      col.display({ id: 'children', meta: { priority: 'low' }, header: () => t('meetings.field.childCount'), cell: ({ row }) => format.number(row.original.childCount) }),
      col.display({
        id: 'sectors',
        header: () => t('meetings.field.mandatory'),
        cell: ({ row }) => <SectorFlags compact status={row.original.status} mandatory={row.original.mandatorySectors} missing={row.original.missingSectors} />,
      }),
      col.display({
        id: 'items',
        header: () => t('meetings.field.openItems'),
        cell: ({ row }) => (
          <>
            {format.number(row.original.openActionItems)}
            {row.original.overdueActionItems > 0 && (
              <span className="badge badge-warning meeting-badge">{t('meetings.overdueCount', { count: row.original.overdueActionItems })}</span>
            )}
          </>
        ),
      }),
    ];
  }, [t, format]);

  return (
    <section>
      <div className="page-heading">
        <h1>{t('meetings.title')}</h1>
        {canConvene(me) && (
          <Link className="button" to="/meetings/new" data-testid="convene-meeting">
            {t('meetings.convene')}
          </Link>
        )}
      </div>
      <MyActionItems />
      <div className="filters">
        <div className="field">
          <label htmlFor="meetings-filter-type">{t('meetings.field.type')}</label>
          <select id="meetings-filter-type" value={filters.type} onChange={(e) => setFilter('type', e.target.value)}>
            <option value="">{t('meetings.any')}</option>
            {TAXONOMIES.meetingType.map((code) => <option key={code} value={code}>{t(`taxonomy:meetingType.${code}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="meetings-filter-status">{t('meetings.field.status')}</label>
          <select id="meetings-filter-status" value={filters.status} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">{t('meetings.any')}</option>
            {STATUSES.map((code) => <option key={code} value={code}>{t(`meetings.status.${code}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="meetings-filter-from">{t('meetings.from')}</label>
          <DateInput id="meetings-filter-from" value={filters.from} onChange={wholeDays((v) => setFilter('from', v))} />
        </div>
        <div className="field">
          <label htmlFor="meetings-filter-to">{t('meetings.to')}</label>
          <DateInput id="meetings-filter-to" value={filters.to} onChange={wholeDays((v) => setFilter('to', v))} />
        </div>
        {filtered && (
          <button type="button" className="button-secondary" onClick={clear}>{t('lists.clearFilters')}</button>
        )}
      </div>
      {meetings.isPending ? (
        <Loading />
      ) : meetings.isError ? (
        <ListLoadFailed error={meetings.error} onRetry={() => void meetings.refetch()} />
      ) : (
        <DataTable
          caption={t('meetings.caption')}
          columns={columns}
          data={meetings.data.items ?? NO_ROWS}
          getRowId={(m) => m.id}
          emptyText={emptyState(filtered, { filtered: t('lists.meetings.emptyFiltered'), none: t('lists.meetings.emptyNone') }, clear)}
          sort={{ value: sort ?? null, fallback: '-heldAt', onChange: url.setSort }}
          paging={{ pagination: url.pagination, onPaginationChange: url.onPaginationChange, total: meetings.data.total }}
        />
      )}
    </section>
  );
}
