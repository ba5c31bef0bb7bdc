import { AttachmentsPanel } from '../attachments/AttachmentsPanel.tsx';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type {
  ReferralAcceptInput, ReferralCompleteInput, ReferralDeclineInput, ReferralServiceInput, ReferralWithdrawInput,
} from '../../referrals/referral-schema.ts';
import { isApiError } from '../app/api.ts';
import type { EveryInputKey } from '../app/form-schema.ts';
import { ErrorMessage, LoadFailed, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { today } from '../cases/form-kit.ts';
import { type ReferralStep, useReferral, useReferralStep } from './queries.ts';
import type { ReferralView } from './types.ts';
import { DateInput } from '../app/DateInput.tsx';

/** One referral: what was asked and consented to, the services delivered, and the steps the reader may take. */
export function ReferralPage() {
  const { referralId = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const query = useReferral(referralId);
  usePageTitle(t('casework.referral.pageTitle'));
  if (query.isPending) return <Loading what={t('forms.what.referral')} />;
  if (query.isError) return <LoadFailed title={t('casework.referral.pageTitle')} error={query.error} retry={() => query.refetch()} backTo="/referrals" backLabel={t('casework.referrals.back')} />;
  const r = query.data;
  return (
    <section data-testid="referral-page">
      <h1>{t('casework.referral.pageTitle')}</h1>
      <p><Link to="/referrals">{t('casework.referrals.back')}</Link></p>
      <dl className="details">
        <dt>{t('casework.referrals.child')}</dt><dd>{r.child.givenName} {r.child.familyName}{r.child.birthDate ? ` · ${format.date(r.child.birthDate)}` : ''}</dd>
        <dt>{t('casework.referral.service')}</dt><dd>{t(`casework.service.${r.service}`)}</dd>
        <dt>{t('casework.referrals.from')}</dt><dd>{r.unitName}{r.referredByName ? ` · ${r.referredByName}` : ''} · {format.date(r.referredAt)}</dd>
        <dt>{t('casework.referrals.to')}</dt><dd>{r.providerName}</dd>
        <dt>{t('casework.referral.request')}</dt><dd>{r.request}</dd>
        <dt>{t('casework.referral.consentChild')}</dt><dd>{t(`casework.consent.${r.consentChild}`)}</dd>
        <dt>{t('casework.referral.consentCaregiver')}</dt><dd>{t(`casework.consent.${r.consentCaregiver}`)}</dd>
        {r.bestInterestsReason && <><dt>{t('casework.referral.bestInterestsReason')}</dt><dd>{r.bestInterestsReason}</dd></>}
        <dt>{t('casework.referrals.status')}</dt>
        <dd data-testid="referral-status">
          {t(`casework.referralStatus.${r.status}`)}
          {r.overdue && <span className="badge badge-overdue"> {t('casework.overdue')}</span>}
        </dd>
        {r.status === 'pending' && <><dt>{t('casework.referral.respondBy')}</dt><dd>{format.dateTime(r.respondBy)}</dd></>}
        {r.completeBy && r.status === 'accepted' && <><dt>{t('casework.referral.completeBy')}</dt><dd>{format.dateTime(r.completeBy)}</dd></>}
        {r.declineReason && <><dt>{t('casework.referral.declineReason')}</dt><dd>{r.declineReason}</dd></>}
        {r.outcome && <><dt>{t('casework.referral.outcome')}</dt><dd>{r.outcome}</dd></>}
        {r.withdrawnReason && <><dt>{t('casework.referral.withdrawReason')}</dt><dd>{r.withdrawnReason}</dd></>}
        {r.withdrawnCode === 'case_closed' && <><dt>{t('casework.referral.withdrawReason')}</dt><dd data-testid="referral-withdrawn-on-closure">{t('casework.referral.withdrawnOnClosure')}</dd></>}
      </dl>
      <h2>{t('casework.referral.services')}</h2>
      {r.services.length === 0 ? <p>{t('casework.referral.noServices')}</p> : (
        <ul className="casework-list">
          {r.services.map((s) => (
            <li key={s.id}>{format.date(s.deliveredOn)} · {s.description}{s.sessions ? ` · ${t('casework.referral.sessionsCount', { count: s.sessions })}` : ''}</li>
          ))}
        </ul>
      )}
      <ReferralSteps referral={r} />
      <AttachmentsPanel ownerKind="referral" ownerId={r.id} />
    </section>
  );
}

type Open = null | 'decline' | 'services' | 'complete' | 'withdraw';

/** Each step's button appears only when the view's `allowed` names it; the server decides the rest. */
function ReferralSteps({ referral: r }: { referral: ReferralView }) {
  const { t } = useTranslation();
  const step = useReferralStep(r.id);
  const [open, setOpen] = useState<Open>(null);
  const [text, setText] = useState('');
  const [date, setDate] = useState(today());
  const [sessions, setSessions] = useState('');
  const [missing, setMissing] = useState(false);
  const go = (name: ReferralStep, body: unknown) => step.mutate({ step: name, body }, { onSuccess: () => { setOpen(null); setText(''); setSessions(''); } });
  const textLabel = open === 'decline' ? 'casework.referral.declineReason' : open === 'complete' ? 'casework.referral.outcome'
    : open === 'withdraw' ? 'casework.referral.withdrawReason' : 'casework.referral.serviceDescription';

  const confirm = () => {
    if (!text.trim() || (open === 'services' && !date)) return setMissing(true);
    setMissing(false);
    // Each body names every key of its step's schema (EveryInputKey): a forgotten one does not compile.
    if (open === 'decline') go('decline', { reason: text.trim(), version: r.version } satisfies EveryInputKey<typeof ReferralDeclineInput>);
    if (open === 'withdraw') go('withdraw', { reason: text.trim(), version: r.version } satisfies EveryInputKey<typeof ReferralWithdrawInput>);
    if (open === 'complete') go('complete', { outcome: text.trim(), version: r.version } satisfies EveryInputKey<typeof ReferralCompleteInput>);
    if (open === 'services') {
      go('services', { deliveredOn: date, description: text.trim(), sessions: sessions ? Number(sessions) : null } satisfies EveryInputKey<typeof ReferralServiceInput>);
    }
  };

  return (
    <div className="casework-decisions" data-testid="referral-steps">
      {step.isError && (isApiError(step.error, 409)
        ? <p className="alert alert-warning" role="alert">{t('casework.referral.conflict')}</p>
        : <ErrorMessage error={step.error} />)}
      {open === null ? (
        <div className="form-actions">
          {r.allowed.includes('accept') && <button type="button" data-testid="referral-accept" disabled={step.isPending} onClick={() => go('accept', { version: r.version } satisfies EveryInputKey<typeof ReferralAcceptInput>)}>{t('casework.referral.accept')}</button>}
          {r.allowed.includes('decline') && <button type="button" className="button-secondary" data-testid="referral-decline" onClick={() => setOpen('decline')}>{t('casework.referral.decline')}</button>}
          {r.allowed.includes('record_service') && <button type="button" data-testid="referral-services" onClick={() => setOpen('services')}>{t('casework.referral.recordService')}</button>}
          {r.allowed.includes('complete') && <button type="button" data-testid="referral-complete" onClick={() => setOpen('complete')}>{t('casework.referral.complete')}</button>}
          {r.allowed.includes('withdraw') && <button type="button" className="button-secondary" data-testid="referral-withdraw" onClick={() => setOpen('withdraw')}>{t('casework.referral.withdraw')}</button>}
        </div>
      ) : (
        <div className="panel casework-form" data-testid={`referral-step-${open}`}>
          {open === 'services' && (
            <>
              <div className="field">
                <label htmlFor="referral-step-date">{t('casework.referral.deliveredOn')}</label>
                <DateInput id="referral-step-date" value={date} onChange={setDate} />
              </div>
              <div className="field">
                <label htmlFor="referral-step-sessions">{t('casework.referral.sessions')}</label>
                <input id="referral-step-sessions" type="number" min={1} value={sessions} onChange={(e) => setSessions(e.target.value)} />
              </div>
            </>
          )}
          <div className="field">
            <label htmlFor="referral-step-text">{t(textLabel)}<span className="required"> ({t('common.required')})</span></label>
            <textarea id="referral-step-text" rows={3} value={text} aria-invalid={missing || undefined}
              aria-describedby={missing ? 'referral-step-text-error' : undefined} onChange={(e) => setText(e.target.value)} />
            {missing && <p className="field-error" id="referral-step-text-error" role="alert">{t('validation.required')}</p>}
          </div>
          <div className="form-actions">
            <button type="button" data-testid="referral-step-confirm" disabled={step.isPending} onClick={confirm}>{t('casework.referral.confirm')}</button>
            <button type="button" className="button-secondary" onClick={() => { setOpen(null); setMissing(false); }}>{t('common.cancel')}</button>
          </div>
        </div>
      )}
    </div>
  );
}
