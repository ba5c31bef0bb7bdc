import { useState } from 'react';
import { Controller, useFieldArray, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MAX_CHILDREN_PER_SIGNAL, type SignalInput, URGENCIES } from '../../signals/signal-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { CheckboxGroup, FieldMessages, FormActions, SelectField, TextAreaField, TextField } from '../app/fields.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { JurisdictionSelect } from '../jurisdictions/JurisdictionSelect.tsx';
import { useMunicipalityLookup } from '../jurisdictions/queries.ts';
import { ChildEntryFields } from './ChildEntryFields.tsx';
import { useRegisterSignal } from './queries.ts';
import { DuplicateConflictPanel, duplicateAnswer } from '../children/DuplicateConflictPanel.tsx';
import type { NotDuplicate } from '../../children/child-schema.ts';
import { SIGNAL_FORM_FIELDS, type SignalFormValues, applySignalIssues, emptyChildEntry, localNow, useSignalForm } from './signal-form.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { DateTimeField } from '../app/DateInput.tsx';

/** A fresh idempotency key per form: a double submit (or a retry after a timeout) stores one signal. */
function newRef(): string {
  return `web:${globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`}`;
}

function defaults(municipalityCode: string): SignalFormValues {
  return {
    ref: newRef(), receivedAt: localNow(), channel: '', source: '', reporterName: '', reporterContact: '', harmTypes: [],
    place: 'unknown', perpetrators: [], description: '', urgency: 'normal', municipalityCode, children: [emptyChildEntry()],
  };
}

/** Registering a signal: one page, the report, the children (with the duplicate check), the concern. */
export function SignalRegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('signals.registerTitle'));
  const me = useCurrentUser();
  const navigate = useNavigate();
  const lookup = useMunicipalityLookup(me.organisation.country);
  const home = me.organisation.jurisdictionCode;
  const [initial] = useState(() => defaults(home.split('-').length === 3 ? home : ''));
  const form = useSignalForm(initial);
  const { register, control, handleSubmit, formState } = form;
  const { errors } = formState;
  const children = useFieldArray({ control, name: 'children' });
  const source = useWatch({ control, name: 'source' });
  const registerSignal = useRegisterSignal();
  const guard = useUnsavedChangesGuard(formState.isDirty);
  const anonymous = source === 'anonymous';
  const option = (taxonomy: keyof typeof TAXONOMIES) =>
    TAXONOMIES[taxonomy].map((code) => ({ value: code, label: t(`taxonomy:${taxonomy}.${code}`) }));

  // A new child like a registered one (409): shown, with the way to say each is another child.
  const duplicate = registerSignal.isError ? duplicateAnswer(registerSignal.error) : null;
  const submit = (input: SignalInput, notDuplicate?: NotDuplicate) => {
    const flagged = new Set([...(duplicate?.duplicates ?? []), ...(duplicate?.elsewhere ?? [])].map((d) => d.index));
    const body = notDuplicate
      ? { ...input, children: input.children.map((c, i) => (flagged.has(i) ? { ...c, notDuplicate } : c)) }
      : input;
    registerSignal.mutate(body, {
      onSuccess: (signal) => { guard.release(); navigate(`/signals/${signal.id}`); },
      onError: (error) => {
        applySignalIssues(error, form.setError, SIGNAL_FORM_FIELDS);
      },
    });
  };

  return (
    <section>
      <h1>{t('signals.registerTitle')}</h1>
      <p>{t('signals.registerIntro')}</p>
      <form
        noValidate
        className="signal-form"
        onSubmit={handleSubmit((input) => submit(input))}
      >
        {duplicate ? (
          <DuplicateConflictPanel answer={duplicate} busy={registerSignal.isPending}
            onOverride={(notDuplicate) => void handleSubmit((input) => submit(input, notDuplicate))()} />
        ) : (
          registerSignal.isError && <ErrorMessage error={registerSignal.error} />
        )}
        <fieldset>
          <legend>{t('signals.form.section.report')}</legend>
          <div className="field-row">
            <DateTimeField id="signal-received-at" label={t('signals.field.receivedAt')} required control={control} name="receivedAt" error={errors.receivedAt} />
            <SelectField id="signal-urgency" label={t('signals.field.urgency')} required registration={register('urgency')}
              error={errors.urgency} options={URGENCIES.map((u) => ({ value: u, label: t(`signals.urgency.${u}`) }))} />
          </div>
          <div className="field-row">
            <SelectField id="signal-channel" label={t('signals.field.channel')} required registration={register('channel')}
              error={errors.channel} placeholder={t('common.choose')} options={option('channel')} />
            <SelectField id="signal-source" label={t('signals.field.source')} required registration={register('source')}
              error={errors.source} placeholder={t('common.choose')} options={option('signalSource')} />
          </div>
          {anonymous ? (
            <p className="hint" data-testid="anonymous-note">{t('signals.form.anonymousNote')}</p>
          ) : (
            <div className="field-row">
              <TextField id="signal-reporter-name" label={t('signals.field.reporterName')} autoComplete="off"
                hint={t('signals.form.reporterHint')} registration={register('reporterName')} error={errors.reporterName} />
              <TextField id="signal-reporter-contact" label={t('signals.field.reporterContact')} autoComplete="off"
                registration={register('reporterContact')} error={errors.reporterContact} />
            </div>
          )}
        </fieldset>

        <fieldset>
          <legend>{t('signals.form.section.children')}</legend>
          {errors.children?.message && <FieldMessages id="signal-children" error={errors.children} />}
          {children.fields.map((field, index) => (
            <ChildEntryFields key={field.id} form={form} index={index} count={children.fields.length} onRemove={() => children.remove(index)} />
          ))}
          {children.fields.length < MAX_CHILDREN_PER_SIGNAL && (
            <button type="button" className="button-secondary" data-testid="add-child" onClick={() => children.append(emptyChildEntry())}>
              {t('signals.form.addChild')}
            </button>
          )}
        </fieldset>

        <fieldset>
          <legend>{t('signals.form.section.concern')}</legend>
          <CheckboxGroup id="signal-harm-types" label={t('signals.field.harmTypes')} required registration={register('harmTypes')}
            error={errors.harmTypes} options={option('harmType')} />
          <SelectField id="signal-place" label={t('signals.field.place')} registration={register('place')} error={errors.place}
            options={option('place')} />
          <CheckboxGroup id="signal-perpetrators" label={t('signals.field.perpetrators')} hint={t('signals.form.perpetratorsHint')}
            registration={register('perpetrators')} error={errors.perpetrators} options={option('perpetrator')} />
          <TextAreaField id="signal-description" label={t('signals.field.description')} rows={6}
            registration={register('description')} error={errors.description} />
          <Controller
            control={control}
            name="municipalityCode"
            render={({ field, fieldState }) => (
              <JurisdictionSelect
                key={lookup.get(field.value)?.parentCode ?? 'none'}
                id="signal-municipality"
                label={t('signals.field.municipality')}
                required
                country={me.organisation.country}
                deepest="municipality"
                initialRegion={lookup.get(field.value)?.parentCode ?? undefined}
                value={field.value}
                onChange={field.onChange}
                error={fieldState.error}
              />
            )}
          />
        </fieldset>
        <FormActions>
          <button type="submit" disabled={registerSignal.isPending} data-testid="register-signal-submit">
            {t('signals.form.submit')}
          </button>
        </FormActions>
      </form>
    </section>
  );
}
