import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CASE_STATUSES } from '../../cases/case-workflow.ts';
import { CASE_SORTS, type CaseListItem } from '../../cases/case-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { Loading } from '../app/ErrorMessage.tsx';
import { ListLoadFailed, emptyState } from '../app/ListStates.tsx';
import { useFormat } from '../app/format.ts';
import { oneOf, useUrlFilters } from '../app/url-filters.ts';
import { useDebouncedValue } from '../app/useDebouncedValue.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { CaseBulkAssign } from './CaseBulkAssign.tsx';
import { CaseStatusBadge, OverdueBadge, RiskBadge } from './CaseBadges.tsx';
import { useCaseload, useCases } from './queries.ts';

const PAGE_SIZE = 25;
const NO_ROWS: CaseListItem[] = [];
const FILTERS = ['owner', 'status', 'risk', 'overdue'] as const;
const STATUS_VALUES = ['active', ...CASE_STATUSES] as const;
const SORTS = [...CASE_SORTS, ...CASE_SORTS.map((s) => `-${s}` as const)];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The cases in reach. The view lives in the address: owner (me, unassigned, all or a worker's id),
 * status (active, all or one), risk, overdue=1, sort and page; with none of them a worker starts on
 * their own active cases. The name search (two letters or more) stays out of the address: it is
 * child data. A supervisor ticks cases and assigns them to a worker at once.
 */
export function CasesPage() {
  const { t } = useTranslation();
  usePageTitle(t('cases.title'));
  const me = useCurrentUser();
  const format = useFormat();
  const isUnitWorker = me.roles.some((r) => r === 'caseworker' || r === 'supervisor');
  const supervisor = me.roles.includes('supervisor');
  const url = useUrlFilters(PAGE_SIZE);
  const defaults = isUnitWorker && !url.has(FILTERS);
  const ownerParam = url.get('owner');
  const owner = defaults ? 'me' : ownerParam === 'me' || ownerParam === 'unassigned' || (ownerParam && UUID.test(ownerParam)) ? ownerParam : 'all';
  const status = defaults ? 'active' : oneOf(url.get('status'), STATUS_VALUES) ?? 'all';
  const risk = oneOf(url.get('risk'), TAXONOMIES.riskLevel);
  const overdue = url.flag('overdue');
  const sort = oneOf(url.sort, SORTS);
  const [name, setName] = useState('');
  const q = useDebouncedValue(name.trim(), 300);
  const cases = useCases({
    owner: owner === 'all' ? undefined : owner, status: status === 'all' ? undefined : status, riskLevel: risk,
    overdue: overdue ? 'true' : undefined, sort, q: q.length >= 2 ? q : undefined, limit: PAGE_SIZE, offset: url.offset,
  });
  const caseload = useCaseload(supervisor);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const labels = useRef(new Map<string, string>());
  /** Every filter written out (a worker's defaults apply only to an address without any). */
  const setFilter = (patch: Partial<Record<(typeof FILTERS)[number], string | null>>) => {
    setSelected(new Set());
    url.set({ owner: isUnitWorker ? owner : owner === 'all' ? null : owner, status: isUnitWorker ? status : status === 'all' ? null : status, ...patch });
  };
  const clear = () => { setSelected(new Set()); setName(''); url.reset(isUnitWorker ? { owner: 'all', status: 'all' } : {}); };

  const columns = useMemo<ListColumn<CaseListItem>[]>(() => {
    const col = listColumns<CaseListItem>();
    return [
      col.display({
        id: 'child', header: () => t('cases.field.child'), meta: { sortKey: 'child' },
        cell: ({ row }) => <Link to={`/cases/${row.original.id}`}>{row.original.childName}</Link>,
      }),
      col.display({ id: 'birthDate', header: () => t('cases.field.birthDate'), meta: { priority: 'low', nowrap: true }, cell: ({ row }) => (row.original.childBirthDate ? format.date(row.original.childBirthDate) : t('common.none')) }),
      col.display({ id: 'status', header: () => t('cases.field.status'), meta: { sortKey: 'status' }, cell: ({ row }) => <CaseStatusBadge status={row.original.status} /> }),
      col.display({ id: 'risk', header: () => t('cases.field.riskLevel'), meta: { sortKey: 'risk' }, cell: ({ row }) => <RiskBadge level={row.original.riskLevel} /> }),
      col.display({ id: 'owner', header: () => t('cases.field.owner'), meta: { priority: 'low' }, cell: ({ row }) => row.original.ownerName ?? t('cases.unassigned') }),
      col.display({ id: 'unit', header: () => t('cases.field.unit'), meta: { priority: 'low' }, cell: ({ row }) => row.original.unitName }),
      col.display({ id: 'openedAt', header: () => t('cases.field.openedAt'), meta: { sortKey: 'openedAt', priority: 'low', nowrap: true }, cell: ({ row }) => format.date(row.original.openedAt) }),
      col.display({
        id: 'lastSeen', header: () => t('cases.field.childLastSeenAt'), meta: { sortKey: 'lastSeen', priority: 'low', nowrap: true },
        cell: ({ row }) => (row.original.childLastSeenAt ? format.date(row.original.childLastSeenAt) : t('cases.neverSeen')),
      }),
      col.display({
        // The date and the overdue mark each stay whole; at tablet width the mark may go under the date.
        id: 'nextDue', header: () => t('cases.field.nextDueAt'), meta: { sortKey: 'deadline' },
        cell: ({ row }) => (
          <span data-testid="case-next-due">
            <span className="nowrap">{row.original.nextDueAt ? format.dateTime(row.original.nextDueAt) : t('common.none')}</span>
            {row.original.overdue && <> <OverdueBadge /></>}
          </span>
        ),
      }),
    ];
  }, [t, format]);

  const rows = cases.data?.items ?? NO_ROWS;
  const labelOf = (c: CaseListItem) => c.childName || c.ref || c.id;
  for (const c of rows) labels.current.set(c.id, labelOf(c));
  const filtered = !defaults && (owner !== 'all' || status !== 'all' || risk !== undefined || overdue) || q.length >= 2;
  const anyFilter = filtered || defaults || name !== '';
  return (
    <section>
      <div className="page-heading">
        <h1>{t('cases.title')}</h1>
        {supervisor && <Link className="button button-secondary" to="/cases/caseload" data-testid="caseload-link">{t('cases.caseload.title')}</Link>}
      </div>
      <div className="filters" data-testid="case-filters">
        {isUnitWorker && (
          <div className="field">
            <label htmlFor="cases-filter-owner">{t('cases.filter.owner')}</label>
            <select id="cases-filter-owner" value={owner} onChange={(e) => setFilter({ owner: e.target.value })}>
              <option value="me">{t('cases.filter.mine')}</option>
              <option value="unassigned">{t('cases.filter.unassigned')}</option>
              <option value="all">{t('cases.filter.allOwners')}</option>
              {UUID.test(owner) && <option value={owner}>{caseload.data?.workers.find((w) => w.userId === owner)?.name ?? t('cases.field.owner')}</option>}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="cases-filter-status">{t('cases.filter.status')}</label>
          <select id="cases-filter-status" value={status} onChange={(e) => setFilter({ status: e.target.value })}>
            <option value="all">{t('cases.filter.all')}</option>
            <option value="active">{t('cases.filter.active')}</option>
            {CASE_STATUSES.map((s) => <option key={s} value={s}>{t(`cases.status.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cases-filter-risk">{t('cases.filter.riskLevel')}</label>
          <select id="cases-filter-risk" value={risk ?? ''} onChange={(e) => setFilter({ risk: e.target.value })}>
            <option value="">{t('cases.filter.all')}</option>
            {TAXONOMIES.riskLevel.map((r) => <option key={r} value={r}>{t(`taxonomy:riskLevel.${r}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cases-filter-name">{t('cases.filter.name')}</label>
          <input id="cases-filter-name" type="search" autoComplete="off" value={name}
            onChange={(e) => { setName(e.target.value); if (url.pagination.pageIndex > 0) url.set({ page: null }, { replace: true }); }} />
        </div>
        <div className="field field-checkbox">
          <input id="cases-filter-overdue" type="checkbox" checked={overdue} onChange={(e) => setFilter({ overdue: e.target.checked ? '1' : null })} />
          <label htmlFor="cases-filter-overdue">{t('cases.filter.overdue')}</label>
        </div>
        {anyFilter && (
          <button type="button" className="button-secondary" data-testid="cases-filter-clear" onClick={clear}>
            {t('cases.filter.clear')}
          </button>
        )}
      </div>
      {supervisor && (
        <CaseBulkAssign selected={selected} labelOf={(id) => labels.current.get(id) ?? id} onDone={() => setSelected(new Set())} />
      )}
      {cases.isPending ? (
        <Loading />
      ) : cases.isError ? (
        <ListLoadFailed error={cases.error} onRetry={() => void cases.refetch()} />
      ) : (
        <DataTable caption={t('cases.caption')} columns={columns} data={rows} getRowId={(c) => c.id}
          emptyText={emptyState(filtered || defaults, { filtered: t('lists.cases.emptyFiltered'), none: t('lists.cases.emptyNone') }, clear)}
          sort={{ value: sort ?? null, fallback: '-openedAt', onChange: (s) => url.setSort(s) }}
          selection={supervisor ? {
            selected, onChange: setSelected, allLabel: t('lists.cases.selectPage'),
            rowLabel: (c) => t('lists.cases.selectCase', { name: labelOf(c) }),
          } : undefined}
          paging={{ pagination: url.pagination, onPaginationChange: url.onPaginationChange, total: cases.data.total }} />
      )}
    </section>
  );
}
