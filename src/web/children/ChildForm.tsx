import type { ReactNode } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import {
  CheckboxField, CheckboxGroup, FormActions, SelectField, TextAreaField, TextField,
} from '../app/fields.tsx';
import { currentLocale } from '../app/i18n.ts';
import { JurisdictionSelect } from '../jurisdictions/JurisdictionSelect.tsx';
import { useMunicipalityLookup } from '../jurisdictions/queries.ts';
import { CHILD_LANGUAGES, type ChildForm as ChildFormApi, type ChildFormField, emptyToNull, toTriState } from './child-form.ts';
import { ChildInput } from '../../children/child-schema.ts';
import { fieldsByName, formFields } from '../app/form-schema.ts';
import { DateField } from '../app/DateInput.tsx';

/** Which fields the worker must fill, read from ChildInput (the labels are `child.field.<name>`). */
const FIELD = fieldsByName(formFields(ChildInput));

/**
 * The child record form, for registration and editing. Fields withheld from the reader's
 * sector are not editable here: they are named, with the reason, instead of shown empty.
 */
export function ChildFormFields(props: {
  form: ChildFormApi;
  country: string;
  onSubmit: (values: ChildInput) => void;
  submitLabel: string;
  busy: boolean;
  withheld?: readonly string[];
  formError?: ReactNode;
  extraActions?: ReactNode;
  /** Shown between the identity fields and the rest (the duplicate check). */
  afterIdentity?: ReactNode;
}) {
  const { form, country, onSubmit, submitLabel, busy, withheld = [], formError, extraActions, afterIdentity } = props;
  const { t } = useTranslation();
  const { register, handleSubmit, formState, control } = form;
  const { errors } = formState;
  const lookup = useMunicipalityLookup(country);
  const languageNames = new Intl.DisplayNames([currentLocale()], { type: 'language' });
  const hidden = (field: ChildFormField) => withheld.includes(field);
  const notShared = (field: ChildFormField, label: string) => (
    <div className="field withheld" key={field}>
      <span className="label">{label}</span>
      <p className="withheld-text">{t('child.withheld')}</p>
    </div>
  );

  return (
    <form noValidate onSubmit={handleSubmit(onSubmit)} className="child-form">
      {formError}
      <fieldset>
        <legend>{t('child.section.identity')}</legend>
        <div className="field-row">
          <TextField id="child-given-name" label={t('child.field.givenName')} required={FIELD.givenName.required} autoComplete="off"
            registration={register('givenName')} error={errors.givenName} />
          <TextField id="child-family-name" label={t('child.field.familyName')} required={FIELD.familyName.required} autoComplete="off"
            registration={register('familyName')} error={errors.familyName} />
        </div>
        <div className="field-row">
          <SelectField id="child-sex" label={t('child.field.sex')} required={FIELD.sex.required} registration={register('sex')}
            error={errors.sex}
            options={TAXONOMIES.sex.map((code) => ({ value: code, label: t(`taxonomy:sex.${code}`) }))} />
          <DateField id="child-birth-date" label={t('child.field.birthDate')}
            control={control} name="birthDate" emptyValue={null} error={errors.birthDate} />
        </div>
        <CheckboxField id="child-birth-date-estimated" label={t('child.field.birthDateEstimated')}
          registration={register('birthDateEstimated')} error={errors.birthDateEstimated} />
      </fieldset>
      {afterIdentity}
      <fieldset>
        <legend>{t('child.section.whereabouts')}</legend>
        <Controller
          control={control}
          name="municipalityCode"
          render={({ field, fieldState }) => (
            <JurisdictionSelect
              key={lookup.get(field.value)?.parentCode ?? 'none'}
              id="child-municipality"
              label={t('child.field.municipalityCode')}
              required={FIELD.municipalityCode.required}
              country={country}
              deepest="municipality"
              initialRegion={lookup.get(field.value)?.parentCode ?? undefined}
              value={field.value}
              onChange={field.onChange}
              error={fieldState.error}
            />
          )}
        />
        {hidden('address') ? notShared('address', t('child.field.address')) : (
          <TextField id="child-address" label={t('child.field.address')} autoComplete="off"
            registration={register('address', { setValueAs: emptyToNull })} error={errors.address} />
        )}
        <CheckboxGroup id="child-languages" label={t('child.field.languages')}
          registration={register('languages')} error={errors.languages}
          options={CHILD_LANGUAGES.map((code) => ({ value: code, label: languageNames.of(code) ?? code }))} />
      </fieldset>
      <fieldset>
        <legend>{t('child.section.school')}</legend>
        <div className="field-row">
          <SelectField id="child-in-school" label={t('child.field.inSchool')}
            registration={register('inSchool', { setValueAs: toTriState })} error={errors.inSchool}
            placeholder={t('common.unknown')}
            options={[{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} />
          <TextField id="child-school-name" label={t('child.field.schoolName')} autoComplete="off"
            registration={register('schoolName', { setValueAs: emptyToNull })} error={errors.schoolName} />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('child.section.sensitive')}</legend>
        {hidden('vulnerabilities') ? notShared('vulnerabilities', t('child.field.vulnerabilities')) : (
          <CheckboxGroup id="child-vulnerabilities" label={t('child.field.vulnerabilities')}
            hint={t('child.vulnerabilitiesHint')}
            registration={register('vulnerabilities')} error={errors.vulnerabilities}
            options={TAXONOMIES.vulnerability.map((code) => ({ value: code, label: t(`taxonomy:vulnerability.${code}`) }))} />
        )}
        {hidden('notes') ? notShared('notes', t('child.field.notes')) : (
          <TextAreaField id="child-notes" label={t('child.field.notes')}
            registration={register('notes', { setValueAs: emptyToNull })} error={errors.notes} />
        )}
      </fieldset>
      <FormActions>
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        {extraActions}
      </FormActions>
    </form>
  );
}
