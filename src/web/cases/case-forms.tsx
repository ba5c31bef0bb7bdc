import { zodResolver } from '@hookform/resolvers/zod';
import { type FieldValues, type Resolver, type UseFormSetError, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CLOSURE_REASONS } from '../../cases/case-workflow.ts';
import { CaseAssignInput, ClosureRequestInput, type CaseView, ReopenInput, ReturnInput } from '../../cases/case-schema.ts';
import { TransferDeclineInput, TransferInput } from '../../transfers/transfer-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { FormActions, SelectField, TextAreaField } from '../app/fields.tsx';
import { emptyValues, formFields } from '../app/form-schema.ts';
import { applyServerIssues } from '../app/server-issues.ts';
import { zodErrors } from '../app/validation.ts';
import {
  ASSIGN_FIELDS, type AssignValues, CLOSURE_FIELDS, type ClosureValues, DECLINE_TRANSFER_FIELDS, type DeclineTransferValues, REOPEN_FIELDS,
  type ReopenValues, RETURN_FIELDS, type ReturnValues, toAssignInput, toClosureInput, toDeclineTransferInput, TRANSFER_FIELDS,
  toReopenInput, toReturnInput, toTransferInput, type TransferValues,
} from './case-inputs.ts';
import { useAssignableUsers, useTransferUnits } from './queries.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';

/**
 * The small forms of the case action bar. Each validates with the shared input schema (the version
 * the worker opened is added here, never typed) and hands the body to the bar, which sends it and
 * puts a 400's issues back on the fields through `onIssues`.
 */
export type Send = (path: string, body: unknown, onIssues?: (error: unknown) => void) => void;
export interface FormProps { caseView: CaseView; send: Send; busy: boolean; onCancel: () => void }

const enc = encodeURIComponent;

function resolver<V extends FieldValues, O>(schema: z.ZodType<O>, toInput: (v: V) => unknown): Resolver<V, unknown, O> {
  return zodResolver(z.preprocess((v) => toInput(v as V), schema) as never, zodErrors) as unknown as Resolver<V, unknown, O>;
}

function issuesOnto<V extends FieldValues>(setError: UseFormSetError<V>, fields: readonly string[]) {
  return (error: unknown) => applyServerIssues(error, setError, fields);
}

function Buttons({ busy, submit, onCancel, testId }: { busy: boolean; submit: string; onCancel: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <FormActions>
      <button type="submit" disabled={busy} data-testid={`${testId}-submit`}>{submit}</button>
      <button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>
    </FormActions>
  );
}

/** The picker offers who may own the case: the active caseworkers and supervisors of its unit (GET /cases/:id/assignable-users). */
export function AssignForm({ caseView, send, busy, onCancel }: FormProps) {
  const { t } = useTranslation();
  const assignable = useAssignableUsers(caseView.id);
  const form = useForm<AssignValues, unknown, z.infer<typeof CaseAssignInput>>({
    resolver: resolver(CaseAssignInput, (v: AssignValues) => toAssignInput(v, caseView.version)),
    defaultValues: { ownerId: caseView.ownerId ?? '' },
  });
  useUnsavedChangesGuard(form.formState.isDirty);
  const workers = assignable.data?.items ?? [];
  return (
    <form className="panel case-form" data-testid="assign-form" noValidate
      onSubmit={form.handleSubmit((body) => send(`/cases/${enc(caseView.id)}/assign`, body, issuesOnto(form.setError, ASSIGN_FIELDS)))}>
      <SelectField id="case-assign-owner" label={t('cases.form.owner')} required registration={form.register('ownerId')}
        error={form.formState.errors.ownerId} placeholder={t('cases.form.choose')}
        options={workers.map((w) => ({ value: w.id, label: w.name }))} />
      {assignable.isSuccess && workers.length === 0 && <p className="hint" data-testid="assign-none">{t('cases.form.noAssignable')}</p>}
      {assignable.isError && <ErrorMessage error={assignable.error} />}
      <Buttons busy={busy} submit={t('cases.action.assign')} onCancel={onCancel} testId="assign" />
    </form>
  );
}

export function ClosureForm({ caseView, send, busy, onCancel }: FormProps) {
  const { t } = useTranslation();
  const form = useForm<ClosureValues, unknown, z.infer<typeof ClosureRequestInput>>({
    resolver: resolver(ClosureRequestInput, (v: ClosureValues) => toClosureInput(v, caseView.version)),
    defaultValues: emptyValues<ClosureValues>(formFields(ClosureRequestInput, ['version'])),
  });
  useUnsavedChangesGuard(form.formState.isDirty);
  return (
    <form className="panel case-form" data-testid="closure-form" noValidate
      onSubmit={form.handleSubmit((body) => send(`/cases/${enc(caseView.id)}/closure`, body, issuesOnto(form.setError, CLOSURE_FIELDS)))}>
      <SelectField id="case-closure-reason" label={t('cases.form.closureReason')} required registration={form.register('reason')}
        error={form.formState.errors.reason} placeholder={t('cases.form.choose')}
        options={CLOSURE_REASONS.map((r) => ({ value: r, label: t(`cases.closureReason.${r}`) }))} />
      <TextAreaField id="case-closure-note" label={t('cases.form.closureNote')} hint={t('cases.form.closureNoteHint')}
        registration={form.register('note')} error={form.formState.errors.note} />
      <Buttons busy={busy} submit={t('cases.action.request_closure')} onCancel={onCancel} testId="closure" />
    </form>
  );
}

export function ReturnClosureForm({ caseView, send, busy, onCancel }: FormProps) {
  const { t } = useTranslation();
  const form = useForm<ReturnValues, unknown, z.infer<typeof ReturnInput>>({
    resolver: resolver(ReturnInput, (v: ReturnValues) => toReturnInput(v, caseView.version)),
    defaultValues: emptyValues<ReturnValues>(formFields(ReturnInput, ['version'])),
  });
  useUnsavedChangesGuard(form.formState.isDirty);
  return (
    <form className="panel case-form" data-testid="return-closure-form" noValidate
      onSubmit={form.handleSubmit((body) => send(`/cases/${enc(caseView.id)}/closure/return`, body, issuesOnto(form.setError, RETURN_FIELDS)))}>
      <TextAreaField id="case-return-comment" label={t('cases.form.returnComment')} required registration={form.register('comment')}
        error={form.formState.errors.comment} />
      <Buttons busy={busy} submit={t('cases.action.return_closure')} onCancel={onCancel} testId="return-closure" />
    </form>
  );
}

export function ReopenForm({ caseView, send, busy, onCancel }: FormProps) {
  const { t } = useTranslation();
  const form = useForm<ReopenValues, unknown, z.infer<typeof ReopenInput>>({
    resolver: resolver(ReopenInput, (v: ReopenValues) => toReopenInput(v, caseView.version)),
    defaultValues: emptyValues<ReopenValues>(formFields(ReopenInput, ['version'])),
  });
  useUnsavedChangesGuard(form.formState.isDirty);
  return (
    <form className="panel case-form" data-testid="reopen-form" noValidate
      onSubmit={form.handleSubmit((body) => send(`/cases/${enc(caseView.id)}/reopen`, body, issuesOnto(form.setError, REOPEN_FIELDS)))}>
      <TextAreaField id="case-reopen-reason" label={t('cases.form.reopenReason')} required registration={form.register('reason')}
        error={form.formState.errors.reason} />
      <SelectField id="case-reopen-risk" label={t('cases.field.riskLevel')} required registration={form.register('riskLevel')}
        error={form.formState.errors.riskLevel} placeholder={t('cases.form.choose')}
        options={TAXONOMIES.riskLevel.map((r) => ({ value: r, label: t(`taxonomy:riskLevel.${r}`) }))} />
      <Buttons busy={busy} submit={t('cases.action.reopen')} onCancel={onCancel} testId="reopen" />
    </form>
  );
}

export function TransferForm({ caseView, send, busy, onCancel }: FormProps) {
  const { t } = useTranslation();
  const units = useTransferUnits(true);
  const form = useForm<TransferValues, unknown, z.infer<typeof TransferInput>>({
    resolver: resolver(TransferInput, toTransferInput),
    defaultValues: emptyValues<TransferValues>(formFields(TransferInput)),
  });
  useUnsavedChangesGuard(form.formState.isDirty);
  return (
    <form className="panel case-form" data-testid="transfer-form" noValidate
      onSubmit={form.handleSubmit((body) => send(`/cases/${enc(caseView.id)}/transfers`, body, issuesOnto(form.setError, TRANSFER_FIELDS)))}>
      <SelectField id="case-transfer-unit" label={t('cases.form.toUnit')} required registration={form.register('toUnitId')}
        error={form.formState.errors.toUnitId} placeholder={t('cases.form.choose')}
        options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
      <TextAreaField id="case-transfer-reason" label={t('cases.form.transferReason')} required registration={form.register('reason')}
        error={form.formState.errors.reason} />
      <Buttons busy={busy} submit={t('cases.action.request_transfer')} onCancel={onCancel} testId="transfer" />
    </form>
  );
}

export function DeclineTransferForm({ caseView, send, busy, onCancel }: FormProps) {
  const { t } = useTranslation();
  const form = useForm<DeclineTransferValues, unknown, z.infer<typeof TransferDeclineInput>>({
    resolver: resolver(TransferDeclineInput, toDeclineTransferInput),
    defaultValues: emptyValues<DeclineTransferValues>(formFields(TransferDeclineInput)),
  });
  useUnsavedChangesGuard(form.formState.isDirty);
  const transferId = caseView.pendingTransfer?.id ?? '';
  return (
    <form className="panel case-form" data-testid="decline-transfer-form" noValidate
      onSubmit={form.handleSubmit((body) => send(`/transfers/${enc(transferId)}/decline`, body, issuesOnto(form.setError, DECLINE_TRANSFER_FIELDS)))}>
      <TextAreaField id="case-decline-note" label={t('cases.form.declineNote')} required registration={form.register('note')}
        error={form.formState.errors.note} />
      <Buttons busy={busy} submit={t('cases.action.decline_transfer')} onCancel={onCancel} testId="decline-transfer" />
    </form>
  );
}
