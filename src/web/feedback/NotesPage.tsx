import './page-strings.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LANGUAGES } from '../../domain/i18n/languages.ts';
import { ConfirmButton } from '../app/ConfirmButton.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { FeedbackTabs } from './FeedbackPage.tsx';
import { useKioskNotes, useKiosks, usePublishNote, useWithdrawNote } from './queries.ts';

/** "You said, we did": the notes a kiosk shows the children; the supervisor (or the provider's staff) publishes and withdraws them. */
export function NotesPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const me = useCurrentUser();
  usePageTitle(t('feedback.notes.title'));
  const kiosk = useKiosks().data?.items.find((k) => k.id === id);
  const notes = useKioskNotes(id);
  const withdraw = useWithdrawNote(id);
  const supervisor = me.roles.includes('supervisor') || me.roles.includes('provider');
  return (
    <section data-testid="feedback-notes">
      <h1>{t('feedback.notes.title')}{kiosk ? `: ${kiosk.label}` : ''}</h1>
      <FeedbackTabs />
      <p className="hint">{t('feedback.notes.intro')}</p>
      {supervisor && <NoteForm id={id} languages={kiosk?.languages ?? [...LANGUAGES]} />}
      {notes.isPending ? <Loading /> : notes.isError ? <ErrorMessage error={notes.error} retry={() => notes.refetch()} />
        : notes.data.items.length === 0 ? <p className="hint">{t('feedback.notes.none')}</p> : (
          <ul className="kiosk-notes">
            {notes.data.items.map((n) => (
              <li key={n.id} className="card" lang={n.language} data-testid="kiosk-note">
                <p><strong>{t('kiosk.youSaid')}</strong> {n.youSaid}</p>
                <p><strong>{t('kiosk.weDid')}</strong> {n.weDid}</p>
                <p className="hint">{t(`kiosk.languageName.${n.language}`)} · {format.dateTime(n.publishedAt)}</p>
                {supervisor && <ConfirmButton question={t('feedback.notes.withdrawQuestion')} onConfirm={() => withdraw.mutate(n.id)}>{t('feedback.notes.withdraw')}</ConfirmButton>}
              </li>
            ))}
          </ul>
        )}
      {withdraw.isError && <ErrorMessage error={withdraw.error} />}
    </section>
  );
}

function NoteForm({ id, languages }: { id: string; languages: string[] }) {
  const { t } = useTranslation();
  const publish = usePublishNote(id);
  const [language, setLanguage] = useState(languages[0] ?? 'sq');
  const [youSaid, setYouSaid] = useState('');
  const [weDid, setWeDid] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!youSaid.trim() || !weDid.trim()) return setMissing(true);
    setMissing(false);
    publish.mutate({ language, youSaid: youSaid.trim(), weDid: weDid.trim() }, { onSuccess: () => { setYouSaid(''); setWeDid(''); } });
  };
  return (
    <form onSubmit={submit} className="card" aria-labelledby="note-new" noValidate>
      <h2 id="note-new">{t('feedback.notes.new')}</h2>
      <div className="field">
        <label htmlFor="note-language">{t('feedback.notes.language')}</label>
        <select id="note-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
          {languages.map((l) => <option key={l} value={l}>{t(`kiosk.languageName.${l}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="note-you-said">{t('kiosk.youSaid')}</label>
        <textarea id="note-you-said" maxLength={300} rows={2} value={youSaid} onChange={(e) => setYouSaid(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="note-we-did">{t('kiosk.weDid')}</label>
        <textarea id="note-we-did" maxLength={300} rows={2} value={weDid} onChange={(e) => setWeDid(e.target.value)} />
      </div>
      {missing && <p className="field-error" role="alert">{t('feedback.notes.missing')}</p>}
      {publish.isError && <ErrorMessage error={publish.error} />}
      <button type="submit" className="button" disabled={publish.isPending} data-testid="note-publish">{t('feedback.notes.publish')}</button>
    </form>
  );
}
