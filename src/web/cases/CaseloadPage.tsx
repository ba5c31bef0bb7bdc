import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Caseload } from '../../cases/case-schema.ts';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { useCaseload } from './queries.ts';

type Row = Caseload['workers'][number];

/** The supervisor's view of the unit: each worker's active cases, high-risk and overdue ones. */
export function CaseloadPage() {
  const { t } = useTranslation();
  usePageTitle(t('cases.caseload.title'));
  const me = useCurrentUser();
  const format = useFormat();
  const isSupervisor = me.roles.includes('supervisor');
  const caseload = useCaseload(isSupervisor);
  const columns = useMemo<ListColumn<Row>[]>(() => {
    const col = listColumns<Row>();
    return [
      col.display({ id: 'name', header: () => t('cases.caseload.worker'), cell: ({ row }) => row.original.name ?? t('cases.unassigned') }),
      col.display({ id: 'active', header: () => t('cases.caseload.activeCases'), cell: ({ row }) => format.number(row.original.activeCases) }),
      col.display({ id: 'high', header: () => t('cases.caseload.highRisk'), cell: ({ row }) => format.number(row.original.highRisk) }),
      col.display({ id: 'overdueCases', header: () => t('cases.caseload.overdueCases'), cell: ({ row }) => format.number(row.original.overdueCases) }),
      col.display({ id: 'overdueItems', header: () => t('cases.caseload.overdueItems'), cell: ({ row }) => format.number(row.original.overdueItems) }),
    ];
  }, [t, format]);

  if (!isSupervisor) {
    return <section><h1>{t('cases.caseload.title')}</h1><p>{t('errors.sectionNotForRole')}</p></section>;
  }
  return (
    <section>
      <p><Link to="/cases">{t('cases.backToList')}</Link></p>
      <h1>{t('cases.caseload.title')}</h1>
      {caseload.isPending ? <Loading /> : caseload.isError ? <ErrorMessage error={caseload.error} /> : (
        <>
          <p>{caseload.data.unitName}</p>
          <DataTable caption={t('cases.caseload.caption')} columns={columns} data={caseload.data.workers}
            getRowId={(w) => w.userId ?? 'unassigned'} emptyText={t('cases.caseload.empty')} />
          <p className="hint"><Link to="/tasks?scope=unit&overdue=1">{t('cases.caseload.overdueHint')}</Link></p>
        </>
      )}
    </section>
  );
}
