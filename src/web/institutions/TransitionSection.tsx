import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FollowUpInput, TransitionInput } from '../../institutions/institution-schema.ts';
import { PLACEMENT_SECTORS } from '../../placements/placement-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { ConfirmButton } from '../app/ConfirmButton.tsx';
import { DateField } from '../app/DateInput.tsx';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { FormActions, SelectField, TextAreaField, TextField } from '../app/fields.tsx';
import { useFormat } from '../app/format.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { useCurrentUser } from '../auth/queries.ts';
import { type Issue, placeIssues, serverIssues, today, withSchemaIssues } from '../cases/form-kit.ts';
import { enc, useOrganisations } from '../cases/section-queries.ts';
import { type Resident, useResidentWrite } from './queries.ts';
import { FOLLOW_UP_FIELDS, type FollowUpValues, TRANSITION_FIELDS, type TransitionValues, toFollowUpInput, toTransitionInput } from './resident-inputs.ts';

type FollowUp = NonNullable<Resident['followUps']>[number];

/** Leaving the institution (the unit records it: the residence ends, the next placement starts) and the follow-up visits after it. */
export function TransitionSection({ r }: { r: Resident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [recording, setRecording] = useState(false);
  const tr = r.transition;
  return (
    <>
      <section aria-labelledby="resident-transition" className="casework-section" data-testid="transition">
        <h2 id="resident-transition">{t('institutions.transition.title')}</h2>
        {!tr ? <p>{t('institutions.transition.none')}</p> : (
          <p>
            <strong>{t('institutions.transition.summary', { target: t(`taxonomy:diTarget.${tr.target}`), date: format.date(tr.on) })}</strong>
            {tr.placeName && <> · {t('institutions.transition.place', { place: tr.placeName })}</>}
          </p>
        )}
        {!tr && r.current && r.canMove && (recording ? <TransitionForm r={r} onDone={() => setRecording(false)} />
          : <button type="button" data-testid="transition-open" onClick={() => setRecording(true)}>{t('institutions.transition.record')}</button>)}
      </section>
      {r.followUps && (
        <section aria-labelledby="resident-follow-ups" className="casework-section" data-testid="follow-ups">
          <h2 id="resident-follow-ups">{t('institutions.followUp.title')}</h2>
          {!tr ? <p>{t('institutions.followUp.none')}</p> : (
            <ul className="casework-list">
              {r.followUps.map((f) => <FollowUpItem key={f.months} r={r} transitionId={tr.id} f={f} />)}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

function TransitionForm({ r, onDone }: { r: Resident; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const orgs = useOrganisations(me.organisation?.country ?? '');
  const record = useResidentWrite<unknown>(`/residents/${enc(r.id)}/transition`, { idempotent: true });
  const { register, handleSubmit, control, setError, formState: { errors, isDirty } } = useForm<TransitionValues>({
    defaultValues: { target: r.carePlan?.target ?? '', on: today(), providerOrgId: '', carerName: '', notes: '' },
  });
  useUnsavedChangesGuard(isDirty);
  const target = useWatch({ control, name: 'target' });
  const home = target === 'reunification';
  const onSubmit = handleSubmit((v) => {
    const required = t('validation.required');
    const issues: Issue[] = [];
    if (!v.target) issues.push({ path: 'target', message: required });
    if (v.target && v.target !== 'reunification' && !v.providerOrgId && !v.carerName.trim()) issues.push({ path: 'carerName', message: required });
    const body = toTransitionInput(v);
    const all = withSchemaIssues(TransitionInput, body, issues, { 'must not be in the future': t('casework.future') });
    if (all.length) return void placeIssues(all, setError, TRANSITION_FIELDS);
    record.mutate(body, { onSuccess: onDone, onError: (e) => placeIssues(serverIssues(e), setError, TRANSITION_FIELDS) });
  });
  const providers = (orgs.data?.items ?? []).filter((o) => (PLACEMENT_SECTORS as readonly string[]).includes(o.sector) && o.id !== r.institutionId);
  return (
    <form noValidate className="panel casework-form" data-testid="transition-form" onSubmit={(e) => e.preventDefault()}>
      {record.isError && <ErrorMessage error={record.error} />}
      <SelectField id="transition-target" label={t('institutions.transition.target')} required placeholder={t('common.choose')} registration={register('target')} error={errors.target}
        options={TAXONOMIES.diTarget.map((x) => ({ value: x, label: t(`taxonomy:diTarget.${x}`) }))} />
      <DateField id="transition-on" label={t('institutions.transition.on')} required control={control} name="on" error={errors.on} />
      {!home && (
        <>
          <SelectField id="transition-provider" label={t('institutions.transition.provider')} placeholder={t('common.none')} registration={register('providerOrgId')}
            error={errors.providerOrgId} options={providers.map((o) => ({ value: o.id, label: o.name }))} />
          <TextField id="transition-carer" label={t('institutions.transition.carerName')} hint={t('institutions.transition.carerHint')} registration={register('carerName')} error={errors.carerName} />
        </>
      )}
      <TextAreaField id="transition-notes" rows={2} label={t('institutions.transition.notes')} registration={register('notes')} error={errors.notes} />
      <FormActions>
        <ConfirmButton className="" testId="transition-save" question={t('institutions.transition.confirm')} onConfirm={() => void onSubmit()} disabled={record.isPending}>
          {t('institutions.transition.save')}
        </ConfirmButton>
        <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </FormActions>
    </form>
  );
}

function FollowUpItem({ r, transitionId, f }: { r: Resident; transitionId: string; f: FollowUp }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [recording, setRecording] = useState(false);
  return (
    <li className="casework-item" data-testid={`follow-up-${f.months}`}>
      <p>
        <strong>{t('institutions.followUp.months', { count: f.months })}</strong> · {t('institutions.followUp.dueOn')}: {format.date(f.dueOn)} · {' '}
        {f.visitedOn ? <>{t('institutions.followUp.visitedOn')}: {format.date(f.visitedOn)} · {t(`taxonomy:followUpOutcome.${f.outcome!}`)}
          {f.wentTo && <> → {t(`taxonomy:breakdownDestination.${f.wentTo}`)}</>}</> : t('institutions.followUp.notDone')}
        {f.overdue && <> <span className="badge badge-overdue">{t('institutions.followUp.overdue')}</span></>}
      </p>
      {f.notes && <p className="prose">{f.notes}</p>}
      {!f.visitedOn && r.canMove && (recording ? <FollowUpForm r={r} transitionId={transitionId} months={f.months} onDone={() => setRecording(false)} />
        : <button type="button" className="button-secondary" data-testid={`follow-up-${f.months}-open`} onClick={() => setRecording(true)}>{t('institutions.followUp.record')}</button>)}
    </li>
  );
}

function FollowUpForm({ transitionId, months, onDone }: { r: Resident; transitionId: string; months: number; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useResidentWrite<unknown>(`/transitions/${enc(transitionId)}/follow-ups`, { idempotent: true });
  const { register, handleSubmit, control, setError, formState: { errors, isDirty } } = useForm<FollowUpValues>({
    defaultValues: { months, visitedOn: today(), outcome: '', wentTo: '', notes: '' },
  });
  useUnsavedChangesGuard(isDirty);
  const outcome = useWatch({ control, name: 'outcome' });
  const onSubmit = handleSubmit((v) => {
    const required = t('validation.required');
    const issues: Issue[] = [];
    if (!v.outcome) issues.push({ path: 'outcome', message: required });
    if (v.outcome === 'broken_down' && !v.wentTo) issues.push({ path: 'wentTo', message: required });
    const body = toFollowUpInput(v);
    const all = withSchemaIssues(FollowUpInput, body, issues, { 'must not be in the future': t('casework.future') });
    if (all.length) return void placeIssues(all, setError, FOLLOW_UP_FIELDS);
    record.mutate(body, { onSuccess: onDone, onError: (e) => placeIssues(serverIssues(e), setError, FOLLOW_UP_FIELDS) });
  });
  const id = `follow-up-${months}`;
  return (
    <form noValidate className="panel casework-form" data-testid={`${id}-form`} onSubmit={onSubmit}>
      {record.isError && <ErrorMessage error={record.error} />}
      <DateField id={`${id}-on`} label={t('institutions.followUp.visitedOn')} required control={control} name="visitedOn" error={errors.visitedOn} />
      <SelectField id={`${id}-outcome`} label={t('institutions.followUp.outcome')} required placeholder={t('common.choose')} registration={register('outcome')} error={errors.outcome}
        options={TAXONOMIES.followUpOutcome.map((x) => ({ value: x, label: t(`taxonomy:followUpOutcome.${x}`) }))} />
      {outcome === 'broken_down' && (
        <SelectField id={`${id}-went`} label={t('institutions.followUp.wentTo')} required placeholder={t('common.choose')} registration={register('wentTo')} error={errors.wentTo}
          options={TAXONOMIES.breakdownDestination.map((x) => ({ value: x, label: t(`taxonomy:breakdownDestination.${x}`) }))} />
      )}
      <TextAreaField id={`${id}-notes`} rows={2} label={t('institutions.followUp.notes')} registration={register('notes')} error={errors.notes} />
      <FormActions>
        <button type="submit" disabled={record.isPending}>{t('institutions.followUp.save')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </FormActions>
    </form>
  );
}
