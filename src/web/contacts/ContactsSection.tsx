import { AttachmentsPanel } from '../attachments/AttachmentsPanel.tsx';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CONTACT_KINDS } from '../../cases/case-workflow.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { ChildViewsPanel } from './ChildViewsPanel.tsx';
import type { CaseView } from '../../cases/case-schema.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { CheckboxField, FormActions, SelectField, TextAreaField, TextField } from '../app/fields.tsx';
import { useFormat } from '../app/format.ts';
import { DateTimeField } from '../app/DateInput.tsx';
import { ContactInput } from '../../contacts/contact-schema.ts';
import { CONTACT_FIELDS, type ContactValues, toContactInput } from './contact-inputs.ts';
import { type Issue, placeIssues, serverIssues, withSchemaIssues } from '../cases/form-kit.ts';
import { useContacts, useRecordContact } from './queries.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { useNextStepRequest } from '../cases/next-step.ts';
import type { CaseAction } from '../../cases/case-workflow.ts';

const NEXT_STEPS: readonly CaseAction[] = ['record_contact'];

/** Contacts with the child and family: each says whether the child was seen and heard alone (and if not, why). */
export function ContactsSection({ caseView }: { caseView: CaseView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useContacts(caseView.id);
  const [open, setOpen] = useState(false);
  useNextStepRequest(NEXT_STEPS, () => setOpen(true));
  return (
    <section className="casework-section" aria-labelledby="contacts-title" data-testid="contacts-section">
      <h2 id="contacts-title">{t('casework.contact.title')}</h2>
      {query.data && <ChildViewsPanel contacts={query.data.items} />}
      {query.isPending ? <Loading /> : query.isError ? <ErrorMessage error={query.error} retry={() => query.refetch()} /> : query.data.items.length === 0
        ? <p>{t('casework.contact.none')}</p> : (
          <ul className="casework-list">
            {query.data.items.map((c) => (
              <li key={c.id} className="casework-item" data-testid={`contact-${c.id}`}>
                <p>
                  <strong>{t(`casework.contactKind.${c.kind}`)}</strong> · {format.dateTime(c.occurredAt)}{c.authorName ? ` · ${c.authorName}` : ''}
                </p>
                <p>
                  <span className={c.childSeen ? 'badge badge-ok' : 'badge badge-warning'}>{t(c.childSeen ? 'casework.contact.seen' : 'casework.contact.notSeen')}</span>{' '}
                  <span className={c.childHeardAlone ? 'badge badge-ok' : 'badge badge-warning'}>{t(c.childHeardAlone ? 'casework.contact.heardAlone' : 'casework.contact.notHeardAlone')}</span>
                </p>
                {c.present.length > 0 && <p>{t('casework.contact.present')}: {c.present.join(', ')}</p>}
                {c.notHeardReason && <p>{t('casework.contact.notHeardReason')}: {c.notHeardReason}</p>}
                {c.childSaid && <p>{t('childViews.childSaid')}: {c.childSaid}</p>}
                {c.preferredPlace && <p>{t('childViews.preferredPlace')}: {t(`taxonomy:preferredMeetingPlace.${c.preferredPlace}`)}</p>}
                {c.notes && <p>{c.notes}</p>}
                <ContactFiles contactId={c.id} />
              </li>
            ))}
          </ul>
        )}
      {open ? <ContactForm caseId={caseView.id} onDone={() => setOpen(false)} />
        : caseView.allowed.includes('record_contact') && (
          <button type="button" data-testid="new-contact" onClick={() => setOpen(true)}>{t('casework.contact.new')}</button>
        )}
    </section>
  );
}

/** A contact's files, asked for only when opened (a case may have many contacts). */
function ContactFiles({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details className="contact-files" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('attachments.title')}</summary>
      {open && <AttachmentsPanel ownerKind="contact" ownerId={contactId} headingLevel={3} />}
    </details>
  );
}

type Values = ContactValues;
const FIELDS = CONTACT_FIELDS;

function ContactForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordContact(caseId);
  const { register, handleSubmit, control, setError, formState: { errors, isDirty } } = useForm<Values>({
    defaultValues: { kind: '', occurredAt: '', present: '', childSeen: false, childHeardAlone: false, notHeardReason: '', notes: '', childSaid: '', preferredPlace: '' },
  });
  useUnsavedChangesGuard(isDirty);
  const heardAlone = useWatch({ control, name: 'childHeardAlone' });
  const onSubmit = handleSubmit((v) => {
    const required = t('validation.required');
    const issues: Issue[] = [];
    if (!v.kind) issues.push({ path: 'kind', message: required });
    if (!v.occurredAt) issues.push({ path: 'occurredAt', message: required });
    if (!v.childHeardAlone && !v.notHeardReason.trim()) issues.push({ path: 'notHeardReason', message: required });
    const body = toContactInput(v);
    const all = withSchemaIssues(ContactInput, body, issues, { 'cannot be in the future': t('casework.contact.future') });
    if (all.length) return void placeIssues(all, setError, FIELDS);
    record.mutate(body, { onSuccess: onDone, onError: (e) => placeIssues(serverIssues(e), setError, FIELDS) });
  });
  return (
    <form noValidate className="panel casework-form" data-testid="contact-form" onSubmit={onSubmit}>
      <h3>{t('casework.contact.new')}</h3>
      {record.isError && <ErrorMessage error={record.error} />}
      <SelectField id="contact-kind" label={t('casework.contact.kind')} required placeholder={t('common.choose')} registration={register('kind')}
        error={errors.kind} options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`casework.contactKind.${k}`) }))} />
      <DateTimeField id="contact-when" label={t('casework.contact.occurredAt')} required control={control} name="occurredAt" error={errors.occurredAt} />
      <TextField id="contact-present" label={t('casework.contact.present')} hint={t('casework.contact.presentHint')} registration={register('present')} error={errors.present} />
      <CheckboxField id="contact-seen" label={t('casework.contact.childSeen')} registration={register('childSeen')} />
      <CheckboxField id="contact-heard" label={t('casework.contact.childHeardAlone')} registration={register('childHeardAlone')} />
      {!heardAlone && (
        <TextAreaField id="contact-not-heard" rows={2} label={t('casework.contact.notHeardReason')} required registration={register('notHeardReason')} error={errors.notHeardReason} />
      )}
      <TextAreaField id="contact-child-said" rows={3} label={t('childViews.childSaid')} hint={t('childViews.childSaidHint')} registration={register('childSaid')} error={errors.childSaid} />
      <SelectField id="contact-preferred-place" label={t('childViews.preferredPlace')} placeholder={t('childViews.notSaid')} registration={register('preferredPlace')}
        error={errors.preferredPlace} options={TAXONOMIES.preferredMeetingPlace.map((p) => ({ value: p, label: t(`taxonomy:preferredMeetingPlace.${p}`) }))} />
      <TextAreaField id="contact-notes" label={t('casework.contact.notes')} registration={register('notes')} error={errors.notes} />
      <FormActions>
        <button type="submit" disabled={record.isPending}>{t('casework.contact.save')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </FormActions>
    </form>
  );
}
