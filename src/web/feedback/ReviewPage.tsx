import './page-strings.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { FeedbackTabs } from './FeedbackPage.tsx';
import { type FreeText, useFreeTexts, useMakeSignal, useMarkReviewed } from './queries.ts';

/**
 * The children's free texts for the supervisor's review (a child may disclose harm there): each
 * marked reviewed, or made a signal of the unit. `?state=reviewed` lists those already seen. The
 * texts of a provider's kiosks are reviewed by the supervisor of the municipality's unit: the
 * provider's staff (who have no link here) are told so, and nothing is asked of the API.
 */
export function ReviewPage() {
  const { t } = useTranslation();
  usePageTitle(t('feedback.review.title'));
  const me = useCurrentUser();
  if (!me.roles.includes('supervisor')) {
    return (
      <section data-testid="feedback-review">
        <h1>{t('feedback.review.title')}</h1>
        <FeedbackTabs />
        <p className="hint" data-testid="review-not-yours">{t('feedback.review.notForProviders')}</p>
      </section>
    );
  }
  return <SupervisorReview />;
}

function SupervisorReview() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') === 'reviewed' ? 'reviewed' : 'unreviewed';
  const kiosk = params.get('kiosk');
  const texts = useFreeTexts(state);
  const items = (texts.data?.items ?? []).filter((x) => !kiosk || x.kioskId === kiosk);
  return (
    <section data-testid="feedback-review">
      <h1>{t('feedback.review.title')}</h1>
      <FeedbackTabs />
      <p className="hint">{t('feedback.review.intro')}</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="review-state">{t('feedback.review.show')}</label>
          <select id="review-state" value={state} onChange={(e) => setParams(e.target.value === 'reviewed' ? { state: 'reviewed' } : {})}>
            <option value="unreviewed">{t('feedback.review.unreviewed')}</option>
            <option value="reviewed">{t('feedback.review.reviewed')}</option>
          </select>
        </div>
      </div>
      {texts.isPending ? <Loading /> : texts.isError ? <ErrorMessage error={texts.error} retry={() => texts.refetch()} />
        : items.length === 0 ? <p className="hint" data-testid="review-empty">{t('feedback.review.none')}</p>
          : <ul className="kiosk-texts">{items.map((x) => <TextCard key={x.id} text={x} />)}</ul>}
    </section>
  );
}

function TextCard({ text }: { text: FreeText }) {
  const { t } = useTranslation();
  const format = useFormat();
  const reviewed = useMarkReviewed();
  const [making, setMaking] = useState(false);
  return (
    <li className="card" data-testid="kiosk-text">
      <p className="hint">{text.kioskLabel} ({text.orgName}) · {format.date(text.submittedOn)}{text.ageBand && <> · {t(`kiosk.age.${text.ageBand}`)}</>}</p>
      <blockquote>{text.text}</blockquote>
      {text.signalId && <p><Link to={`/signals/${text.signalId}`}>{t('feedback.review.signalMade')}</Link></p>}
      {!text.reviewedAt && !making && (
        <div className="form-actions">
          <button type="button" onClick={() => reviewed.mutate(text.id)} disabled={reviewed.isPending} data-testid="text-reviewed">{t('feedback.review.markReviewed')}</button>
          <button type="button" className="button-secondary" onClick={() => setMaking(true)} data-testid="text-signal">{t('feedback.review.makeSignal')}</button>
        </div>
      )}
      {reviewed.isError && <ErrorMessage error={reviewed.error} />}
      {making && <SignalForm text={text} onCancel={() => setMaking(false)} />}
    </li>
  );
}

function SignalForm({ text, onCancel }: { text: FreeText; onCancel: () => void }) {
  const { t } = useTranslation();
  const make = useMakeSignal();
  const [harmTypes, setHarmTypes] = useState<string[]>([]);
  const [urgency, setUrgency] = useState('normal');
  const [givenName, setGivenName] = useState('');
  const [familyName, setFamilyName] = useState('');
  const [sex, setSex] = useState('unknown');
  const [missing, setMissing] = useState(false);
  const id = text.id;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (harmTypes.length === 0 || !givenName.trim() || !familyName.trim()) return setMissing(true);
    setMissing(false);
    make.mutate({ id, body: { harmTypes, urgency, child: { givenName: givenName.trim(), familyName: familyName.trim(), sex } } });
  };
  if (make.isSuccess) return <p role="status"><Link to={`/signals/${make.data.signalId}`}>{t('feedback.review.signalMade')}</Link></p>;
  return (
    <form onSubmit={submit} aria-labelledby={`signal-${id}`} noValidate>
      <h3 id={`signal-${id}`}>{t('feedback.review.makeSignal')}</h3>
      <p className="hint">{t('feedback.review.signalHint')}</p>
      <fieldset className="field">
        <legend>{t('feedback.review.harmTypes')}</legend>
        <div className="checkbox-options">
          {TAXONOMIES.harmType.map((h) => (
            <label key={h}><input type="checkbox" checked={harmTypes.includes(h)} onChange={(e) => setHarmTypes(e.target.checked ? [...harmTypes, h] : harmTypes.filter((x) => x !== h))} /> {t(`taxonomy:harmType.${h}`)}</label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`urgency-${id}`}>{t('feedback.review.urgency')}</label>
        <select id={`urgency-${id}`} value={urgency} onChange={(e) => setUrgency(e.target.value)}>
          {(['normal', 'urgent', 'immediate'] as const).map((u) => <option key={u} value={u}>{t(`feedback.review.urgencyLevel.${u}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`given-${id}`}>{t('feedback.review.givenName')}</label>
        <input id={`given-${id}`} value={givenName} maxLength={100} onChange={(e) => setGivenName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`family-${id}`}>{t('feedback.review.familyName')}</label>
        <input id={`family-${id}`} value={familyName} maxLength={100} onChange={(e) => setFamilyName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`sex-${id}`}>{t('feedback.review.sex')}</label>
        <select id={`sex-${id}`} value={sex} onChange={(e) => setSex(e.target.value)}>
          {TAXONOMIES.sex.map((s) => <option key={s} value={s}>{t(`taxonomy:sex.${s}`)}</option>)}
        </select>
      </div>
      {missing && <p className="field-error" role="alert">{t('feedback.review.missing')}</p>}
      {make.isError && <ErrorMessage error={make.error} />}
      <div className="form-actions">
        <button type="submit" disabled={make.isPending} data-testid="signal-submit">{t('feedback.review.createSignal')}</button>
        <button type="button" className="button-secondary" onClick={onCancel}>{t('feedback.review.cancel')}</button>
      </div>
    </form>
  );
}
