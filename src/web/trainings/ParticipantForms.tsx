import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { isApiError } from '../app/api.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { useMunicipalityLookup } from '../jurisdictions/queries.ts';
import { type ParticipantView, useTrainingWrite } from './queries.ts';
import { municipalityOptions } from './TrainingsTabs.tsx';

/** Adds one participant: name, sector, organisation, position, municipality. */
export function ParticipantForm({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const municipalities = useMunicipalityLookup(me.organisation.country);
  const save = useTrainingWrite<ParticipantView>(`/training-sessions/${encodeURIComponent(sessionId)}/participants`);
  const empty = { name: '', sector: 'education', organisation: '', position: '', municipalityCode: '' };
  const [form, setForm] = useState(empty);
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ ...form, municipalityCode: form.municipalityCode || null }, { onSuccess: () => setForm(empty) });
  };
  return (
    <form onSubmit={submit} aria-labelledby="participant-new">
      <h2 id="participant-new">{t('trainings.participants.add')}</h2>
      <div className="field"><label htmlFor="participant-name">{t('trainings.participants.name')}</label><input id="participant-name" required autoComplete="off" value={form.name} onChange={(e) => set({ name: e.target.value })} /></div>
      <div className="field">
        <label htmlFor="participant-sector">{t('trainings.participants.sector')}</label>
        <select id="participant-sector" value={form.sector} onChange={(e) => set({ sector: e.target.value })}>
          {TAXONOMIES.sector.map((s) => <option key={s} value={s}>{t(`sector.${s}`, { ns: 'taxonomy' })}</option>)}
        </select>
      </div>
      <div className="field"><label htmlFor="participant-org">{t('trainings.participants.organisation')}</label><input id="participant-org" required value={form.organisation} onChange={(e) => set({ organisation: e.target.value })} /></div>
      <div className="field"><label htmlFor="participant-position">{t('trainings.participants.position')}</label><input id="participant-position" value={form.position} onChange={(e) => set({ position: e.target.value })} /></div>
      <div className="field">
        <label htmlFor="participant-municipality">{t('trainings.participants.municipality')}</label>
        <select id="participant-municipality" value={form.municipalityCode} onChange={(e) => set({ municipalityCode: e.target.value })}>
          <option value="" />
          {municipalityOptions(municipalities)}
        </select>
      </div>
      {save.isError && <ErrorMessage error={save.error} />}
      <button type="submit" disabled={save.isPending}>{t('trainings.participants.save')}</button>
    </form>
  );
}

/** A participant list from a CSV file: check it (a dry run), then import; problems by line and column, nothing stored. */
export function ParticipantsImport({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const run = useTrainingWrite<{ created: number; dryRun: boolean }>(`/training-sessions/${encodeURIComponent(sessionId)}/participants/import`);
  const [csv, setCsv] = useState<string | null>(null);
  const send = (dryRun: boolean) => { if (csv !== null) run.mutate({ csv, dryRun }); };
  const issues = run.isError && isApiError(run.error, 400) ? run.error.issues ?? [] : [];
  return (
    <section aria-labelledby="participants-import" data-testid="participants-import">
      <h2 id="participants-import">{t('trainings.import.title')}</h2>
      <p className="hint" id="participants-import-hint">{t('trainings.import.hint')}</p>
      <div className="field">
        <label htmlFor="participants-file">{t('trainings.import.file')}</label>
        <input id="participants-file" type="file" accept=".csv,text/csv" aria-describedby="participants-import-hint"
          onChange={(e) => { run.reset(); const f = e.target.files?.[0]; if (f) void f.text().then(setCsv); else setCsv(null); }} />
      </div>
      <p>
        <button type="button" className="button-secondary" disabled={csv === null || run.isPending} onClick={() => send(true)}>{t('trainings.import.check')}</button>{' '}
        <button type="button" disabled={csv === null || run.isPending} onClick={() => send(false)}>{t('trainings.import.run')}</button>
      </p>
      {run.isSuccess && <p role="status">{t(run.data.dryRun ? 'trainings.import.checked' : 'trainings.import.done', { n: run.data.created })}</p>}
      {issues.length > 0 ? (
        <div role="alert">
          <p>{t('trainings.import.problems')}</p>
          <ul>{issues.map((i, n) => <li key={n}>{i.path}: {i.message}</li>)}</ul>
        </div>
      ) : run.isError && <ErrorMessage error={run.error} />}
    </section>
  );
}
