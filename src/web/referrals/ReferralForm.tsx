import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CONSENT_ANSWERS, SERVICES } from '../../cases/case-workflow.ts';
import { ReferralInput } from '../../referrals/referral-schema.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { emptyValues, formFields } from '../app/form-schema.ts';
import { FieldMessages, FormActions, SelectField, TextAreaField } from '../app/fields.tsx';
import { consentNeedsReason, REFERRAL_FIELDS, type ReferralValues, toReferralInput } from './referral-inputs.ts';
import { type Issue, placeIssues, serverIssues, withSchemaIssues } from '../cases/form-kit.ts';
import { useOrganisations } from '../cases/section-queries.ts';
import { useRefer } from './queries.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';

type Values = ReferralValues;
const FIELDS = REFERRAL_FIELDS;

/**
 * Refers the child to a provider. The picker lists the organisations of the case's country
 * (GET /organisations is open to every signed-in user) except protection units. Unless the child
 * and the caregiver both consent, the best-interests reason is required before anything is sent.
 */
export function ReferralForm({ caseId, country, onDone }: { caseId: string; country: string; onDone: () => void }) {
  const { t } = useTranslation();
  const refer = useRefer(caseId);
  const orgs = useOrganisations(country);
  const { register, handleSubmit, control, setError, formState: { errors, isDirty } } = useForm<Values>({
    defaultValues: emptyValues<Values>(formFields(ReferralInput)),
  });
  useUnsavedChangesGuard(isDirty);
  const consentChild = useWatch({ control, name: 'consentChild' });
  const consentCaregiver = useWatch({ control, name: 'consentCaregiver' });
  const needsReason = consentNeedsReason(consentChild, consentCaregiver);

  const onSubmit = handleSubmit((v) => {
    const required = t('validation.required');
    const issues: Issue[] = [];
    for (const f of ['providerOrgId', 'service', 'request', 'consentChild', 'consentCaregiver'] as const) if (!v[f].trim()) issues.push({ path: f, message: required });
    if (consentNeedsReason(v.consentChild, v.consentCaregiver) && !v.bestInterestsReason.trim()) {
      issues.push({ path: 'bestInterestsReason', message: t('casework.referral.reasonRequired') });
    }
    const body = toReferralInput(v);
    const all = withSchemaIssues(ReferralInput, body, issues);
    if (all.length) return void placeIssues(all, setError, FIELDS);
    refer.mutate(body, { onSuccess: onDone, onError: (e) => placeIssues(serverIssues(e), setError, FIELDS) });
  });

  const providers = (orgs.data?.items ?? []).filter((o) => !o.isProtectionUnit).map((o) => ({ value: o.id, label: o.name }));
  return (
    <form noValidate className="panel casework-form" data-testid="referral-form" onSubmit={onSubmit}>
      <h3>{t('casework.referral.new')}</h3>
      {refer.isError && <ErrorMessage error={refer.error} />}
      <SelectField id="referral-provider" label={t('casework.referral.provider')} required placeholder={t('common.choose')}
        registration={register('providerOrgId')} error={errors.providerOrgId} options={providers} />
      <SelectField id="referral-service" label={t('casework.referral.service')} required placeholder={t('common.choose')}
        registration={register('service')} error={errors.service} options={SERVICES.map((s) => ({ value: s, label: t(`casework.service.${s}`) }))} />
      <TextAreaField id="referral-request" label={t('casework.referral.request')} required hint={t('casework.referral.requestHint')}
        registration={register('request')} error={errors.request} />
      {(['consentChild', 'consentCaregiver'] as const).map((field) => (
        <fieldset key={field} className="field" aria-describedby={errors[field] ? `referral-${field}-error` : undefined}>
          <legend>{t(`casework.referral.${field}`)}<span className="required"> ({t('common.required')})</span></legend>
          <div className="radio-options">
            {CONSENT_ANSWERS.map((a) => (
              <div className="field-checkbox" key={a}>
                <input id={`referral-${field}-${a}`} type="radio" value={a} {...register(field)} />
                <label htmlFor={`referral-${field}-${a}`}>{t(`casework.consent.${a}`)}</label>
              </div>
            ))}
          </div>
          <FieldMessages id={`referral-${field}`} error={errors[field]} />
        </fieldset>
      ))}
      {needsReason && (
        <TextAreaField id="referral-best-interests" label={t('casework.referral.bestInterestsReason')} required
          hint={t('casework.referral.bestInterestsHint')} registration={register('bestInterestsReason')} error={errors.bestInterestsReason} />
      )}
      <FormActions>
        <button type="submit" disabled={refer.isPending} data-testid="referral-submit">{t('casework.referral.send')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </FormActions>
    </form>
  );
}
