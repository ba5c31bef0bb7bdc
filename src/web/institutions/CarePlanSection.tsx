import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CarePlanInput } from '../../institutions/institution-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { DateField } from '../app/DateInput.tsx';
import { DetailsRow } from '../app/DetailsRow.tsx';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { FormActions, SelectField, TextField } from '../app/fields.tsx';
import { useFormat } from '../app/format.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { type Issue, placeIssues, serverIssues, withSchemaIssues } from '../cases/form-kit.ts';
import { enc } from '../cases/section-queries.ts';
import { type Resident, useResidentWrite } from './queries.ts';
import { PLAN_FIELDS, type PlanValues, toCarePlanInput } from './resident-inputs.ts';

/** The individual care plan: its target (where the child is to live), the target date and the steps. */
export function CarePlanSection({ r }: { r: Resident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const plan = r.carePlan;
  return (
    <section aria-labelledby="resident-plan" className="casework-section" data-testid="care-plan">
      <h2 id="resident-plan">{t('institutions.plan.title')}</h2>
      {!plan ? <p>{t('institutions.plan.none')}</p> : (
        <>
          <dl className="details">
            <DetailsRow field="target" label={t('institutions.plan.target')}>{t(`taxonomy:diTarget.${plan.target}`)}</DetailsRow>
            <DetailsRow field="targetDate" label={t('institutions.plan.targetDate')}>{format.date(plan.targetDate)}</DetailsRow>
          </dl>
          <h3>{t('institutions.plan.steps')}</h3>
          {plan.steps.length === 0 ? <p>{t('institutions.plan.noSteps')}</p> : (
            <ul className="casework-list">
              {plan.steps.map((s) => (
                <li key={s.id} className="casework-item">
                  <p>
                    <strong>{s.description}</strong> · {s.owner} · {t('institutions.plan.dueOn')}: {format.date(s.dueOn)}
                    {s.doneOn ? ` · ${t('institutions.plan.done', { date: format.date(s.doneOn) })}` : ''}
                    {s.overdue && <> <span className="badge badge-overdue">{t('casework.overdue')}</span></>}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {r.canRecord && r.current && (editing ? <PlanForm r={r} onDone={() => setEditing(false)} />
        : <button type="button" data-testid="plan-edit" onClick={() => setEditing(true)}>{t(plan ? 'institutions.plan.edit' : 'institutions.plan.create')}</button>)}
    </section>
  );
}

function PlanForm({ r, onDone }: { r: Resident; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useResidentWrite<unknown>(`/residents/${enc(r.id)}/care-plan`);
  const plan = r.carePlan;
  const { register, handleSubmit, control, setError, formState: { errors, isDirty } } = useForm<PlanValues>({
    defaultValues: {
      target: plan?.target ?? '', targetDate: plan?.targetDate ?? '',
      steps: (plan?.steps ?? []).map((s) => ({ description: s.description, owner: s.owner, dueOn: s.dueOn, doneOn: s.doneOn ?? '' })),
    },
  });
  const steps = useFieldArray({ control, name: 'steps' });
  useUnsavedChangesGuard(isDirty);
  const onSubmit = handleSubmit((v) => {
    const required = t('validation.required');
    const issues: Issue[] = [];
    if (!v.target) issues.push({ path: 'target', message: required });
    if (!v.targetDate) issues.push({ path: 'targetDate', message: required });
    v.steps.forEach((s, i) => {
      for (const f of ['description', 'owner', 'dueOn'] as const) if (!s[f].trim()) issues.push({ path: `steps.${i}.${f}`, message: required });
    });
    const body = toCarePlanInput(v);
    const all = withSchemaIssues(CarePlanInput, body, issues, { 'must not be in the future': t('casework.future') });
    if (all.length) return void placeIssues(all, setError, PLAN_FIELDS);
    save.mutate(body, { onSuccess: onDone, onError: (e) => placeIssues(serverIssues(e), setError, PLAN_FIELDS) });
  });
  return (
    <form noValidate className="panel casework-form" data-testid="plan-form" onSubmit={onSubmit}>
      {save.isError && <ErrorMessage error={save.error} />}
      <SelectField id="plan-target" label={t('institutions.plan.target')} required placeholder={t('common.choose')} registration={register('target')} error={errors.target}
        options={TAXONOMIES.diTarget.map((x) => ({ value: x, label: t(`taxonomy:diTarget.${x}`) }))} />
      <DateField id="plan-target-date" label={t('institutions.plan.targetDate')} required control={control} name="targetDate" error={errors.targetDate} />
      <fieldset className="field">
        <legend>{t('institutions.plan.steps')}</legend>
        {steps.fields.map((f, i) => (
          <fieldset key={f.id} className="panel" data-testid={`plan-step-${i}`}>
            <legend>{t('institutions.plan.step', { n: i + 1 })}</legend>
            <TextField id={`step-${i}-description`} label={t('institutions.plan.description')} required registration={register(`steps.${i}.description`)} error={errors.steps?.[i]?.description} />
            <TextField id={`step-${i}-owner`} label={t('institutions.plan.owner')} required registration={register(`steps.${i}.owner`)} error={errors.steps?.[i]?.owner} />
            <DateField id={`step-${i}-due`} label={t('institutions.plan.dueOn')} required control={control} name={`steps.${i}.dueOn`} error={errors.steps?.[i]?.dueOn} />
            <DateField id={`step-${i}-done`} label={t('institutions.plan.doneOn')} control={control} name={`steps.${i}.doneOn`} error={errors.steps?.[i]?.doneOn} />
            <button type="button" className="button-secondary" onClick={() => steps.remove(i)}>{t('institutions.plan.removeStep', { n: i + 1 })}</button>
          </fieldset>
        ))}
        <button type="button" className="button-secondary" data-testid="plan-add-step"
          onClick={() => steps.append({ description: '', owner: '', dueOn: '', doneOn: '' })}>{t('institutions.plan.addStep')}</button>
      </fieldset>
      <FormActions>
        <button type="submit" disabled={save.isPending}>{t('institutions.plan.save')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </FormActions>
    </form>
  );
}
