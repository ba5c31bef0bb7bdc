import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseView } from '../../cases/case-schema.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { ReferralForm } from './ReferralForm.tsx';
import { useCaseReferrals } from './queries.ts';

/** The case's referrals (each links to its own page, where it is followed) and the form to refer. */
export function ReferralsSection({ caseView }: { caseView: CaseView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useCaseReferrals(caseView.id);
  const [open, setOpen] = useState(false);
  return (
    <section className="casework-section" aria-labelledby="referrals-title" data-testid="referrals-section">
      <h2 id="referrals-title">{t('casework.referral.title')}</h2>
      {query.isPending ? <Loading /> : query.isError ? <ErrorMessage error={query.error} retry={() => query.refetch()} /> : query.data.items.length === 0
        ? <p>{t('casework.referral.none')}</p> : (
          <ul className="casework-list">
            {query.data.items.map((r) => (
              <li key={r.id} className="casework-item" data-testid={`case-referral-${r.id}`}>
                <Link to={`/referrals/${r.id}`}>{t(`casework.service.${r.service}`)} · {r.providerName}</Link>{' '}
                <span className={`badge referral-${r.status}`}>{t(`casework.referralStatus.${r.status}`)}</span>
                {r.overdue && <span className="badge badge-overdue"> {t('casework.overdue')}</span>}
                {r.withdrawnCode === 'case_closed' && <> · {t('casework.referral.withdrawnOnClosure')}</>}
                {' '}· {format.date(r.referredAt)}
              </li>
            ))}
          </ul>
        )}
      {open ? <ReferralForm caseId={caseView.id} country={caseView.country} onDone={() => setOpen(false)} />
        : caseView.allowed.includes('refer') && (
          <button type="button" data-testid="new-referral" onClick={() => setOpen(true)}>{t('casework.referral.new')}</button>
        )}
    </section>
  );
}
