import type { PaginationState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ChildView } from '../../children/child-schema.ts';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { JurisdictionSelect } from '../jurisdictions/JurisdictionSelect.tsx';
import { jurisdictionLabel, useMunicipalityLookup } from '../jurisdictions/queries.ts';
import { canRegisterChildren } from './permissions.ts';
import { useChildren } from './queries.ts';

const PAGE_SIZE = 25;
const NO_ROWS: ChildView[] = [];

export function ChildrenPage() {
  const { t } = useTranslation();
  usePageTitle(t('children.title'));
  const me = useCurrentUser();
  const format = useFormat();
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE });
  const [municipalityCode, setMunicipalityCode] = useState('');
  const lookup = useMunicipalityLookup(me.organisation.country);
  const children = useChildren({
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
    municipalityCode: municipalityCode || undefined,
  });

  const columns = useMemo<ListColumn<ChildView>[]>(() => {
    const col = listColumns<ChildView>();
    const withheld = (child: ChildView, field: string) => child.withheld.includes(field);
    return [
      col.display({
        id: 'name',
        header: () => t('child.field.name'),
        cell: ({ row }) => (
          <Link to={`/children/${row.original.id}`}>
            {`${row.original.givenName ?? ''} ${row.original.familyName ?? ''}`.trim() || t('child.withheld')}
          </Link>
        ),
      }),
      col.display({
        id: 'sex',
        header: () => t('child.field.sex'),
        cell: ({ row }) => (row.original.sex ? t(`taxonomy:sex.${row.original.sex}`) : t('child.withheldShort')),
      }),
      col.display({
        id: 'birthDate',
        header: () => t('child.field.birthDate'),
        cell: ({ row }) =>
          withheld(row.original, 'birthDate') ? t('child.withheldShort') : format.date(row.original.birthDate),
      }),
      col.display({
        id: 'municipality',
        header: () => t('child.field.municipalityCode'),
        cell: ({ row }) => {
          const code = row.original.municipalityCode;
          return code ? jurisdictionLabel(lookup.get(code), code) : t('child.withheldShort');
        },
      }),
      col.display({ id: 'unit', header: () => t('child.field.unit'), cell: ({ row }) => row.original.unitName }),
      col.display({
        id: 'updatedAt',
        header: () => t('child.field.updatedAt'),
        cell: ({ row }) => format.dateTime(row.original.updatedAt),
      }),
    ];
  }, [t, format, lookup]);

  return (
    <section>
      <div className="page-heading">
        <h1>{t('children.title')}</h1>
        {canRegisterChildren(me.roles) && (
          <Link className="button" to="/children/new" data-testid="register-child">
            {t('children.register')}
          </Link>
        )}
      </div>
      <div className="filters">
        <JurisdictionSelect
          id="children-filter-municipality"
          label={t('children.filterMunicipality')}
          country={me.organisation.country}
          deepest="municipality"
          value={municipalityCode}
          onChange={(code) => {
            setMunicipalityCode(code);
            setPagination((p) => ({ ...p, pageIndex: 0 }));
          }}
        />
        {municipalityCode && (
          <button type="button" className="button-secondary" onClick={() => setMunicipalityCode('')}>
            {t('children.clearFilter')}
          </button>
        )}
      </div>
      {children.isPending ? (
        <Loading />
      ) : children.isError ? (
        <ErrorMessage error={children.error} />
      ) : (
        <DataTable
          caption={t('children.caption')}
          columns={columns}
          data={children.data.items ?? NO_ROWS}
          getRowId={(c) => c.id}
          emptyText={t('children.empty')}
          paging={{ pagination, onPaginationChange: setPagination, total: children.data.total }}
        />
      )}
    </section>
  );
}
