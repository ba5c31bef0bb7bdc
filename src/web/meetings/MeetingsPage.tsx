import type { PaginationState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeetingSummary } from '../../meetings/meeting-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { MyActionItems } from './MyActionItems.tsx';
import { SectorFlags } from './SectorFlags.tsx';
import { canConvene } from './permissions.ts';
import { useMeetings } from './queries.ts';

const PAGE_SIZE = 25;
const NO_ROWS: MeetingSummary[] = [];
const STATUSES = ['planned', 'held', 'cancelled'] as const;

/** The meetings in the caller's reach: the unit's own, or those their organisation was invited to. */
export function MeetingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('meetings.title'));
  const me = useCurrentUser();
  const format = useFormat();
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE });
  const [filters, setFilters] = useState({ type: '', status: '', from: '', to: '' });
  const meetings = useMeetings({
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
    type: filters.type || undefined,
    status: filters.status || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
  });
  const setFilter = (key: keyof typeof filters, value: string) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPagination((p) => ({ ...p, pageIndex: 0 }));
  };

  const columns = useMemo<ListColumn<MeetingSummary>[]>(() => {
    const col = listColumns<MeetingSummary>();
    return [
      col.display({
        id: 'heldAt',
        header: () => t('meetings.field.heldAt'),
        cell: ({ row }) => <Link to={`/meetings/${row.original.id}`}>{format.dateTime(row.original.heldAt)}</Link>,
      }),
      col.display({ id: 'type', header: () => t('meetings.field.type'), cell: ({ row }) => t(`taxonomy:meetingType.${row.original.type}`) }),
      col.display({ id: 'status', header: () => t('meetings.field.status'), cell: ({ row }) => t(`meetings.status.${row.original.status}`) }),
      col.display({ id: 'unit', header: () => t('meetings.field.unit'), cell: ({ row }) => row.original.unitName }),
      col.display({ id: 'children', header: () => t('meetings.field.childCount'), cell: ({ row }) => format.number(row.original.childCount) }),
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
          <input id="meetings-filter-from" type="date" value={filters.from} onChange={(e) => setFilter('from', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="meetings-filter-to">{t('meetings.to')}</label>
          <input id="meetings-filter-to" type="date" value={filters.to} onChange={(e) => setFilter('to', e.target.value)} />
        </div>
      </div>
      {meetings.isPending ? (
        <Loading />
      ) : meetings.isError ? (
        <ErrorMessage error={meetings.error} />
      ) : (
        <DataTable
          caption={t('meetings.caption')}
          columns={columns}
          data={meetings.data.items ?? NO_ROWS}
          getRowId={(m) => m.id}
          emptyText={t('meetings.empty')}
          paging={{ pagination, onPaginationChange: setPagination, total: meetings.data.total }}
        />
      )}
    </section>
  );
}
