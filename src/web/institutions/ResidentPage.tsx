import './page-strings.ts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DiAssessmentInput, ResidentUpdate } from '../../institutions/institution-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { DateField } from '../app/DateInput.tsx';
import { DetailsRow } from '../app/DetailsRow.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { CheckboxGroup, FormActions, SelectField, TextAreaField, TextField } from '../app/fields.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { type Issue, placeIssues, serverIssues, today, withSchemaIssues } from '../cases/form-kit.ts';
import { enc } from '../cases/section-queries.ts';
import { CarePlanSection } from './CarePlanSection.tsx';
import { type Resident, useResident, useResidentWrite } from './queries.ts';
import { ASSESSMENT_FIELDS, type AssessmentValues, DETAILS_FIELDS, type DetailsValues, toAssessmentInput, toResidentUpdate } from './resident-inputs.ts';
import { TransitionSection } from './TransitionSection.tsx';

/** A resident of an institution: the details, DI assessments, the care plan, the transition and the follow-ups. */
export function ResidentPage() {
  const { residentId = '' } = useParams();
  const { t } = useTranslation();
  const query = useResident(residentId);
  usePageTitle(query.data ? t('institutions.resident.title', { name: query.data.child.name }) : t('institutions.resident.details'));
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} retry={() => query.refetch()} />;
  const r = query.data;
  return (
    <section data-testid="resident-page">
      <p><Link to={`/institutions/${r.institutionId}`}>{r.institutionName}</Link></p>
      <h1>{t('institutions.resident.title', { name: r.child.name })}</h1>
      <Details r={r} />
      <Assessments r={r} />
      <CarePlanSection r={r} />
      <TransitionSection r={r} />
    </section>
  );
}

function Details({ r }: { r: Resident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  return (
    <section aria-labelledby="resident-details" className="casework-section">
      <h2 id="resident-details">{t('institutions.resident.details')}</h2>
      <dl className="details">
        {r.ref && <DetailsRow field="ref" label={t('institutions.resident.ref')}>{r.ref}</DetailsRow>}
        <DetailsRow field="birthDate" label={t('institutions.list.birthDate')}>{r.child.birthDate ? format.date(r.child.birthDate) : '—'}</DetailsRow>
        <DetailsRow field="institution" label={t('institutions.resident.institution')}>{r.institutionName}</DetailsRow>
        <DetailsRow field="admittedOn" label={t('institutions.resident.admittedOn')}>{format.date(r.admittedOn)}</DetailsRow>
        <DetailsRow field="status" label={t('institutions.resident.status')}>
          {r.current ? t('institutions.resident.current') : `${t('institutions.resident.left')} · ${format.date(r.leftOn!)}`}
        </DetailsRow>
        <DetailsRow field="reasons" label={t('institutions.resident.reasons')}>{r.admissionReasons.map((x) => t(`taxonomy:diAdmissionReason.${x}`)).join(', ')}</DetailsRow>
        <DetailsRow field="parentalRights" label={t('institutions.resident.parentalRights')}>{t(`taxonomy:parentalRights.${r.parentalRights}`)}</DetailsRow>
        <DetailsRow field="familyContact" label={t('institutions.resident.familyContact')}>{t(`taxonomy:familyContact.${r.familyContact}`)}</DetailsRow>
        <DetailsRow field="unit" label={t('institutions.resident.unit')}>{r.unitName}</DetailsRow>
        <DetailsRow field="caseOwner" label={t('institutions.resident.caseOwner')}>{r.caseOwnerName ?? '—'}</DetailsRow>
      </dl>
      {r.caseId && <p><Link to={`/cases/${r.caseId}`}>{t('institutions.resident.openCase')}</Link></p>}
      {r.withheld.length > 0 && <p className="hint">{t('institutions.resident.withheld', { fields: r.withheld.map((f) => t(`institutions.resident.field.${f}`)).join(', ') })}</p>}
      {r.canRecord && (editing ? <DetailsForm r={r} onDone={() => setEditing(false)} />
        : <button type="button" className="button-secondary" onClick={() => setEditing(true)}>{t('institutions.resident.edit')}</button>)}
    </section>
  );
}

function DetailsForm({ r, onDone }: { r: Resident; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useResidentWrite<unknown>(`/residents/${enc(r.id)}`);
  const { register, handleSubmit, setError, formState: { errors, isDirty } } = useForm<DetailsValues>({
    defaultValues: { admissionReasons: r.admissionReasons, parentalRights: r.parentalRights, familyContact: r.familyContact },
  });
  useUnsavedChangesGuard(isDirty);
  const onSubmit = handleSubmit((v) => {
    const body = toResidentUpdate(v);
    const issues: Issue[] = body.admissionReasons.length === 0 ? [{ path: 'admissionReasons', message: t('validation.required') }] : [];
    const all = withSchemaIssues(ResidentUpdate, body, issues);
    if (all.length) return void placeIssues(all, setError, DETAILS_FIELDS);
    save.mutate(body, { onSuccess: onDone, onError: (e) => placeIssues(serverIssues(e), setError, DETAILS_FIELDS) });
  });
  return (
    <form noValidate className="panel casework-form" data-testid="resident-details-form" onSubmit={onSubmit}>
      {save.isError && <ErrorMessage error={save.error} />}
      <CheckboxGroup id="details-reasons" label={t('institutions.resident.reasons')} required registration={register('admissionReasons')} error={errors.admissionReasons}
        options={TAXONOMIES.diAdmissionReason.map((x) => ({ value: x, label: t(`taxonomy:diAdmissionReason.${x}`) }))} />
      <SelectField id="details-rights" label={t('institutions.resident.parentalRights')} required registration={register('parentalRights')} error={errors.parentalRights}
        options={TAXONOMIES.parentalRights.map((x) => ({ value: x, label: t(`taxonomy:parentalRights.${x}`) }))} />
      <SelectField id="details-contact" label={t('institutions.resident.familyContact')} required registration={register('familyContact')} error={errors.familyContact}
        options={TAXONOMIES.familyContact.map((x) => ({ value: x, label: t(`taxonomy:familyContact.${x}`) }))} />
      <FormActions>
        <button type="submit" disabled={save.isPending}>{t('institutions.resident.save')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </FormActions>
    </form>
  );
}

function Assessments({ r }: { r: Resident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [adding, setAdding] = useState(false);
  return (
    <section aria-labelledby="resident-assessments" className="casework-section">
      <h2 id="resident-assessments">{t('institutions.assessment.title')}</h2>
      {r.assessments.length === 0 ? <p>{t('institutions.assessment.none')}</p> : (
        <ul className="casework-list">
          {r.assessments.map((a) => (
            <li key={a.id} className="casework-item">
              <p><strong>{format.date(a.assessedOn)}</strong> · {a.assessor}{a.authorOrgName ? ` · ${t('institutions.assessment.by', { org: a.authorOrgName })}` : ''}</p>
              <p className="prose">{a.findings}</p>
            </li>
          ))}
        </ul>
      )}
      {r.canRecord && (adding ? <AssessmentForm r={r} onDone={() => setAdding(false)} />
        : <button type="button" data-testid="assessment-add" onClick={() => setAdding(true)}>{t('institutions.assessment.add')}</button>)}
    </section>
  );
}

function AssessmentForm({ r, onDone }: { r: Resident; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useResidentWrite<unknown>(`/residents/${enc(r.id)}/assessments`, { idempotent: true });
  const { register, handleSubmit, control, setError, formState: { errors, isDirty } } = useForm<AssessmentValues>({ defaultValues: { assessedOn: today(), assessor: '', findings: '' } });
  useUnsavedChangesGuard(isDirty);
  const onSubmit = handleSubmit((v) => {
    const required = t('validation.required');
    const issues: Issue[] = (['assessor', 'findings'] as const).filter((f) => !v[f].trim()).map((f) => ({ path: f, message: required }));
    const body = toAssessmentInput(v);
    const all = withSchemaIssues(DiAssessmentInput, body, issues, { 'must not be in the future': t('casework.future') });
    if (all.length) return void placeIssues(all, setError, ASSESSMENT_FIELDS);
    add.mutate(body, { onSuccess: onDone, onError: (e) => placeIssues(serverIssues(e), setError, ASSESSMENT_FIELDS) });
  });
  return (
    <form noValidate className="panel casework-form" data-testid="assessment-form" onSubmit={onSubmit}>
      {add.isError && <ErrorMessage error={add.error} />}
      <DateField id="assessment-on" label={t('institutions.assessment.assessedOn')} required control={control} name="assessedOn" error={errors.assessedOn} />
      <TextField id="assessment-by" label={t('institutions.assessment.assessor')} hint={t('institutions.assessment.assessorHint')} required registration={register('assessor')} error={errors.assessor} />
      <TextAreaField id="assessment-findings" label={t('institutions.assessment.findings')} required registration={register('findings')} error={errors.findings} />
      <FormActions>
        <button type="submit" disabled={add.isPending}>{t('institutions.assessment.save')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </FormActions>
    </form>
  );
}
