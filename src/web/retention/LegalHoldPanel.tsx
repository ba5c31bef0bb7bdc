import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { LegalHolds } from '../../retention/retention-schema.ts';
import { api } from '../app/api.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { FormActions, TextAreaField } from '../app/fields.tsx';
import { useFormat } from '../app/format.ts';
import { applyServerIssues } from '../app/server-issues.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';

/**
 * A case's legal hold (src/retention/legal-holds.ts) on the case page, for the case's unit: the
 * hold in force with who placed it, when and why; the holds lifted; and, for the unit's
 * supervisor, placing or lifting one with a reason.
 */
const holdKey = (caseId: string) => ['cases', caseId, 'legal-hold'] as const;

export function LegalHoldPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery({
    queryKey: holdKey(caseId),
    queryFn: ({ signal }) => api<LegalHolds>(`/cases/${encodeURIComponent(caseId)}/legal-hold`, { signal }),
  });
  const [editing, setEditing] = useState(false);
  return (
    <section className="casework-section" aria-labelledby="legal-hold-title" data-testid="legal-hold">
      <h2 id="legal-hold-title">{t('retention.title')}</h2>
      {query.isPending ? <Loading /> : query.isError ? <ErrorMessage error={query.error} retry={() => query.refetch()} /> : (
        <>
          <p className="hint">{query.data.retentionYears === null ? t('retention.introNone') : t('retention.intro', { years: query.data.retentionYears })}</p>
          {query.data.inForce ? (
            <div className="alert alert-info" role="status" data-testid="legal-hold-in-force">
              <p><strong>{t('retention.inForce', { when: format.dateTime(query.data.inForce.placedAt), who: query.data.inForce.placedByName })}</strong></p>
              <p>{t('retention.reason')}: {query.data.inForce.reason}</p>
            </div>
          ) : <p>{t('retention.none')}</p>}
          {query.data.history.length > 0 && (
            <>
              <h3>{t('retention.history')}</h3>
              <ul className="casework-list">
                {query.data.history.map((h) => (
                  <li key={h.id} className="casework-item">
                    {t('retention.lifted', {
                      placed: format.dateTime(h.placedAt), placedBy: h.placedByName, reason: h.reason,
                      lifted: h.liftedAt ? format.dateTime(h.liftedAt) : '', liftedBy: h.liftedByName ?? '', liftReason: h.liftReason ?? '',
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
          {query.data.canChange ? (
            editing ? <HoldForm caseId={caseId} lift={query.data.inForce !== null} onDone={() => setEditing(false)} />
              : (
                <button type="button" className="button-secondary" onClick={() => setEditing(true)} data-testid="legal-hold-change">
                  {query.data.inForce ? t('retention.lift') : t('retention.place')}
                </button>
              )
          ) : <p className="hint">{t('retention.supervisorOnly')}</p>}
        </>
      )}
    </section>
  );
}

function HoldForm({ caseId, lift, onDone }: { caseId: string; lift: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  useUnsavedChangesGuard(form.formState.isDirty);
  const save = useMutation({
    mutationFn: (reason: string) => api<LegalHolds>(`/cases/${encodeURIComponent(caseId)}/legal-hold${lift ? '/lift' : ''}`, { method: 'POST', body: { reason } }),
    onSuccess: (data) => { client.setQueryData(holdKey(caseId), data); form.reset(); onDone(); },
    onError: (e) => applyServerIssues(e, form.setError, ['reason']),
  });
  const submit = form.handleSubmit(({ reason }) => {
    if (!reason.trim()) return void form.setError('reason', { message: t('validation.required') });
    save.mutate(reason.trim());
  });
  return (
    <form noValidate className="panel casework-form" onSubmit={submit} data-testid="legal-hold-form">
      <TextAreaField id="legal-hold-reason" rows={3} required label={lift ? t('retention.liftReason') : t('retention.placeReason')}
        registration={form.register('reason')} error={form.formState.errors.reason} />
      {save.isError && <ErrorMessage error={save.error} />}
      <FormActions>
        <button type="submit" disabled={save.isPending}>{lift ? t('retention.liftConfirm') : t('retention.placeConfirm')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </FormActions>
    </form>
  );
}
