import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { TRAINING_TOPICS } from '../../domain/training-topics.ts';
import { DateInput, wholeDays } from '../app/DateInput.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { useMunicipalityLookup } from '../jurisdictions/queries.ts';
import { type NeedView, useNeeds, useTrainingWrite } from './queries.ts';
import { TrainingsTabs, municipalityOptions } from './TrainingsTabs.tsx';

/** Training needs by sector and topic: how many professionals, where, found how. */
export function NeedsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useCurrentUser();
  usePageTitle(t('trainings.needs.title'));
  const needs = useNeeds();
  const municipalities = useMunicipalityLookup(me.organisation.country);
  const save = useTrainingWrite<NeedView>('/training-needs');
  const [form, setForm] = useState({ sector: 'education', topic: TRAINING_TOPICS[0] as string, professionals: '10', municipalityCode: '', source: '', recordedOn: '' });
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ ...form, professionals: Number(form.professionals) }, { onSuccess: () => set({ source: '' }) });
  };
  return (
    <section data-testid="trainings-needs">
      <h1>{t('trainings.needs.title')}</h1>
      <TrainingsTabs />
      {needs.isPending ? <Loading /> : needs.isError ? <ErrorMessage error={needs.error} retry={() => needs.refetch()} />
        : needs.data.length === 0 ? <p>{t('trainings.needs.none')}</p> : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('trainings.needs.title')}>
            <table>
              <thead><tr>
                <th scope="col">{t('trainings.needs.recordedOn')}</th><th scope="col">{t('trainings.needs.sector')}</th><th scope="col">{t('trainings.needs.topic')}</th>
                <th scope="col">{t('trainings.needs.professionals')}</th><th scope="col">{t('trainings.needs.municipality')}</th><th scope="col">{t('trainings.needs.source')}</th>
              </tr></thead>
              <tbody>
                {needs.data.map((n) => (
                  <tr key={n.id}>
                    <td>{format.date(n.recordedOn)}</td><th scope="row">{t(`sector.${n.sector}`, { ns: 'taxonomy' })}</th><td>{t(`trainings.topic.${n.topic}`)}</td>
                    <td>{n.professionals}</td><td>{municipalities.get(n.municipalityCode)?.nameLocal ?? n.municipalityCode}</td><td>{n.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <form onSubmit={submit} aria-labelledby="need-new">
        <h2 id="need-new">{t('trainings.needs.new')}</h2>
        <div className="field">
          <label htmlFor="need-sector">{t('trainings.needs.sector')}</label>
          <select id="need-sector" value={form.sector} onChange={(e) => set({ sector: e.target.value })}>
            {TAXONOMIES.sector.map((s) => <option key={s} value={s}>{t(`sector.${s}`, { ns: 'taxonomy' })}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="need-topic">{t('trainings.needs.topic')}</label>
          <select id="need-topic" value={form.topic} onChange={(e) => set({ topic: e.target.value })}>
            {TRAINING_TOPICS.map((c) => <option key={c} value={c}>{t(`trainings.topic.${c}`)}</option>)}
          </select>
        </div>
        <div className="field"><label htmlFor="need-professionals">{t('trainings.needs.professionals')}</label><input id="need-professionals" type="number" min={1} required value={form.professionals} onChange={(e) => set({ professionals: e.target.value })} /></div>
        <div className="field">
          <label htmlFor="need-municipality">{t('trainings.needs.municipality')}</label>
          <select id="need-municipality" required value={form.municipalityCode} onChange={(e) => set({ municipalityCode: e.target.value })}>
            <option value="" />
            {municipalityOptions(municipalities)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="need-source">{t('trainings.needs.source')}</label>
          <input id="need-source" required aria-describedby="need-source-hint" value={form.source} onChange={(e) => set({ source: e.target.value })} />
          <p id="need-source-hint" className="hint">{t('trainings.needs.sourceHint')}</p>
        </div>
        <div className="field"><label htmlFor="need-recorded">{t('trainings.needs.recordedOn')}</label><DateInput id="need-recorded" required value={form.recordedOn} onChange={wholeDays((v) => set({ recordedOn: v }))} /></div>
        {save.isError && <ErrorMessage error={save.error} />}
        <button type="submit" disabled={save.isPending}>{t('trainings.needs.save')}</button>
      </form>
    </section>
  );
}
