import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_DOMAINS, PLAN_ACTION_STATUSES, SERVICES } from '../../cases/case-workflow.ts';
import { isApiError } from '../app/api.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { FormActions, SelectField, TextAreaField, TextField } from '../app/fields.tsx';
import { PlanInput, PlanUpdateInput } from '../../plans/plan-schema.ts';
import { placeIssues, serverIssues, withSchemaIssues } from '../cases/form-kit.ts';
import { PlanSummary } from './PlanSummary.tsx';
import { checkPlan, PLAN_FIELDS, type PlanFormValues, planToValues, toPlanInput } from './plan-form.ts';
import { useOrganisations } from '../cases/section-queries.ts';
import { useCreatePlan, useSavePlan } from './queries.ts';
import type { PlanView } from './types.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { DateField } from '../app/DateInput.tsx';

interface Conflict { current: PlanView; changedBy: string | null }

/**
 * Edits the plan in preparation (or starts one). Saving names the version the worker opened; when
 * someone saved in between, the server answers 409 with their plan, shown beside the worker's
 * unsaved one: the worker either reloads theirs (dropping own changes) or keeps their own on top
 * of the new version (a deliberate overwrite, never a silent one).
 */
export function PlanEditor({ caseId, country, plan, onDone }: { caseId: string; country: string; plan: PlanView | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [base, setBase] = useState<PlanView | null>(plan);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const create = useCreatePlan(caseId);
  const save = useSavePlan(caseId, base?.id ?? 'none');
  const mutation = base ? save : create;
  const orgs = useOrganisations(country);
  const form = useForm<PlanFormValues>({ defaultValues: planToValues(plan) });
  useUnsavedChangesGuard(form.formState.isDirty);
  const { register, control, handleSubmit, setError, reset, getValues, formState: { errors } } = form;
  const goals = useFieldArray({ control, name: 'goals' });
  const actions = useFieldArray({ control, name: 'actions' });
  const required = t('validation.required');

  const onSubmit = handleSubmit((v) => {
    const input = base ? { ...toPlanInput(v), version: base.version } : toPlanInput(v);
    const issues = withSchemaIssues(base ? PlanUpdateInput : PlanInput, input, checkPlan(v, required), {
      'say who is responsible': t('casework.plan.whoRequired'),
    });
    if (issues.length) return void placeIssues(issues, setError, PLAN_FIELDS);
    mutation.mutate(input, {
      onSuccess: onDone,
      onError: (e) => {
        if (isApiError(e, 409) && e.body.current) {
          setConflict({ current: e.body.current as PlanView, changedBy: typeof e.body.changedBy === 'string' ? e.body.changedBy : null });
          return;
        }
        placeIssues(serverIssues(e), setError, PLAN_FIELDS);
      },
    });
  });

  const goalOptions = getValues('goals').map((g, i) => ({ value: String(i), label: `${i + 1}. ${g.description || t(`casework.domain.${g.domain}`)}` }));
  const orgOptions = (orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));

  return (
    <form noValidate className="panel casework-form" data-testid="plan-editor" onSubmit={onSubmit}>
      <h3>{base ? t('casework.plan.edit') : t('casework.plan.new')}</h3>
      {conflict && (
        <div className="casework-conflict" role="alert" data-testid="plan-conflict">
          <p className="alert alert-warning">
            {conflict.changedBy ? t('casework.plan.conflictBy', { name: conflict.changedBy }) : t('casework.plan.conflict')}
          </p>
          <div className="casework-compare">
            <div data-testid="plan-conflict-theirs">
              <h4>{t('casework.plan.theirVersion', { version: conflict.current.version })}</h4>
              <PlanSummary plan={conflict.current} />
            </div>
            <div data-testid="plan-conflict-mine">
              <h4>{t('casework.plan.yourVersion')}</h4>
              <ul>{getValues('goals').map((g, i) => <li key={i}>{t(`casework.domain.${g.domain}`)}: {g.description}</li>)}</ul>
              <ul>{getValues('actions').map((a, i) => <li key={i}>{a.service ? t(`casework.service.${a.service}`) : ''}: {a.description} ({a.dueDate})</li>)}</ul>
            </div>
          </div>
          <FormActions>
            <button type="button" data-testid="plan-conflict-reload" onClick={() => { setBase(conflict.current); reset(planToValues(conflict.current)); setConflict(null); }}>
              {t('casework.plan.reloadTheirs')}
            </button>
            <button type="button" className="button-secondary" data-testid="plan-conflict-keep" onClick={() => { setBase(conflict.current); setConflict(null); }}>
              {t('casework.plan.keepMine')}
            </button>
          </FormActions>
        </div>
      )}
      {mutation.isError && !conflict && !isApiError(mutation.error, 400) && <ErrorMessage error={mutation.error} />}
      <fieldset className="casework-rows">
        <legend>{t('casework.plan.goals')}</legend>
        {goals.fields.map((f, i) => (
          <div key={f.id} className="casework-row" data-testid={`plan-goal-${i}`}>
            <SelectField id={`goal-${i}-domain`} label={t('casework.plan.domain')} required registration={register(`goals.${i}.domain`)}
              error={errors.goals?.[i]?.domain} options={ASSESSMENT_DOMAINS.map((d) => ({ value: d, label: t(`casework.domain.${d}`) }))} />
            <TextAreaField id={`goal-${i}-description`} rows={2} label={t('casework.plan.goal')} required
              registration={register(`goals.${i}.description`)} error={errors.goals?.[i]?.description} />
            <button type="button" className="button-secondary" onClick={() => goals.remove(i)}>{t('casework.plan.removeGoal')}</button>
          </div>
        ))}
        <button type="button" className="button-secondary" data-testid="add-goal" onClick={() => goals.append({ id: '', domain: ASSESSMENT_DOMAINS[0], description: '' })}>
          {t('casework.plan.addGoal')}
        </button>
      </fieldset>
      <fieldset className="casework-rows">
        <legend>{t('casework.plan.actions')}</legend>
        {actions.fields.map((f, i) => (
          <div key={f.id} className="casework-row" data-testid={`plan-action-${i}`}>
            <SelectField id={`action-${i}-goal`} label={t('casework.plan.forGoal')} placeholder={t('common.none')} registration={register(`actions.${i}.goalIndex`)} options={goalOptions} />
            <SelectField id={`action-${i}-service`} label={t('casework.plan.service')} required placeholder={t('common.choose')}
              registration={register(`actions.${i}.service`)} error={errors.actions?.[i]?.service}
              options={SERVICES.map((s) => ({ value: s, label: t(`casework.service.${s}`) }))} />
            <TextAreaField id={`action-${i}-description`} rows={2} label={t('casework.plan.actionDescription')} required
              registration={register(`actions.${i}.description`)} error={errors.actions?.[i]?.description} />
            <SelectField id={`action-${i}-org`} label={t('casework.plan.responsibleOrg')} placeholder={t('common.none')}
              registration={register(`actions.${i}.responsibleOrgId`)} options={orgOptions} />
            <TextField id={`action-${i}-person`} label={t('casework.plan.responsibleName')} hint={t('casework.plan.responsibleHint')}
              registration={register(`actions.${i}.responsibleName`)} error={errors.actions?.[i]?.responsibleName} />
            <DateField id={`action-${i}-due`} label={t('casework.plan.dueDate')} required control={control} name={`actions.${i}.dueDate`} error={errors.actions?.[i]?.dueDate} />
            <SelectField id={`action-${i}-status`} label={t('casework.plan.actionStatus')} registration={register(`actions.${i}.status`)}
              options={PLAN_ACTION_STATUSES.map((s) => ({ value: s, label: t(`casework.actionStatus.${s}`) }))} />
            <button type="button" className="button-secondary" onClick={() => actions.remove(i)}>{t('casework.plan.removeAction')}</button>
          </div>
        ))}
        <button type="button" className="button-secondary" data-testid="add-action"
          onClick={() => actions.append({ id: '', goalIndex: '', service: '', description: '', responsibleOrgId: '', responsibleName: '', dueDate: '', status: 'planned' })}>
          {t('casework.plan.addAction')}
        </button>
      </fieldset>
      <TextAreaField id="plan-child-participation" rows={2} label={t('casework.plan.childParticipation')} registration={register('childParticipation')} error={errors.childParticipation} />
      <TextAreaField id="plan-child-views" rows={2} label={t('casework.plan.childViews')} registration={register('childViews')} error={errors.childViews} />
      <TextAreaField id="plan-caregiver-participation" rows={2} label={t('casework.plan.caregiverParticipation')} registration={register('caregiverParticipation')} error={errors.caregiverParticipation} />
      <TextAreaField id="plan-caregiver-views" rows={2} label={t('casework.plan.caregiverViews')} registration={register('caregiverViews')} error={errors.caregiverViews} />
      <FormActions>
        <button type="submit" disabled={mutation.isPending || conflict !== null} data-testid="plan-save">{t('casework.plan.save')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </FormActions>
    </form>
  );
}
