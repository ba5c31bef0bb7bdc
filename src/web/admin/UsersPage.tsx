import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { Loading } from '../app/ErrorMessage.tsx';
import { ListLoadFailed, emptyState } from '../app/ListStates.tsx';
import { oneOf, useUrlFilters } from '../app/url-filters.ts';
import { USER_SORTS } from '../../users/users-schema.ts';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useUsers } from './queries.ts';
import type { User } from './types.ts';
import { UserStatus } from './UserStatus.tsx';

const PAGE_SIZE = 25;
const STATUSES = ['active', 'locked', 'disabled'] as const;
const SORTS = [...USER_SORTS, ...USER_SORTS.map((s) => `-${s}` as const)];

/** The accounts, by username unless sorted otherwise; status, sort and page live in the address. */
export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.title'));
  const format = useFormat();
  const url = useUrlFilters(PAGE_SIZE);
  const status = oneOf(url.get('status'), STATUSES);
  const sort = oneOf(url.sort, SORTS);
  const users = useUsers({ limit: PAGE_SIZE, offset: url.offset, status, sort });
  const clear = () => url.reset();

  const columns = useMemo<ListColumn<User>[]>(() => {
    const col = listColumns<User>();
    return [
      col.display({
        id: 'username', meta: { sortKey: 'username' },
        header: () => t('users.field.username'),
        cell: ({ row }) => <Link to={`/admin/users/${row.original.id}`}>{row.original.username}</Link>,
      }),
      col.display({ id: 'displayName', meta: { sortKey: 'displayName' }, header: () => t('users.field.displayName'), cell: ({ row }) => row.original.displayName }),
      col.display({
        id: 'roles', meta: { priority: 'low' },
        header: () => t('users.field.roles'),
        cell: ({ row }) => row.original.roles.map((r) => t(`roles.${r}`)).join(', '),
      }),
      col.display({
        id: 'organisation', meta: { priority: 'low' },
        header: () => t('users.field.organisation'),
        cell: ({ row }) => row.original.organisationName,
      }),
      col.display({ id: 'status', header: () => t('users.field.status'), cell: ({ row }) => <UserStatus user={row.original} /> }),
      col.display({
        id: 'createdAt', meta: { sortKey: 'createdAt', nowrap: true },
        header: () => t('users.field.createdAt'),
        cell: ({ row }) => format.date(row.original.createdAt),
      }),
    ];
  }, [t, format]);

  return (
    <section>
      <div className="page-heading">
        <h1>{t('users.title')}</h1>
        <Link className="button" to="/admin/users/new" data-testid="add-user">
          {t('users.add')}
        </Link>
      </div>
      <div className="filters">
        <div className="field">
          <label htmlFor="users-filter-status">{t('lists.users.status')}</label>
          <select id="users-filter-status" value={status ?? ''} onChange={(e) => url.set({ status: e.target.value })}>
            <option value="">{t('lists.users.allStatuses')}</option>
            <option value="active">{t('users.status.active')}</option>
            <option value="locked">{t('lists.users.locked')}</option>
            <option value="disabled">{t('users.status.disabled')}</option>
          </select>
        </div>
      </div>
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ListLoadFailed error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <DataTable
          caption={t('users.caption')}
          columns={columns}
          data={users.data.items}
          getRowId={(u) => u.id}
          emptyText={emptyState(status !== undefined, { filtered: t('lists.users.emptyFiltered'), none: t('lists.users.emptyNone') }, clear)}
          sort={{ value: sort ?? null, fallback: 'username', onChange: url.setSort }}
          paging={{ pagination: url.pagination, onPaginationChange: url.onPaginationChange, total: users.data.total }}
        />
      )}
    </section>
  );
}
