import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DESTINATIONS } from '../../shelters/shelter-codes.ts';
import { DateInput } from '../app/DateInput.tsx';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { ConfirmButton } from '../app/ConfirmButton.tsx';
import { useFormat } from '../app/format.ts';
import { wallDay } from '../app/time-zone.ts';
import { type Stay, useStayStep } from './queries.ts';

/** A required field's label. */
function Required({ htmlFor, children }: { htmlFor: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  return <label htmlFor={htmlFor}>{children}<span className="required"> ({t('common.required')})</span></label>;
}

/** The responsible unit links the emergency admission to its case of the child. */
export function LinkForm({ stay }: { stay: Stay }) {
  const { t } = useTranslation();
  const format = useFormat();
  const step = useStayStep(stay.id);
  const cases = stay.unitCases ?? [];
  const [caseId, setCaseId] = useState(cases[0]?.id ?? '');
  return (
    <section className="panel" aria-labelledby="stay-link-title" data-testid="stay-link-form">
      <h2 id="stay-link-title">{t('shelters.stay.link.title')}</h2>
      {step.isError && <ErrorMessage error={step.error} />}
      {cases.length === 0 ? <p>{t('shelters.stay.link.none')}</p> : (
        <>
          <div className="field">
            <Required htmlFor="stay-link-case">{t('shelters.stay.link.case')}</Required>
            <select id="stay-link-case" value={caseId} onChange={(e) => setCaseId(e.target.value)}>
              {cases.map((k) => <option key={k.id} value={k.id}>{k.ref ?? k.id.slice(0, 8).toUpperCase()} · {format.date(k.openedAt)} · {t(`cases.status.${k.status}`)}</option>)}
            </select>
          </div>
          <div className="form-actions">
            <button type="button" data-testid="stay-link-submit" disabled={step.isPending || !caseId} onClick={() => step.mutate({ step: 'link', body: { caseId } })}>
              {t('shelters.stay.link.submit')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** The discharge: the day, where to and with whom; asks before it ends the stay (and the case's placement). */
export function DischargeForm({ stay }: { stay: Stay }) {
  const { t } = useTranslation();
  const step = useStayStep(stay.id);
  const [day, setDay] = useState(wallDay(new Date()));
  const [destination, setDestination] = useState<string>('family');
  const [withWhom, setWithWhom] = useState('');
  const [missing, setMissing] = useState(false);
  const send = () => {
    if (!day || !withWhom.trim()) return setMissing(true);
    setMissing(false);
    step.mutate({ step: 'discharge', body: { dischargedOn: day, destination, dischargedWith: withWhom.trim() } });
  };
  return (
    <section className="panel" aria-labelledby="stay-discharge-title" data-testid="stay-discharge">
      <h2 id="stay-discharge-title">{t('shelters.stay.discharge.title')}</h2>
      {step.isError && <ErrorMessage error={step.error} />}
      <div className="field">
        <Required htmlFor="discharge-date">{t('shelters.stay.discharge.date')}</Required>
        <DateInput id="discharge-date" value={day} onChange={setDay} required />
      </div>
      <div className="field">
        <Required htmlFor="discharge-destination">{t('shelters.stay.discharge.destination')}</Required>
        <select id="discharge-destination" value={destination} onChange={(e) => setDestination(e.target.value)}>
          {DESTINATIONS.map((d) => <option key={d} value={d}>{t(`shelters.stay.discharge.destinations.${d}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <Required htmlFor="discharge-with">{t('shelters.stay.discharge.with')}</Required>
        <input id="discharge-with" type="text" value={withWhom} aria-invalid={missing || undefined}
          onChange={(e) => setWithWhom(e.target.value)} />
        {missing && <p className="field-error" role="alert">{t('validation.required')}</p>}
      </div>
      <div className="form-actions">
        <ConfirmButton className="button" testId="discharge-submit" disabled={step.isPending} question={t('shelters.stay.discharge.confirm')} onConfirm={send}>
          {t('shelters.stay.discharge.submit')}
        </ConfirmButton>
      </div>
    </section>
  );
}

/** The follow-up contact after the discharge. */
export function FollowUpForm({ stay }: { stay: Stay }) {
  const { t } = useTranslation();
  const step = useStayStep(stay.id);
  const [day, setDay] = useState(wallDay(new Date()));
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <section className="panel" aria-labelledby="stay-follow-up-title" data-testid="stay-follow-up">
      <h2 id="stay-follow-up-title">{t('shelters.stay.followUp.title')}</h2>
      {step.isError && <ErrorMessage error={step.error} />}
      <div className="field">
        <Required htmlFor="follow-up-date">{t('shelters.stay.followUp.date')}</Required>
        <DateInput id="follow-up-date" value={day} onChange={setDay} required />
      </div>
      <div className="field">
        <Required htmlFor="follow-up-note">{t('shelters.stay.followUp.note')}</Required>
        <textarea id="follow-up-note" rows={3} value={note} aria-invalid={missing || undefined} onChange={(e) => setNote(e.target.value)} />
        {missing && <p className="field-error" role="alert">{t('validation.required')}</p>}
      </div>
      <div className="form-actions">
        <button type="button" disabled={step.isPending} onClick={() => {
          if (!day || !note.trim()) return setMissing(true);
          setMissing(false);
          step.mutate({ step: 'follow-up', body: { followUpOn: day, note: note.trim() } });
        }}>{t('shelters.stay.followUp.submit')}</button>
      </div>
    </section>
  );
}
