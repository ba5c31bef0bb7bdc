import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REFERRAL_STATUSES } from '../../cases/case-workflow.ts';
import { REFERRAL_SORTS } from '../../referrals/referral-schema.ts';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { Loading } from '../app/ErrorMessage.tsx';
import { ListLoadFailed, emptyState } from '../app/ListStates.tsx';
import { oneOf, useUrlFilters } from '../app/url-filters.ts';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { useReferrals } from './queries.ts';
import type { ReferralView } from './types.ts';

const col = listColumns<ReferralView>();
const SORTS = [...REFERRAL_SORTS, ...REFERRAL_SORTS.map((s) => `-${s}` as const)];

/** The referrals inbox: a provider sees what was sent to it, a protection unit what it sent; the status filter lives in the address. */
export function ReferralsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useCurrentUser();
  const direction = me.organisation?.isProtectionUnit ? 'outgoing' : 'incoming';
  const url = useUrlFilters(500);
  const status = oneOf(url.get('status'), REFERRAL_STATUSES) ?? '';
  const sort = oneOf(url.sort, SORTS);
  const clear = () => url.reset();
  const query = useReferrals(direction, status, sort);
  usePageTitle(t('casework.referrals.title'));

  const columns: ListColumn<ReferralView>[] = [
    col.display({ id: 'child', header: () => t('casework.referrals.child'), cell: ({ row }) => (
      <Link to={`/referrals/${row.original.id}`}>{row.original.child.givenName} {row.original.child.familyName}</Link>
    ) }),
    col.display({ id: 'service', meta: { priority: 'low' }, header: () => t('casework.referral.service'), cell: ({ row }) => t(`casework.service.${row.original.service}`) }),
    col.display({ id: 'other', meta: { priority: 'low' }, header: () => t(direction === 'incoming' ? 'casework.referrals.from' : 'casework.referrals.to'),
      cell: ({ row }) => (direction === 'incoming' ? row.original.unitName : row.original.providerName) }),
    col.display({ id: 'referredAt', meta: { nowrap: true, sortKey: 'referredAt' }, header: () => t('casework.referrals.referredAt'), cell: ({ row }) => format.date(row.original.referredAt) }),
    col.display({ id: 'status', meta: { sortKey: 'status' }, header: () => t('casework.referrals.status'), cell: ({ row }) => (
      <>
        {t(`casework.referralStatus.${row.original.status}`)}
        {row.original.overdue && <> <span className="badge badge-overdue">{t('casework.overdue')}</span></>}
      </>
    ) }),
  ];

  return (
    <section data-testid={`referrals-${direction}`}>
      <h1>{t('casework.referrals.title')}</h1>
      <p className="hint">{t(direction === 'incoming' ? 'casework.referrals.incomingIntro' : 'casework.referrals.outgoingIntro')}</p>
      <div className="field">
        <label htmlFor="referrals-status">{t('casework.referrals.status')}</label>
        <select id="referrals-status" value={status} onChange={(e) => url.set({ status: e.target.value })}>
          <option value="">{t('casework.referrals.allStatuses')}</option>
          {REFERRAL_STATUSES.map((s) => <option key={s} value={s}>{t(`casework.referralStatus.${s}`)}</option>)}
        </select>
      </div>
      {query.isPending ? <Loading /> : query.isError ? <ListLoadFailed error={query.error} onRetry={() => void query.refetch()} /> : (
        <DataTable caption={t('casework.referrals.title')} columns={columns} data={query.data.items} getRowId={(r) => r.id}
          sort={{ value: sort ?? null, fallback: '-referredAt', onChange: url.setSort }}
          emptyText={emptyState(status !== '', {
            filtered: t('lists.referrals.emptyFiltered'),
            none: t(direction === 'incoming' ? 'lists.referrals.emptyIncoming' : 'lists.referrals.emptyOutgoing'),
          }, clear)} />
      )}
    </section>
  );
}
