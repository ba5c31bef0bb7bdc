import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAINING_TOPICS } from '../../domain/training-topics.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { type ModuleView, useModules, useTrainingWrite } from './queries.ts';
import { TrainingsTabs } from './TrainingsTabs.tsx';

/** Training modules: title, topic categories (seed 003's four), hours; and a form to add one. */
export function ModulesPage() {
  const { t } = useTranslation();
  usePageTitle(t('trainings.modules.title'));
  const modules = useModules();
  const save = useTrainingWrite<ModuleView>('/training-modules');
  const [title, setTitle] = useState('');
  const [topics, setTopics] = useState<string[]>([]);
  const [hours, setHours] = useState('8');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ title, topics, hours: Number(hours) }, { onSuccess: () => { setTitle(''); setTopics([]); } });
  };
  return (
    <section data-testid="trainings-modules">
      <h1>{t('trainings.modules.title')}</h1>
      <TrainingsTabs />
      {modules.isPending ? <Loading /> : modules.isError ? <ErrorMessage error={modules.error} retry={() => modules.refetch()} />
        : modules.data.length === 0 ? <p>{t('trainings.modules.none')}</p> : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('trainings.modules.title')}>
            <table>
              <thead><tr><th scope="col">{t('trainings.modules.name')}</th><th scope="col">{t('trainings.modules.topics')}</th><th scope="col">{t('trainings.modules.hours')}</th><th scope="col">{t('trainings.modules.sessions')}</th></tr></thead>
              <tbody>
                {modules.data.map((m) => (
                  <tr key={m.id}><th scope="row">{m.title}</th><td>{m.topics.map((c) => t(`trainings.topic.${c}`)).join('; ')}</td><td>{m.hours}</td><td>{m.sessions}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <form onSubmit={submit} aria-labelledby="module-new">
        <h2 id="module-new">{t('trainings.modules.new')}</h2>
        <div className="field"><label htmlFor="module-title">{t('trainings.modules.name')}</label><input id="module-title" required value={title} onChange={(e) => setTitle(e.target.value)} /></div>
        <fieldset className="field">
          <legend>{t('trainings.modules.topics')}</legend>
          {TRAINING_TOPICS.map((c) => (
            <label key={c} className="checkbox">
              <input type="checkbox" checked={topics.includes(c)} onChange={(e) => setTopics(e.target.checked ? [...topics, c] : topics.filter((x) => x !== c))} /> {t(`trainings.topic.${c}`)}
            </label>
          ))}
        </fieldset>
        <div className="field"><label htmlFor="module-hours">{t('trainings.modules.hours')}</label><input id="module-hours" type="number" min={1} max={500} required value={hours} onChange={(e) => setHours(e.target.value)} /></div>
        {save.isError && <ErrorMessage error={save.error} />}
        <button type="submit" disabled={save.isPending}>{t('trainings.modules.save')}</button>
      </form>
    </section>
  );
}
