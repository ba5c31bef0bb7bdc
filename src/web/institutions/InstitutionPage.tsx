import './page-strings.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ageOn } from '../../domain/taxonomies.ts';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { Loading } from '../app/ErrorMessage.tsx';
import { ListLoadFailed, emptyState } from '../app/ListStates.tsx';
import { useFormat } from '../app/format.ts';
import { oneOf, useUrlFilters } from '../app/url-filters.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { today } from '../cases/form-kit.ts';
import { AdmitForm } from './AdmitForm.tsx';
import { type ResidentRowItem, useInstitutions, useResidents } from './queries.ts';

const col = listColumns<ResidentRowItem>();
const SHOW = ['current', 'all'] as const;

/** One institution's residents (current ones by default; `show=all` in the address adds those who left), and admitting a child (the unit). */
export function InstitutionPage() {
  const { institutionId = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const me = useCurrentUser();
  const url = useUrlFilters(500);
  const show = oneOf(url.get('show'), SHOW) ?? 'current';
  const institutions = useInstitutions();
  const query = useResidents(institutionId, show === 'current');
  const [admitting, setAdmitting] = useState(false);
  const institution = institutions.data?.items.find((i) => i.id === institutionId);
  const isUnit = Boolean(me.organisation?.isProtectionUnit) && me.roles.some((r) => r === 'caseworker' || r === 'supervisor');
  usePageTitle(institution?.name ?? t('institutions.list.title'));
  const day = today();

  const columns: ListColumn<ResidentRowItem>[] = [
    col.display({ id: 'child', header: () => t('institutions.list.child'), cell: ({ row }) => {
      const r = row.original;
      const young = r.current && r.child.birthDate != null && ageOn(r.child.birthDate, day) < 3;
      return <><Link to={`/residents/${r.id}`}>{r.child.name}</Link>{young && <> <span className="badge">{t('institutions.list.under3')}</span></>}</>;
    } }),
    col.display({ id: 'birthDate', meta: { nowrap: true, priority: 'low' }, header: () => t('institutions.list.birthDate'), cell: ({ row }) => (row.original.child.birthDate ? format.date(row.original.child.birthDate) : '—') }),
    col.display({ id: 'admittedOn', meta: { nowrap: true }, header: () => t('institutions.resident.admittedOn'), cell: ({ row }) => format.date(row.original.admittedOn) }),
    col.display({ id: 'parentalRights', meta: { priority: 'low' }, header: () => t('institutions.resident.parentalRights'), cell: ({ row }) => t(`taxonomy:parentalRights.${row.original.parentalRights}`) }),
    col.display({ id: 'familyContact', meta: { priority: 'low' }, header: () => t('institutions.resident.familyContact'), cell: ({ row }) => t(`taxonomy:familyContact.${row.original.familyContact}`) }),
    col.display({ id: 'plan', header: () => t('institutions.list.plan'), cell: ({ row }) => (
      row.original.carePlanTarget ? t(`taxonomy:diTarget.${row.original.carePlanTarget}`) : t('institutions.list.noPlan')
    ) }),
    ...(show === 'all' ? [col.display({ id: 'transition', header: () => t('institutions.list.transition'), cell: ({ row }) => {
      const r = row.original;
      return !r.current && r.transitionTarget ? <>{t(`taxonomy:diTarget.${r.transitionTarget}`)} · {format.date(r.leftOn!)}</> : '—';
    } })] : []),
  ];

  return (
    <section data-testid="institution-page">
      <p><Link to="/institutions">{t('institutions.title')}</Link></p>
      <h1>{institution?.name ?? t('institutions.list.title')}</h1>
      {institution && <p className="hint">{t('institutions.beds')}: {institution.beds ?? t('institutions.bedsUnknown')} · {t('institutions.residents')}: {institution.residents}</p>}
      <div className="field">
        <label htmlFor="residents-show">{t('institutions.list.show')}</label>
        <select id="residents-show" value={show} onChange={(e) => url.set({ show: e.target.value === 'current' ? null : e.target.value })}>
          {SHOW.map((s) => <option key={s} value={s}>{t(`institutions.list.${s}`)}</option>)}
        </select>
      </div>
      {query.isPending ? <Loading /> : query.isError ? <ListLoadFailed error={query.error} onRetry={() => void query.refetch()} /> : (
        <DataTable caption={t('institutions.list.title')} columns={columns} data={query.data.items} getRowId={(r) => r.id}
          emptyText={emptyState(show !== 'current', { filtered: t('institutions.list.emptyFiltered'), none: t('institutions.list.empty') }, () => url.reset())} />
      )}
      {isUnit && (admitting
        ? <AdmitForm institutionId={institutionId} onDone={() => setAdmitting(false)} />
        : <button type="button" data-testid="admit-open" onClick={() => setAdmitting(true)}>{t('institutions.admit.open')}</button>)}
    </section>
  );
}

