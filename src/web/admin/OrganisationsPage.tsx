import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useOrganisations } from './queries.ts';
import type { Organisation } from './types.ts';

export function OrganisationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('organisations.title'));
  const organisations = useOrganisations();
  const columns = useMemo<ListColumn<Organisation>[]>(() => {
    const col = listColumns<Organisation>();
    return [
      col.display({
        id: 'name',
        header: () => t('organisations.field.name'),
        cell: ({ row }) => <Link to={`/admin/organisations/${row.original.id}`}>{row.original.name}</Link>,
      }),
      col.display({
        id: 'sector',
        header: () => t('organisations.field.sector'),
        cell: ({ row }) => t(`taxonomy:sector.${row.original.sector}`),
      }),
      col.display({
        id: 'jurisdiction',
        header: () => t('organisations.field.jurisdiction'),
        cell: ({ row }) => `${row.original.jurisdictionName} (${row.original.jurisdictionCode})`,
      }),
      col.display({
        id: 'unit',
        header: () => t('organisations.field.isProtectionUnit'),
        cell: ({ row }) => (row.original.isProtectionUnit ? t('common.yes') : t('common.no')),
      }),
      col.display({
        id: 'active',
        header: () => t('organisations.field.status'),
        cell: ({ row }) =>
          row.original.active ? (
            <span className="badge badge-ok">{t('organisations.active')}</span>
          ) : (
            <span className="badge badge-muted">{t('organisations.inactive')}</span>
          ),
      }),
    ];
  }, [t]);

  return (
    <section>
      <div className="page-heading">
        <h1>{t('organisations.title')}</h1>
        <Link className="button" to="/admin/organisations/new" data-testid="add-organisation">
          {t('organisations.add')}
        </Link>
      </div>
      {organisations.isPending ? (
        <Loading />
      ) : organisations.isError ? (
        <ErrorMessage error={organisations.error} />
      ) : (
        <DataTable
          caption={t('organisations.caption')}
          columns={columns}
          data={organisations.data}
          getRowId={(o) => o.id}
          emptyText={t('organisations.empty')}
        />
      )}
    </section>
  );
}
