import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PaginationState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import type { Page } from './queries.ts';
import type { RoleGrant } from './types.ts';

const PAGE_SIZE = 25;

function useRoleGrants(page: Page) {
  return useQuery({
    queryKey: ['role-grants', page],
    queryFn: ({ signal }) => api<{ items: RoleGrant[]; total: number }>('/users/role-grants', { query: { ...page }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The supervisor's view of who was given a role that sees children's records, by whom and when. */
export function RoleGrantsPage() {
  const { t } = useTranslation();
  usePageTitle(t('roleGrants.title'));
  const format = useFormat();
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE });
  const grants = useRoleGrants({ limit: pagination.pageSize, offset: pagination.pageIndex * pagination.pageSize });

  const columns = useMemo<ListColumn<RoleGrant>[]>(() => {
    const col = listColumns<RoleGrant>();
    const roleNames = (roles: string[]) => roles.map((r) => t(`roles.${r}`)).join(', ');
    return [
      col.display({ id: 'grantedAt', header: () => t('roleGrants.field.grantedAt'), cell: ({ row }) => format.dateTime(row.original.grantedAt) }),
      col.display({
        id: 'user',
        header: () => t('roleGrants.field.user'),
        cell: ({ row }) => `${row.original.user.displayName} (${row.original.user.username})`,
      }),
      col.display({ id: 'organisation', header: () => t('roleGrants.field.organisation'), cell: ({ row }) => row.original.organisation.name }),
      col.display({
        id: 'change',
        header: () => t('roleGrants.field.change'),
        cell: ({ row }) => t(`roleGrants.change.${row.original.change}`, { roles: roleNames(row.original.added) }),
      }),
      col.display({ id: 'roles', header: () => t('roleGrants.field.roles'), cell: ({ row }) => roleNames(row.original.roles) }),
      col.display({
        id: 'grantedBy',
        header: () => t('roleGrants.field.grantedBy'),
        cell: ({ row }) => {
          const by = row.original.grantedBy;
          return by.id === null ? t('roleGrants.commandLine', { name: by.name }) : by.name;
        },
      }),
    ];
  }, [t, format]);

  return (
    <section>
      <h1>{t('roleGrants.title')}</h1>
      <p>{t('roleGrants.intro')}</p>
      {grants.isPending ? (
        <Loading />
      ) : grants.isError ? (
        <ErrorMessage error={grants.error} />
      ) : (
        <DataTable
          caption={t('roleGrants.caption')}
          columns={columns}
          data={grants.data.items}
          getRowId={(g) => g.id}
          emptyText={t('roleGrants.empty')}
          paging={{ pagination, onPaginationChange: setPagination, total: grants.data.total }}
        />
      )}
    </section>
  );
}
