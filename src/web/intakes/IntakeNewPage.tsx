import './page-strings.ts';
import { useState } from 'react';
import { Controller, useFieldArray, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { NotDuplicate } from '../../children/child-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { type IntakeInput, MAX_TEAM_MEMBERS } from '../../intakes/intake-schema.ts';
import { MAX_CHILDREN_PER_SIGNAL, URGENCIES } from '../../signals/signal-schema.ts';
import { DateTimeField } from '../app/DateInput.tsx';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { CheckboxField, CheckboxGroup, FieldMessages, FormActions, SelectField, TextAreaField, TextField } from '../app/fields.tsx';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { DuplicateConflictPanel, duplicateAnswer } from '../children/DuplicateConflictPanel.tsx';
import { JurisdictionSelect } from '../jurisdictions/JurisdictionSelect.tsx';
import { useMunicipalityLookup } from '../jurisdictions/queries.ts';
import { useOrganisations } from '../meetings/queries.ts';
import { ChildEntryFields } from '../signals/ChildEntryFields.tsx';
import { type SignalForm, applySignalIssues, emptyChildEntry } from '../signals/signal-form.ts';
import { INTAKE_FORM_FIELDS, type IntakeFormValues, useIntakeForm, withIntakeMessages } from './intake-form.ts';
import { useRecordIntake } from './queries.ts';

function defaults(me: { displayName: string }, municipalityCode: string): IntakeFormValues {
  return {
    stationId: '', calledAt: '', arrivedAt: '', teamMembers: [{ name: me.displayName, role: '' }], municipalityCode,
    children: [emptyChildEntry()], legalSituation: '', harmTypes: [], urgency: 'urgent',
    parentPresent: false, lawyerPresent: false, psychologistPresent: false, childFriendlyRoom: false,
    supportGiven: '', outcome: '', outcomeNote: '',
  };
}

/** A police-station intake: the call, the team, the child or children (with the duplicate check), the interview, the outcome. */
export function IntakeNewPage() {
  const { t } = useTranslation();
  usePageTitle(t('intakes.newTitle'));
  const me = useCurrentUser();
  const navigate = useNavigate();
  const lookup = useMunicipalityLookup(me.organisation.country);
  const organisations = useOrganisations(me.organisation.country);
  const stations = (organisations.data?.items ?? []).filter((o) => o.sector === 'police' && o.active);
  const home = me.organisation.jurisdictionCode;
  const [initial] = useState(() => defaults(me, home.split('-').length === 3 ? home : ''));
  const form = useIntakeForm(initial);
  const { register, control, handleSubmit, formState } = form;
  const { errors } = formState;
  const children = useFieldArray({ control, name: 'children' });
  const members = useFieldArray({ control, name: 'teamMembers' });
  const outcome = useWatch({ control, name: 'outcome' });
  const record = useRecordIntake();
  const guard = useUnsavedChangesGuard(formState.isDirty);
  const option = (taxonomy: keyof typeof TAXONOMIES) => TAXONOMIES[taxonomy].map((code) => ({ value: code, label: t(`taxonomy:${taxonomy}.${code}`) }));

  const duplicate = record.isError ? duplicateAnswer(record.error) : null;
  const submit = (input: IntakeInput, notDuplicate?: NotDuplicate) => {
    const flagged = new Set([...(duplicate?.duplicates ?? []), ...(duplicate?.elsewhere ?? [])].map((d) => d.index));
    const body = notDuplicate ? { ...input, children: input.children.map((c, i) => (flagged.has(i) ? { ...c, notDuplicate } : c)) } : input;
    record.mutate(body, {
      onSuccess: (intake) => { guard.release(); navigate(`/intakes/${intake.id}`); },
      onError: (error) => { applySignalIssues(withIntakeMessages(error), form.setError, INTAKE_FORM_FIELDS); },
    });
  };
  // The child entries are the signal form's own (same paths: children.N.*), duplicate check included.
  const childForm = form as unknown as SignalForm;

  return (
    <section>
      <h1>{t('intakes.newTitle')}</h1>
      <p>{t('intakes.newIntro')}</p>
      <form noValidate className="signal-form" onSubmit={handleSubmit((input) => submit(input))}>
        {duplicate ? (
          <DuplicateConflictPanel answer={duplicate} busy={record.isPending} onOverride={(nd) => void handleSubmit((input) => submit(input, nd))()} />
        ) : (
          record.isError && <ErrorMessage error={record.error} />
        )}
        <fieldset>
          <legend>{t('intakes.form.section.call')}</legend>
          <SelectField id="intake-station" label={t('intakes.field.station')} required registration={register('stationId')} error={errors.stationId}
            placeholder={t('common.choose')} options={stations.map((s) => ({ value: s.id, label: s.name }))} />
          <div className="field-row">
            <DateTimeField id="intake-called-at" label={t('intakes.field.calledAt')} required control={control} name="calledAt" error={errors.calledAt} />
            <DateTimeField id="intake-arrived-at" label={t('intakes.field.arrivedAt')} required control={control} name="arrivedAt" error={errors.arrivedAt} />
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('intakes.form.section.team')}</legend>
          {errors.teamMembers?.message && <FieldMessages id="intake-team" error={errors.teamMembers} />}
          {members.fields.map((field, i) => (
            <div className="field-row" key={field.id} data-testid={`team-member-${i}`}>
              <TextField id={`intake-member-${i}-name`} label={t('intakes.field.memberName', { n: i + 1 })} required autoComplete="off"
                registration={register(`teamMembers.${i}.name`)} error={errors.teamMembers?.[i]?.name} />
              <TextField id={`intake-member-${i}-role`} label={t('intakes.field.memberRole', { n: i + 1 })} required autoComplete="off"
                registration={register(`teamMembers.${i}.role`)} error={errors.teamMembers?.[i]?.role} />
              {members.fields.length > 1 && (
                <button type="button" className="button-secondary" onClick={() => members.remove(i)}>{t('intakes.form.removeMember', { n: i + 1 })}</button>
              )}
            </div>
          ))}
          {members.fields.length < MAX_TEAM_MEMBERS && (
            <button type="button" className="button-secondary" onClick={() => members.append({ name: '', role: '' })}>{t('intakes.form.addMember')}</button>
          )}
        </fieldset>

        <fieldset>
          <legend>{t('intakes.form.section.children')}</legend>
          {errors.children?.message && <FieldMessages id="intake-children" error={errors.children} />}
          {children.fields.map((field, index) => (
            <ChildEntryFields key={field.id} form={childForm} index={index} count={children.fields.length} onRemove={() => children.remove(index)} />
          ))}
          {children.fields.length < MAX_CHILDREN_PER_SIGNAL && (
            <button type="button" className="button-secondary" onClick={() => children.append(emptyChildEntry())}>{t('signals.form.addChild')}</button>
          )}
          <Controller control={control} name="municipalityCode" render={({ field, fieldState }) => (
            <JurisdictionSelect key={lookup.get(field.value)?.parentCode ?? 'none'} id="intake-municipality" label={t('intakes.field.municipality')} required
              country={me.organisation.country} deepest="municipality" initialRegion={lookup.get(field.value)?.parentCode ?? undefined}
              value={field.value} onChange={field.onChange} error={fieldState.error} />
          )} />
        </fieldset>

        <fieldset>
          <legend>{t('intakes.form.section.interview')}</legend>
          <SelectField id="intake-legal-situation" label={t('intakes.field.legalSituation')} required registration={register('legalSituation')}
            error={errors.legalSituation} placeholder={t('common.choose')} options={option('legalSituation')} />
          <CheckboxGroup id="intake-harm-types" label={t('intakes.field.harmTypes')} required registration={register('harmTypes')} error={errors.harmTypes} options={option('harmType')} />
          <CheckboxField id="intake-parent" label={t('intakes.field.parentPresent')} registration={register('parentPresent')} error={errors.parentPresent} />
          <CheckboxField id="intake-lawyer" label={t('intakes.field.lawyerPresent')} registration={register('lawyerPresent')} error={errors.lawyerPresent} />
          <CheckboxField id="intake-psychologist" label={t('intakes.field.psychologistPresent')} registration={register('psychologistPresent')} error={errors.psychologistPresent} />
          <CheckboxField id="intake-room" label={t('intakes.field.childFriendlyRoom')} registration={register('childFriendlyRoom')} error={errors.childFriendlyRoom} />
          <TextAreaField id="intake-support" label={t('intakes.field.supportGiven')} rows={4} registration={register('supportGiven')} error={errors.supportGiven} />
        </fieldset>

        <fieldset>
          <legend>{t('intakes.form.section.outcome')}</legend>
          <div className="field-row">
            <SelectField id="intake-outcome" label={t('intakes.field.outcome')} required registration={register('outcome')} error={errors.outcome}
              placeholder={t('common.choose')} options={option('intakeOutcome')} />
            <SelectField id="intake-urgency" label={t('intakes.field.urgency')} required registration={register('urgency')} error={errors.urgency}
              options={URGENCIES.map((u) => ({ value: u, label: t(`signals.urgency.${u}`) }))} />
          </div>
          {outcome === 'other' && (
            <TextField id="intake-outcome-note" label={t('intakes.field.outcomeNote')} required registration={register('outcomeNote')} error={errors.outcomeNote} />
          )}
          <p className="hint">{t('intakes.form.referralNote')}</p>
        </fieldset>
        <FormActions>
          <button type="submit" disabled={record.isPending} data-testid="record-intake-submit">{t('intakes.form.submit')}</button>
        </FormActions>
      </form>
    </section>
  );
}
