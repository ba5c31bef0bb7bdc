import type { PaginationState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CASE_STATUSES } from '../../cases/case-workflow.ts';
import type { CaseListItem } from '../../cases/case-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { useDebouncedValue } from '../app/useDebouncedValue.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { CaseStatusBadge, OverdueBadge, RiskBadge } from './CaseBadges.tsx';
import { type CaseListParams, useCases } from './queries.ts';

const PAGE_SIZE = 25;
const NO_ROWS: CaseListItem[] = [];
type Filters = Omit<CaseListParams, 'limit' | 'offset' | 'q'>;

/** The cases in reach. A worker starts on their own active cases; the name search needs two letters. */
export function CasesPage() {
  const { t } = useTranslation();
  usePageTitle(t('cases.title'));
  const me = useCurrentUser();
  const format = useFormat();
  const isUnitWorker = me.roles.some((r) => r === 'caseworker' || r === 'supervisor');
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE });
  const [filters, setFilters] = useState<Filters>(isUnitWorker ? { owner: 'me', status: 'active' } : {});
  const [name, setName] = useState('');
  const q = useDebouncedValue(name.trim(), 300);
  const cases = useCases({ ...filters, q: q.length >= 2 ? q : undefined, limit: pagination.pageSize, offset: pagination.pageIndex * pagination.pageSize });
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPagination((p) => ({ ...p, pageIndex: 0 }));
  };

  const columns = useMemo<ListColumn<CaseListItem>[]>(() => {
    const col = listColumns<CaseListItem>();
    return [
      col.display({
        id: 'child', header: () => t('cases.field.child'),
        cell: ({ row }) => <Link to={`/cases/${row.original.id}`}>{row.original.childName}</Link>,
      }),
      col.display({ id: 'birthDate', header: () => t('cases.field.birthDate'), cell: ({ row }) => (row.original.childBirthDate ? format.date(row.original.childBirthDate) : t('common.none')) }),
      col.display({ id: 'status', header: () => t('cases.field.status'), cell: ({ row }) => <CaseStatusBadge status={row.original.status} /> }),
      col.display({ id: 'risk', header: () => t('cases.field.riskLevel'), cell: ({ row }) => <RiskBadge level={row.original.riskLevel} /> }),
      col.display({ id: 'owner', header: () => t('cases.field.owner'), cell: ({ row }) => row.original.ownerName ?? t('cases.unassigned') }),
      col.display({ id: 'unit', header: () => t('cases.field.unit'), cell: ({ row }) => row.original.unitName }),
      col.display({ id: 'openedAt', header: () => t('cases.field.openedAt'), cell: ({ row }) => format.date(row.original.openedAt) }),
      col.display({
        id: 'lastSeen', header: () => t('cases.field.childLastSeenAt'),
        cell: ({ row }) => (row.original.childLastSeenAt ? format.date(row.original.childLastSeenAt) : t('cases.neverSeen')),
      }),
      col.display({
        id: 'nextDue', header: () => t('cases.field.nextDueAt'),
        cell: ({ row }) => (
          <>
            {row.original.nextDueAt ? format.dateTime(row.original.nextDueAt) : t('common.none')}
            {row.original.overdue && <> <OverdueBadge /></>}
          </>
        ),
      }),
    ];
  }, [t, format]);

  const anyFilter = Object.values(filters).some((v) => v !== undefined) || name !== '';
  return (
    <section>
      <div className="page-heading">
        <h1>{t('cases.title')}</h1>
        {me.roles.includes('supervisor') && <Link className="button button-secondary" to="/cases/caseload" data-testid="caseload-link">{t('cases.caseload.title')}</Link>}
      </div>
      <div className="filters" data-testid="case-filters">
        {isUnitWorker && (
          <div className="field">
            <label htmlFor="cases-filter-owner">{t('cases.filter.owner')}</label>
            <select id="cases-filter-owner" value={filters.owner ?? ''} onChange={(e) => setFilter({ owner: (e.target.value || undefined) as Filters['owner'] })}>
              <option value="me">{t('cases.filter.mine')}</option>
              <option value="unassigned">{t('cases.filter.unassigned')}</option>
              <option value="">{t('cases.filter.allOwners')}</option>
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="cases-filter-status">{t('cases.filter.status')}</label>
          <select id="cases-filter-status" value={filters.status ?? ''} onChange={(e) => setFilter({ status: (e.target.value || undefined) as Filters['status'] })}>
            <option value="">{t('cases.filter.all')}</option>
            <option value="active">{t('cases.filter.active')}</option>
            {CASE_STATUSES.map((s) => <option key={s} value={s}>{t(`cases.status.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cases-filter-risk">{t('cases.filter.riskLevel')}</label>
          <select id="cases-filter-risk" value={filters.riskLevel ?? ''} onChange={(e) => setFilter({ riskLevel: (e.target.value || undefined) as Filters['riskLevel'] })}>
            <option value="">{t('cases.filter.all')}</option>
            {TAXONOMIES.riskLevel.map((r) => <option key={r} value={r}>{t(`taxonomy:riskLevel.${r}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cases-filter-name">{t('cases.filter.name')}</label>
          <input id="cases-filter-name" type="search" autoComplete="off" value={name}
            onChange={(e) => { setName(e.target.value); setPagination((p) => ({ ...p, pageIndex: 0 })); }} />
        </div>
        <div className="field field-checkbox">
          <input id="cases-filter-overdue" type="checkbox" checked={filters.overdue === 'true'}
            onChange={(e) => setFilter({ overdue: e.target.checked ? 'true' : undefined })} />
          <label htmlFor="cases-filter-overdue">{t('cases.filter.overdue')}</label>
        </div>
        {anyFilter && (
          <button type="button" className="button-secondary" data-testid="cases-filter-clear"
            onClick={() => { setFilters({}); setName(''); setPagination((p) => ({ ...p, pageIndex: 0 })); }}>
            {t('cases.filter.clear')}
          </button>
        )}
      </div>
      {cases.isPending ? (
        <Loading />
      ) : cases.isError ? (
        <ErrorMessage error={cases.error} />
      ) : (
        <DataTable caption={t('cases.caption')} columns={columns} data={cases.data.items ?? NO_ROWS} getRowId={(c) => c.id}
          emptyText={t('cases.empty')} paging={{ pagination, onPaginationChange: setPagination, total: cases.data.total }} />
      )}
    </section>
  );
}
