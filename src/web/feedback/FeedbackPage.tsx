import './page-strings.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { KIOSK_SERVICES } from '../../feedback/feedback-schema.ts';
import { LANGUAGES } from '../../domain/i18n/languages.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { ConfirmButton } from '../app/ConfirmButton.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { type Kiosk, useCreateKiosk, useKioskStatus, useKiosks } from './queries.ts';

/** The sub-pages of the feedback section, for the unit's supervisor (all), its caseworkers and a provider's staff (no review: the unit's supervisor reviews a provider's free texts). */
export function FeedbackTabs() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <nav className="tabs" aria-label={t('feedback.title')}>
      <Link to="/feedback">{t('feedback.kiosks')}</Link>{' · '}
      <Link to="/feedback/results">{t('feedback.results')}</Link>
      {me.roles.includes('supervisor') && <>{' · '}<Link to="/feedback/review">{t('feedback.review.title')}</Link></>}
    </nav>
  );
}

/** The kiosks of the unit or the provider: each with its link and QR code, answers and texts to review; the supervisor or the provider's staff open, close and reopen them. */
export function FeedbackPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  usePageTitle(t('feedback.title'));
  const kiosks = useKiosks();
  const manages = me.roles.includes('supervisor') || me.roles.includes('provider');
  return (
    <section data-testid="feedback-page">
      <h1>{t('feedback.title')}</h1>
      <FeedbackTabs />
      <p className="hint">{t('feedback.intro')}</p>
      {manages && <NewKiosk />}
      <h2>{t('feedback.kiosks')}</h2>
      {kiosks.isPending ? <Loading /> : kiosks.isError ? <ErrorMessage error={kiosks.error} retry={() => kiosks.refetch()} />
        : kiosks.data.items.length === 0 ? <p className="hint" data-testid="feedback-empty">{t('feedback.none')}</p>
          : <ul className="kiosk-list">{kiosks.data.items.map((k) => <KioskCard key={k.id} kiosk={k} />)}</ul>}
    </section>
  );
}

function NewKiosk() {
  const { t } = useTranslation();
  const create = useCreateKiosk();
  const [label, setLabel] = useState('');
  const [service, setService] = useState<string>('casework');
  const [languages, setLanguages] = useState<string[]>([]);
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!label.trim() || languages.length === 0) return setMissing(true);
    setMissing(false);
    // The languages in the app's order: the first is the kiosk's default.
    create.mutate({ label: label.trim(), service, languages: LANGUAGES.filter((l) => languages.includes(l)) }, { onSuccess: () => { setLabel(''); setLanguages([]); } });
  };
  return (
    <form onSubmit={submit} className="card" aria-labelledby="new-kiosk" noValidate>
      <h2 id="new-kiosk">{t('feedback.new')}</h2>
      <div className="field">
        <label htmlFor="kiosk-label">{t('feedback.label')}</label>
        <input id="kiosk-label" value={label} maxLength={120} onChange={(e) => setLabel(e.target.value)} aria-invalid={missing && !label.trim()} />
      </div>
      <div className="field">
        <label htmlFor="kiosk-service">{t('feedback.service.label')}</label>
        <select id="kiosk-service" value={service} onChange={(e) => setService(e.target.value)}>
          {KIOSK_SERVICES.map((s) => <option key={s} value={s}>{t(`feedback.service.${s}`)}</option>)}
        </select>
      </div>
      <fieldset className="field">
        <legend>{t('feedback.languages')}</legend>
        {LANGUAGES.map((l) => (
          <label key={l} className="checkbox">
            <input type="checkbox" checked={languages.includes(l)} onChange={(e) => setLanguages(e.target.checked ? [...languages, l] : languages.filter((x) => x !== l))} />
            {' '}{t(`kiosk.languageName.${l}`)}
          </label>
        ))}
      </fieldset>
      {missing && <p className="field-error" role="alert">{t('feedback.newMissing')}</p>}
      {create.isError && <ErrorMessage error={create.error} />}
      <button type="submit" className="button" disabled={create.isPending} data-testid="kiosk-create">{t('feedback.create')}</button>
    </form>
  );
}

function KioskCard({ kiosk }: { kiosk: Kiosk }) {
  const { t } = useTranslation();
  const format = useFormat();
  const status = useKioskStatus();
  const open = kiosk.status === 'open';
  return (
    <li className="card kiosk-card" data-testid="kiosk-card">
      <h3>{kiosk.label}</h3>
      <p>
        {t(`feedback.service.${kiosk.service}`)} · {kiosk.languages.map((l) => t(`kiosk.languageName.${l}`)).join(', ')} ·{' '}
        <strong>{t(open ? 'feedback.open' : 'feedback.closed')}</strong>
        {kiosk.closedAt && <> ({format.dateTime(kiosk.closedAt)})</>}
      </p>
      <p>{t('feedback.answers', { count: kiosk.answers })}{kiosk.manageable && kiosk.unreviewed > 0 && <> · <Link to="/feedback/review">{t('feedback.unreviewed', { count: kiosk.unreviewed })}</Link></>}</p>
      <div className="kiosk-link">
        <img src={kiosk.qrCode} alt={t('feedback.qr', { label: kiosk.label })} width={160} height={160} />
        <p>
          <label htmlFor={`link-${kiosk.id}`}>{t('feedback.link')}</label>
          <input id={`link-${kiosk.id}`} readOnly value={kiosk.link} onFocus={(e) => e.target.select()} />
          <a href={kiosk.link} target="_blank" rel="noreferrer">{t('feedback.openKiosk')}</a>
        </p>
      </div>
      <p>
        <Link to={`/feedback/results?kiosk=${kiosk.id}`}>{t('feedback.results')}</Link>{' · '}
        <Link to={`/feedback/${kiosk.id}/notes`}>{t('feedback.notes.title')}</Link>
      </p>
      {kiosk.manageable && (open
        ? <ConfirmButton question={t('feedback.closeQuestion')} onConfirm={() => status.mutate({ id: kiosk.id, status: 'closed', version: kiosk.version })} testId="kiosk-close">{t('feedback.close')}</ConfirmButton>
        : <button type="button" className="button-secondary" onClick={() => status.mutate({ id: kiosk.id, status: 'open', version: kiosk.version })} data-testid="kiosk-reopen">{t('feedback.reopen')}</button>)}
      {status.isError && <ErrorMessage error={status.error} />}
    </li>
  );
}
