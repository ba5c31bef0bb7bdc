import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ResidentInput } from '../../institutions/institution-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { DateField } from '../app/DateInput.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { CheckboxGroup, FormActions, SelectField, TextField } from '../app/fields.tsx';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { type Issue, placeIssues, serverIssues, today, withSchemaIssues } from '../cases/form-kit.ts';
import { enc } from '../cases/section-queries.ts';
import { useNavigate } from 'react-router';
import { useActiveCases, useResidentWrite } from './queries.ts';
import { ADMIT_FIELDS, type AdmitValues, toResidentInput } from './resident-inputs.ts';

type Values = AdmitValues & { caseId: string };

/** The unit admits the child of one of its active cases: the case's placement in this institution. */
export function AdmitForm({ institutionId, onDone }: { institutionId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const cases = useActiveCases(true);
  const { register, handleSubmit, control, setError, watch, formState: { errors, isDirty } } = useForm<Values>({
    defaultValues: { caseId: '', institutionId, admittedOn: today(), admissionReasons: [], parentalRights: '', familyContact: '', ref: '' },
  });
  const guard = useUnsavedChangesGuard(isDirty);
  const caseId = watch('caseId');
  const admit = useResidentWrite<unknown>(`/cases/${enc(caseId)}/residents`, { idempotent: true });
  const onSubmit = handleSubmit((v) => {
    const required = t('validation.required');
    const issues: Issue[] = [];
    for (const f of ['caseId', 'parentalRights', 'familyContact'] as const) if (!v[f]) issues.push({ path: f, message: required });
    const body = toResidentInput(v);
    if (body.admissionReasons.length === 0) issues.push({ path: 'admissionReasons', message: required });
    const all = withSchemaIssues(ResidentInput, body, issues);
    if (all.length) return void placeIssues(all, setError, ADMIT_FIELDS);
    admit.mutate(body, {
      onSuccess: (r) => { guard.release(); void navigate(`/residents/${r.id}`); },
      onError: (e) => placeIssues(serverIssues(e), setError, ADMIT_FIELDS),
    });
  });
  if (cases.isPending) return <Loading />;
  const options = (cases.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.childName}${c.ref ? ` (${c.ref})` : ''}` }));
  return (
    <form noValidate className="panel casework-form" data-testid="admit-form" onSubmit={onSubmit}>
      <h2>{t('institutions.admit.title')}</h2>
      {admit.isError && <ErrorMessage error={admit.error} />}
      {cases.isError && <ErrorMessage error={cases.error} retry={() => cases.refetch()} />}
      {errors.institutionId && <p className="field-error" role="alert">{errors.institutionId.message}</p>}
      {options.length === 0 && <p>{t('institutions.admit.noCases')}</p>}
      <SelectField id="admit-case" label={t('institutions.admit.case')} required placeholder={t('common.choose')}
        registration={register('caseId')} error={errors.caseId} options={options} />
      <DateField id="admit-on" label={t('institutions.resident.admittedOn')} required control={control} name="admittedOn" error={errors.admittedOn} />
      <CheckboxGroup id="admit-reasons" label={t('institutions.resident.reasons')} required registration={register('admissionReasons')} error={errors.admissionReasons}
        options={TAXONOMIES.diAdmissionReason.map((r) => ({ value: r, label: t(`taxonomy:diAdmissionReason.${r}`) }))} />
      <SelectField id="admit-rights" label={t('institutions.resident.parentalRights')} required placeholder={t('common.choose')} registration={register('parentalRights')}
        error={errors.parentalRights} options={TAXONOMIES.parentalRights.map((r) => ({ value: r, label: t(`taxonomy:parentalRights.${r}`) }))} />
      <SelectField id="admit-contact" label={t('institutions.resident.familyContact')} required placeholder={t('common.choose')} registration={register('familyContact')}
        error={errors.familyContact} options={TAXONOMIES.familyContact.map((r) => ({ value: r, label: t(`taxonomy:familyContact.${r}`) }))} />
      <TextField id="admit-ref" label={t('institutions.admit.ref')} hint={t('institutions.admit.refHint')} registration={register('ref')} error={errors.ref} />
      <FormActions>
        <button type="submit" disabled={admit.isPending || options.length === 0}>{t('institutions.admit.save')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </FormActions>
    </form>
  );
}
