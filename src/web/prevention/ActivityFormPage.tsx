import './page-strings.ts';
import { type FormEvent, useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ACTIVITY_PLACES, ACTIVITY_TOPICS, ActivityInput, REACH_AGE_GROUPS, REACH_SEXES } from '../../prevention/prevention-schema.ts';
import { DateField } from '../app/DateInput.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { CheckboxField, FormActions, SelectField, TextField } from '../app/fields.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { useCurrentUser } from '../auth/queries.ts';
import { type Issue, placeIssues, serverIssues, withSchemaIssues } from '../cases/form-kit.ts';
import { jurisdictionLabel, useMunicipalityLookup } from '../jurisdictions/queries.ts';
import { ACTIVITY_FIELDS, type ActivityValues, activityValues, emptyActivity, reachKey, toActivityInput } from './activity-inputs.ts';
import { type Activity, useActivity, useSaveActivity } from './queries.ts';

/** Records a new activity (/prevention/new) or changes one of the organisation's (/prevention/:id/edit). */
export function ActivityFormPage() {
  const { id } = useParams();
  const existing = useActivity(id ?? '');
  if (!id) return <ActivityForm />;
  if (existing.isPending) return <Loading />;
  if (existing.isError) return <ErrorMessage error={existing.error} retry={() => existing.refetch()} />;
  return <ActivityForm activity={existing.data} />;
}

function ActivityForm({ activity }: { activity?: Activity }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  usePageTitle(t(activity ? 'prevention.edit' : 'prevention.new'));
  const lookup = useMunicipalityLookup(me.organisation.country);
  const own = me.organisation.jurisdictionCode;
  // The municipalities of the organisation's jurisdiction: its own, those of its region, or all of its country.
  const municipalities = [...lookup.values()].filter((m) => own === m.code || own === m.parentCode || own === m.country)
    .sort((a, b) => a.nameLocal.localeCompare(b.nameLocal));
  const save = useSaveActivity(activity?.id);
  const { register, handleSubmit, control, setError, clearErrors, setValue, getValues, formState: { errors, isDirty } } = useForm<ActivityValues>({
    defaultValues: activity ? activityValues(activity) : emptyActivity(),
  });
  const guard = useUnsavedChangesGuard(isDirty);
  // One municipality only: it is chosen for the reader.
  useEffect(() => {
    if (!activity && municipalities.length === 1 && !getValues('municipalityCode')) setValue('municipalityCode', municipalities[0]!.code);
  }, [activity, municipalities, getValues, setValue]);

  // The children's grid is not one input: its error (at `childrenReached`) is cleared before each submit, or it would block the next.
  const submit = handleSubmit((v) => {
    const required = t('validation.required');
    const issues: Issue[] = [];
    for (const key of ['heldOn', 'place', 'municipalityCode', 'topic', 'title'] as const) if (!v[key].trim()) issues.push({ path: key, message: required });
    const body = toActivityInput(v);
    const all = withSchemaIssues(ActivityInput, body, issues, { 'an activity reaches at least one child or adult': t('prevention.reachRequired') });
    if (all.length) return void placeIssues(all.map((i) => (i.path.startsWith('childrenReached') ? { ...i, path: 'childrenReached' } : i)), setError, ACTIVITY_FIELDS);
    save.mutate(activity ? { ...body, version: activity.version } : body, {
      onSuccess: (saved) => { guard.release(); navigate(`/prevention/${saved.id}`); },
      onError: (e) => placeIssues(serverIssues(e), setError, ACTIVITY_FIELDS),
    });
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => { clearErrors('childrenReached'); return submit(event); };

  return (
    <section data-testid="prevention-form-page">
      <p><Link to={activity ? `/prevention/${activity.id}` : '/prevention'}>{t('prevention.back')}</Link></p>
      <h1>{t(activity ? 'prevention.edit' : 'prevention.new')}</h1>
      <form noValidate className="panel" data-testid="prevention-form" onSubmit={onSubmit}>
        {save.isError && <ErrorMessage error={save.error} />}
        <DateField id="activity-held-on" label={t('prevention.field.heldOn')} required control={control} name="heldOn" error={errors.heldOn} />
        <SelectField id="activity-place" label={t('prevention.field.place')} required placeholder={t('common.choose')} registration={register('place')} error={errors.place}
          options={ACTIVITY_PLACES.map((p) => ({ value: p, label: t(`prevention.place.${p}`) }))} />
        <SelectField id="activity-municipality" label={t('prevention.field.municipalityCode')} required placeholder={t('common.choose')} registration={register('municipalityCode')}
          error={errors.municipalityCode} options={municipalities.map((m) => ({ value: m.code, label: jurisdictionLabel(m, m.code) }))} />
        <SelectField id="activity-topic" label={t('prevention.field.topic')} required placeholder={t('common.choose')} registration={register('topic')} error={errors.topic}
          options={ACTIVITY_TOPICS.map((c) => ({ value: c, label: t(`prevention.topic.${c}`) }))} />
        <TextField id="activity-title" label={t('prevention.field.title')} required registration={register('title')} error={errors.title} />
        <TextField id="activity-facilitators" label={t('prevention.field.facilitators')} hint={t('prevention.field.facilitatorsHint')} registration={register('facilitators')} error={errors.facilitators} />
        <fieldset className="reach-grid" aria-describedby="activity-reach-hint">
          <legend>{t('prevention.field.childrenReached')}</legend>
          <p id="activity-reach-hint" className="hint">{t('prevention.field.childrenHint')}</p>
          {errors.childrenReached && <p className="field-error" role="alert" data-testid="reach-error">{String((errors.childrenReached as { message?: string }).message ?? '')}</p>}
          <table>
            <thead>
              <tr>
                <th scope="col">{t('prevention.field.ageGroup')}</th>
                {REACH_SEXES.map((sex) => <th key={sex} scope="col">{t(sex === 'female' ? 'prevention.field.girls' : 'prevention.field.boys')}</th>)}
              </tr>
            </thead>
            <tbody>
              {REACH_AGE_GROUPS.map((age, i) => (
                <tr key={age}>
                  <th scope="row">{t(`taxonomy:ageGroup.${age}`)}</th>
                  {REACH_SEXES.map((sex) => (
                    <td key={sex}>
                      <input id={`reach-${i}-${sex}`} type="text" inputMode="numeric" size={5}
                        aria-label={`${t(`taxonomy:ageGroup.${age}`)}: ${t(sex === 'female' ? 'prevention.field.girls' : 'prevention.field.boys')}`}
                        {...register(`childrenReached.${reachKey(i, sex)}`)} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <fieldset>
          <legend>{t('prevention.field.adults')}</legend>
          {(['parents', 'teachers', 'professionals'] as const).map((k) => (
            <TextField key={k} id={`activity-adults-${k}`} label={t(`prevention.field.${k}`)} registration={register(`adults.${k}`)} error={errors.adults?.[k]} />
          ))}
        </fieldset>
        <CheckboxField id="activity-co-organised" label={t('prevention.field.childrenCoOrganised')} registration={register('childrenCoOrganised')} />
        <TextField id="activity-ref" label={t('prevention.field.ref')} hint={t('prevention.field.refHint')} registration={register('ref')} error={errors.ref} />
        <FormActions>
          <button type="submit" disabled={save.isPending} data-testid="prevention-save">{t('prevention.save')}</button>
        </FormActions>
      </form>
    </section>
  );
}
