import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { type Resolver, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CONSENT_ANSWERS } from '../../cases/case-workflow.ts';
import type { CaseView } from '../../cases/case-schema.ts';
import { AcknowledgementInput, CROSS_BORDER_COUNTRIES, CrossBorderInput } from '../../transfers/transfer-schema.ts';
import { apiUrl } from '../app/api.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { FormActions, SelectField, TextAreaField, TextField } from '../app/fields.tsx';
import { emptyValues, formFields } from '../app/form-schema.ts';
import { useFormat } from '../app/format.ts';
import { applyServerIssues } from '../app/server-issues.ts';
import { zodErrors } from '../app/validation.ts';
import type { FormProps } from './case-forms.tsx';
import {
  ACKNOWLEDGEMENT_FIELDS, type AcknowledgementValues as AckValues, CROSS_BORDER_FIELDS, type CrossBorderValues as Values, toAcknowledgementInput,
  toCrossBorderInput,
} from './case-inputs.ts';
import { useCaseCommand, useCrossBorder } from './queries.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { DateField } from '../app/DateInput.tsx';

/**
 * Cross-border referrals of a case: the form that sends one, the list with the signed file and
 * the summary (in the receiving country's language) to download, and the acknowledgement.
 */

const enc = encodeURIComponent;

export function CrossBorderForm({ caseView, send, busy, onCancel }: FormProps) {
  const { t } = useTranslation();
  const form = useForm<Values, unknown, z.infer<typeof CrossBorderInput>>({
    resolver: zodResolver(z.preprocess((raw) => toCrossBorderInput(raw as Values), CrossBorderInput) as never, zodErrors) as unknown as Resolver<Values, unknown, z.infer<typeof CrossBorderInput>>,
    defaultValues: emptyValues<Values>(formFields(CrossBorderInput)),
  });
  useUnsavedChangesGuard(form.formState.isDirty);
  const err = form.formState.errors;
  const consentOptions = CONSENT_ANSWERS.map((c) => ({ value: c, label: t(`cases.consent.${c}`) }));
  return (
    <form className="panel case-form" data-testid="cross-border-form" noValidate
      onSubmit={form.handleSubmit((body) => send(`/cases/${enc(caseView.id)}/cross-border`, body, (e) => applyServerIssues(e, form.setError, CROSS_BORDER_FIELDS)))}>
      <SelectField id="cb-country" label={t('cases.crossBorder.country')} required registration={form.register('destinationCountry')}
        error={err.destinationCountry} placeholder={t('cases.form.choose')}
        options={CROSS_BORDER_COUNTRIES.map((c) => ({ value: c, label: t(`cases.country.${c}`) }))} />
      <TextField id="cb-authority" label={t('cases.crossBorder.authority')} required registration={form.register('destinationAuthority')} error={err.destinationAuthority} />
      <TextAreaField id="cb-reason" label={t('cases.crossBorder.reason')} required registration={form.register('reason')} error={err.reason} />
      <SelectField id="cb-consent-child" label={t('cases.crossBorder.consentChild')} required registration={form.register('consentChild')}
        error={err.consentChild} placeholder={t('cases.form.choose')} options={consentOptions} />
      <SelectField id="cb-consent-caregiver" label={t('cases.crossBorder.consentCaregiver')} required registration={form.register('consentCaregiver')}
        error={err.consentCaregiver} placeholder={t('cases.form.choose')} options={consentOptions} />
      <TextAreaField id="cb-best-interests" label={t('cases.crossBorder.bestInterests')} hint={t('cases.crossBorder.bestInterestsHint')}
        registration={form.register('bestInterestsReason')} error={err.bestInterestsReason} />
      <FormActions>
        <button type="submit" disabled={busy} data-testid="cross-border-submit">{t('cases.action.send_cross_border')}</button>
        <button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </FormActions>
    </form>
  );
}

/** Shown to the readers who may send cross-border referrals or acknowledge them (the owning unit). */
export function CrossBorderList({ caseView }: { caseView: CaseView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const visible = caseView.fullAccess;
  const list = useCrossBorder(caseView.id, visible);
  const [acknowledging, setAcknowledging] = useState<string | null>(null);
  if (!visible) return null;
  const mayAcknowledge = caseView.allowed.includes('acknowledge_cross_border');
  return (
    <section className="panel" data-testid="cross-border" aria-labelledby="cross-border-title">
      <h2 id="cross-border-title">{t('cases.crossBorder.title')}</h2>
      {list.isPending ? <Loading /> : list.isError ? <ErrorMessage error={list.error} retry={() => list.refetch()} /> : list.data.items.length === 0 ? (
        <p>{t('cases.crossBorder.empty')}</p>
      ) : (
        <ul className="case-cross-border">
          {list.data.items.map((item) => (
            <li key={item.id} data-testid="cross-border-item">
              <strong>{t(`cases.country.${item.destinationCountry}`, { defaultValue: item.destinationCountry })}</strong>
              {' · '}{item.destinationAuthority}{' · '}
              {item.status === 'acknowledged'
                ? t('cases.crossBorder.acknowledged', { at: item.acknowledgedAt ? format.date(item.acknowledgedAt) : '', by: item.acknowledgedByName ?? '' })
                : t('cases.crossBorder.sent', { at: format.date(item.sentAt) })}
              <span className="case-links">
                <a href={apiUrl(`/cross-border/${enc(item.id)}/file`)} download data-testid="cross-border-file">{t('cases.crossBorder.file')}</a>
                <a href={apiUrl(`/cross-border/${enc(item.id)}/summary`)} download data-testid="cross-border-summary">{t('cases.crossBorder.summary')}</a>
              </span>
              {mayAcknowledge && item.status === 'sent' && acknowledging !== item.id && (
                <button type="button" className="button-secondary" onClick={() => setAcknowledging(item.id)}>{t('cases.action.acknowledge_cross_border')}</button>
              )}
              {acknowledging === item.id && <AcknowledgeForm caseId={caseView.id} itemId={item.id} onDone={() => setAcknowledging(null)} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AcknowledgeForm({ caseId, itemId, onDone }: { caseId: string; itemId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const command = useCaseCommand(caseId);
  const form = useForm<AckValues, unknown, z.infer<typeof AcknowledgementInput>>({
    resolver: zodResolver(z.preprocess((raw) => toAcknowledgementInput(raw as AckValues), AcknowledgementInput) as never, zodErrors) as unknown as Resolver<AckValues, unknown, z.infer<typeof AcknowledgementInput>>,
    defaultValues: emptyValues<AckValues>(formFields(AcknowledgementInput)),
  });
  useUnsavedChangesGuard(form.formState.isDirty);
  const err = form.formState.errors;
  return (
    <form className="case-form" data-testid="acknowledge-form" noValidate onSubmit={form.handleSubmit((body) =>
      command.mutate({ path: `/cross-border/${enc(itemId)}/acknowledgement`, body }, {
        onSuccess: onDone,
        onError: (e) => applyServerIssues(e, form.setError, ACKNOWLEDGEMENT_FIELDS),
      }))}>
      <DateField id={`ack-at-${itemId}`} label={t('cases.crossBorder.acknowledgedAt')} required control={form.control} name="acknowledgedAt" error={err.acknowledgedAt} />
      <TextField id={`ack-by-${itemId}`} label={t('cases.crossBorder.acknowledgedBy')} required registration={form.register('acknowledgedByName')} error={err.acknowledgedByName} />
      <TextAreaField id={`ack-note-${itemId}`} label={t('cases.crossBorder.note')} registration={form.register('note')} error={err.note} />
      {command.isError && !form.formState.errors.acknowledgedAt && <ErrorMessage error={command.error} />}
      <FormActions>
        <button type="submit" disabled={command.isPending}>{t('cases.action.acknowledge_cross_border')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </FormActions>
    </form>
  );
}
