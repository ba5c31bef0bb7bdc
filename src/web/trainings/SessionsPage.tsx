import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TRAINING_MODES } from '../../domain/training-topics.ts';
import { DateInput, wholeDays } from '../app/DateInput.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { useMunicipalityLookup } from '../jurisdictions/queries.ts';
import { type SessionView, useModules, useSessions, useTrainingWrite } from './queries.ts';
import { TrainingsTabs, municipalityOptions } from './TrainingsTabs.tsx';

/** Training sessions, newest first, and a form to add one. */
export function SessionsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useCurrentUser();
  usePageTitle(t('trainings.sessions.title'));
  const sessions = useSessions();
  const modules = useModules();
  const municipalities = useMunicipalityLookup(me.organisation.country);
  const save = useTrainingWrite<SessionView>('/training-sessions');
  const [form, setForm] = useState({ moduleId: '', startsOn: '', endsOn: '', place: '', municipalityCode: '', trainers: '', mode: 'in_person' });
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ ...form, trainers: form.trainers.split('\n').map((s) => s.trim()).filter(Boolean) }, { onSuccess: () => setForm({ ...form, startsOn: '', endsOn: '', place: '' }) });
  };
  return (
    <section data-testid="trainings-sessions">
      <h1>{t('trainings.title')}</h1>
      <p className="hint">{t('trainings.intro')}</p>
      <TrainingsTabs />
      <h2>{t('trainings.sessions.title')}</h2>
      {sessions.isPending ? <Loading /> : sessions.isError ? <ErrorMessage error={sessions.error} retry={() => sessions.refetch()} />
        : sessions.data.items.length === 0 ? <p>{t('trainings.sessions.none')}</p> : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('trainings.sessions.title')}>
            <table data-testid="trainings-sessions-table">
              <thead><tr>
                <th scope="col">{t('trainings.sessions.dates')}</th><th scope="col">{t('trainings.sessions.module')}</th><th scope="col">{t('trainings.sessions.place')}</th>
                <th scope="col">{t('trainings.sessions.mode')}</th><th scope="col">{t('trainings.sessions.participants')}</th><th scope="col">{t('trainings.sessions.certificates')}</th>
              </tr></thead>
              <tbody>
                {sessions.data.items.map((s) => (
                  <tr key={s.id}>
                    <td>{format.date(s.startsOn)} – {format.date(s.endsOn)}</td>
                    <th scope="row"><Link to={`/trainings/sessions/${s.id}`}>{s.moduleTitle}</Link></th>
                    <td>{s.place}, {municipalities.get(s.municipalityCode)?.nameLocal ?? s.municipalityCode}</td>
                    <td>{t(`trainings.mode.${s.mode}`)}</td>
                    <td>{s.participants}</td>
                    <td>{s.certificates}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <form onSubmit={submit} aria-labelledby="session-new">
        <h2 id="session-new">{t('trainings.sessions.new')}</h2>
        <div className="field">
          <label htmlFor="session-module">{t('trainings.sessions.module')}</label>
          <select id="session-module" required value={form.moduleId} onChange={(e) => set({ moduleId: e.target.value })}>
            <option value="">{t('trainings.sessions.chooseModule')}</option>
            {(modules.data ?? []).map((m) => <option key={m.id} value={m.id}>{m.title}</option>)}
          </select>
        </div>
        <div className="field"><label htmlFor="session-starts">{t('trainings.sessions.startsOn')}</label><DateInput id="session-starts" required value={form.startsOn} onChange={wholeDays((v) => set({ startsOn: v }))} /></div>
        <div className="field"><label htmlFor="session-ends">{t('trainings.sessions.endsOn')}</label><DateInput id="session-ends" required value={form.endsOn} onChange={wholeDays((v) => set({ endsOn: v }))} /></div>
        <div className="field"><label htmlFor="session-place">{t('trainings.sessions.place')}</label><input id="session-place" required value={form.place} onChange={(e) => set({ place: e.target.value })} /></div>
        <div className="field">
          <label htmlFor="session-municipality">{t('trainings.sessions.municipality')}</label>
          <select id="session-municipality" required value={form.municipalityCode} onChange={(e) => set({ municipalityCode: e.target.value })}>
            <option value="" />
            {municipalityOptions(municipalities)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="session-trainers">{t('trainings.sessions.trainers')}</label>
          <textarea id="session-trainers" required rows={2} aria-describedby="session-trainers-hint" value={form.trainers} onChange={(e) => set({ trainers: e.target.value })} />
          <p id="session-trainers-hint" className="hint">{t('trainings.sessions.trainersHint')}</p>
        </div>
        <fieldset className="field">
          <legend>{t('trainings.sessions.mode')}</legend>
          {TRAINING_MODES.map((m) => <label key={m} className="checkbox"><input type="radio" name="session-mode" checked={form.mode === m} onChange={() => set({ mode: m })} /> {t(`trainings.mode.${m}`)}</label>)}
        </fieldset>
        {save.isError && <ErrorMessage error={save.error} />}
        <button type="submit" disabled={save.isPending}>{t('trainings.sessions.save')}</button>
      </form>
    </section>
  );
}
