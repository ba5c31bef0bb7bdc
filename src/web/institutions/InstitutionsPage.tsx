import './page-strings.ts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { Loading } from '../app/ErrorMessage.tsx';
import { ListLoadFailed } from '../app/ListStates.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { type Institution, useInstitutions } from './queries.ts';

const col = listColumns<Institution>();

/** The residential care institutions the reader works with: a unit sees its country's, an institution's staff their own. */
export function InstitutionsPage() {
  const { t } = useTranslation();
  const query = useInstitutions();
  usePageTitle(t('institutions.title'));
  const columns: ListColumn<Institution>[] = [
    col.display({ id: 'name', header: () => t('institutions.name'), cell: ({ row }) => (
      <Link to={`/institutions/${row.original.id}`} aria-label={t('institutions.open', { name: row.original.name })}>{row.original.name}</Link>
    ) }),
    col.display({ id: 'beds', meta: { nowrap: true }, header: () => t('institutions.beds'), cell: ({ row }) => row.original.beds ?? t('institutions.bedsUnknown') }),
    col.display({ id: 'residents', meta: { nowrap: true }, header: () => t('institutions.residents'), cell: ({ row }) => row.original.residents }),
  ];
  return (
    <section data-testid="institutions-page">
      <h1>{t('institutions.title')}</h1>
      {query.isPending ? <Loading /> : query.isError ? <ListLoadFailed error={query.error} onRetry={() => void query.refetch()} /> : (
        <DataTable caption={t('institutions.title')} columns={columns} data={query.data.items} getRowId={(r) => r.id} emptyText={t('institutions.empty')} />
      )}
    </section>
  );
}
