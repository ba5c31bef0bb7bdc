import type { PaginationState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useUsers } from './queries.ts';
import type { User } from './types.ts';
import { UserStatus } from './UserStatus.tsx';

const PAGE_SIZE = 25;

export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.title'));
  const format = useFormat();
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE });
  const users = useUsers({ limit: pagination.pageSize, offset: pagination.pageIndex * pagination.pageSize });

  const columns = useMemo<ListColumn<User>[]>(() => {
    const col = listColumns<User>();
    return [
      col.display({
        id: 'username',
        header: () => t('users.field.username'),
        cell: ({ row }) => <Link to={`/admin/users/${row.original.id}`}>{row.original.username}</Link>,
      }),
      col.display({ id: 'displayName', header: () => t('users.field.displayName'), cell: ({ row }) => row.original.displayName }),
      col.display({
        id: 'roles',
        header: () => t('users.field.roles'),
        cell: ({ row }) => row.original.roles.map((r) => t(`roles.${r}`)).join(', '),
      }),
      col.display({
        id: 'organisation',
        header: () => t('users.field.organisation'),
        cell: ({ row }) => row.original.organisationName,
      }),
      col.display({ id: 'status', header: () => t('users.field.status'), cell: ({ row }) => <UserStatus user={row.original} /> }),
      col.display({
        id: 'createdAt',
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
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ErrorMessage error={users.error} />
      ) : (
        <DataTable
          caption={t('users.caption')}
          columns={columns}
          data={users.data.items}
          getRowId={(u) => u.id}
          emptyText={t('users.empty')}
          paging={{ pagination, onPaginationChange: setPagination, total: users.data.total }}
        />
      )}
    </section>
  );
}
