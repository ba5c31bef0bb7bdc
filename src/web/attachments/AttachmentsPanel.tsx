import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_KINDS, type AttachmentList, type AttachmentView, type OwnerKind } from '../../attachments/attachment-schema.ts';
import { api, apiUrl, isApiError } from '../app/api.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { FileField, FormActions, SelectField, TextAreaField } from '../app/fields.tsx';
import { useFormat } from '../app/format.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { applyServerIssues } from '../app/server-issues.ts';

/**
 * The files of a record (a child, a case, a referral, a meeting, a contact): the list with
 * download, a preview of images and PDFs, removal with a reason, and an upload form. The server
 * decides what the reader sees and may do (src/attachments/); the page only offers it.
 */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,.heic,.docx,.xlsx,.odt,.ods,.doc,.xls';
const keys = { list: (kind: OwnerKind, id: string) => ['attachments', kind, id] as const };

export function useAttachments(ownerKind: OwnerKind, ownerId: string) {
  return useQuery({
    queryKey: keys.list(ownerKind, ownerId),
    queryFn: ({ signal }) => api<AttachmentList>('/attachments', { query: { ownerKind, ownerId }, signal }),
  });
}

export const contentUrl = (a: Pick<AttachmentView, 'id'>, inline = false) => apiUrl(`/attachments/${encodeURIComponent(a.id)}/content`, inline ? { inline: 'true' } : {});

export function AttachmentsPanel({ ownerKind, ownerId, headingLevel = 2, canAdd = true }: { ownerKind: OwnerKind; ownerId: string; headingLevel?: 2 | 3 | 4; canAdd?: boolean }) {
  const { t } = useTranslation();
  const query = useAttachments(ownerKind, ownerId);
  const [adding, setAdding] = useState(false);
  const Heading = `h${headingLevel}` as const;
  const titleId = `attachments-${ownerKind}-${ownerId}`;
  return (
    <section className="casework-section attachments" aria-labelledby={titleId} data-testid={`attachments-${ownerKind}`}>
      <Heading id={titleId}>{t('attachments.title')}</Heading>
      {query.isPending ? <Loading /> : query.isError ? <ErrorMessage error={query.error} retry={() => query.refetch()} /> : (
        <>
          {query.data.items.length === 0 ? <p>{t('attachments.none')}</p> : (
            <ul className="casework-list">
              {query.data.items.map((a) => <AttachmentItem key={a.id} item={a} ownerKind={ownerKind} ownerId={ownerId} />)}
            </ul>
          )}
          {adding ? <UploadForm ownerKind={ownerKind} ownerId={ownerId} maxBytes={query.data.maxBytes} onDone={() => setAdding(false)} />
            : canAdd && <button type="button" className="button-secondary" onClick={() => setAdding(true)} data-testid="attachment-add">{t('attachments.add')}</button>}
        </>
      )}
    </section>
  );
}

function sizeText(bytes: number, format: ReturnType<typeof useFormat>): string {
  return bytes >= 1024 * 1024 ? `${format.number(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB` : `${format.number(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

function AttachmentItem({ item, ownerKind, ownerId }: { item: AttachmentView; ownerKind: OwnerKind; ownerId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [removing, setRemoving] = useState(false);
  const image = item.previewable && item.mediaType.startsWith('image/');
  return (
    <li className="casework-item attachment" data-testid={`attachment-${item.id}`}>
      {image && <img className="attachment-thumb" src={contentUrl(item, true)} alt={t('attachments.previewOf', { name: item.fileName })} />}
      <p>
        <strong>{t(`attachments.kind.${item.kind}`)}</strong> ·{' '}
        {item.removedAt ? <span>{item.fileName}</span> : <a href={contentUrl(item)} download={item.fileName}>{item.fileName}</a>}
        {' '}· {sizeText(item.sizeBytes, format)}
      </p>
      <p className="hint">
        {t('attachments.uploaded', { when: format.dateTime(item.uploadedAt), who: [item.uploadedByName, item.uploaderOrgName].filter(Boolean).join(', ') || '—' })}
      </p>
      {item.description && <p>{item.description}</p>}
      {item.removedAt && <p className="badge badge-warning">{t('attachments.removed', { when: format.dateTime(item.removedAt), reason: item.removedReason ?? '' })}</p>}
      <div className="form-actions">
        {item.previewable && item.mediaType === 'application/pdf' && (
          <a className="button button-secondary" href={contentUrl(item, true)} target="_blank" rel="noopener">{t('attachments.open')}</a>
        )}
        {item.canRemove && !removing && (
          <button type="button" className="button-secondary" onClick={() => setRemoving(true)} data-testid="attachment-remove">{t('attachments.remove')}</button>
        )}
      </div>
      {removing && <RemoveForm item={item} ownerKind={ownerKind} ownerId={ownerId} onDone={() => setRemoving(false)} />}
    </li>
  );
}

function RemoveForm({ item, ownerKind, ownerId, onDone }: { item: AttachmentView; ownerKind: OwnerKind; ownerId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  const remove = useMutation({
    mutationFn: (reason: string) => api<AttachmentView>(`/attachments/${encodeURIComponent(item.id)}/remove`, { method: 'POST', body: { reason } }),
    onSuccess: async () => { await client.invalidateQueries({ queryKey: keys.list(ownerKind, ownerId) }); onDone(); },
    onError: (e) => applyServerIssues(e, form.setError, ['reason']),
  });
  const submit = form.handleSubmit(({ reason }) => {
    if (!reason.trim()) return void form.setError('reason', { message: t('validation.required') });
    remove.mutate(reason.trim());
  });
  return (
    <form noValidate className="panel" onSubmit={submit} data-testid="attachment-remove-form">
      <TextAreaField id={`remove-${item.id}`} rows={2} label={t('attachments.removeReason')} required registration={form.register('reason')} error={form.formState.errors.reason} />
      {remove.isError && <ErrorMessage error={remove.error} />}
      <FormActions>
        <button type="submit" disabled={remove.isPending}>{t('attachments.removeConfirm')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </FormActions>
    </form>
  );
}

type UploadValues = { kind: string; description: string; file: FileList | null };

function UploadForm({ ownerKind, ownerId, maxBytes, onDone }: { ownerKind: OwnerKind; ownerId: string; maxBytes: number; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm<UploadValues>({ defaultValues: { kind: '', description: '', file: null } });
  const { errors, isDirty } = form.formState;
  useUnsavedChangesGuard(isDirty);
  const maxMb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  const upload = useMutation({
    mutationFn: (body: FormData) => api<AttachmentView>('/attachments', { method: 'POST', body }),
    onSuccess: async () => { await client.invalidateQueries({ queryKey: keys.list(ownerKind, ownerId) }); onDone(); },
    onError: (e) => {
      if (isApiError(e, 413)) form.setError('file', { message: t('attachments.tooLarge', { max: maxMb }) });
      else applyServerIssues(e, form.setError, ['kind', 'description', 'file']);
    },
  });
  const submit = form.handleSubmit((v) => {
    const file = v.file?.[0];
    if (!v.kind) form.setError('kind', { message: t('validation.required') });
    if (!file) form.setError('file', { message: t('attachments.chooseFile') });
    else if (file.size === 0) form.setError('file', { message: t('attachments.empty') });
    else if (file.size > maxBytes) form.setError('file', { message: t('attachments.tooLarge', { max: maxMb }) });
    if (!v.kind || !file || file.size === 0 || file.size > maxBytes) return;
    const body = new FormData();
    body.set('ownerKind', ownerKind);
    body.set('ownerId', ownerId);
    body.set('kind', v.kind);
    if (v.description.trim()) body.set('description', v.description.trim());
    body.set('file', file, file.name);
    upload.mutate(body);
  });
  return (
    <form noValidate className="panel casework-form" onSubmit={submit} data-testid="attachment-form">
      <SelectField id={`attach-kind-${ownerKind}`} label={t('attachments.kindLabel')} required placeholder={t('common.choose')} registration={form.register('kind')}
        error={errors.kind} options={ATTACHMENT_KINDS.map((k) => ({ value: k, label: t(`attachments.kind.${k}`) }))} />
      <FileField id={`attach-file-${ownerKind}`} label={t('attachments.file')} required accept={ACCEPT} hint={t('attachments.fileHint', { max: maxMb })}
        registration={form.register('file')} error={errors.file} />
      <TextAreaField id={`attach-description-${ownerKind}`} rows={2} label={t('attachments.description')} registration={form.register('description')} error={errors.description} />
      {upload.isError && <ErrorMessage error={upload.error} />}
      <FormActions>
        <button type="submit" disabled={upload.isPending}>{t('attachments.upload')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </FormActions>
    </form>
  );
}
