import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ActionItemInput, type ActionItemView, type DoneInput, type MeetingView } from '../../meetings/meeting-schema.ts';
import type { EveryInputKey } from '../app/form-schema.ts';
import { EmptyState, ErrorMessage } from '../app/ErrorMessage.tsx';
import { SelectField, TextAreaField } from '../app/fields.tsx';
import { useFormat } from '../app/format.ts';
import { applyServerIssues } from '../app/server-issues.ts';
import { zodErrors } from '../app/validation.ts';
import { ACTION_ITEM_FIELDS } from './meeting-form.ts';
import { useAddActionItem, useCompleteActionItem, useReopenActionItem } from './queries.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { DateField } from '../app/DateInput.tsx';

/**
 * The meeting's action items as the reader may see them (the unit: all; an invited organisation:
 * its own), each followed until done. Overdue items say so in words, not colour alone.
 */
export function ActionItems({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const complete = useCompleteActionItem(meeting.id);
  const reopen = useReopenActionItem(meeting.id);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const who = (i: ActionItemView) => i.responsibleUserName ?? i.responsibleOrganisationName ?? '';

  return (
    <section className="panel" aria-labelledby="items-title">
      <h2 id="items-title">{t('meetings.actionItems')}</h2>
      {(complete.isError || reopen.isError) && <ErrorMessage error={complete.error ?? reopen.error} />}
      {meeting.actionItems.length === 0 ? <EmptyState testId="action-items-empty">{t('emptyStates.actionItems')}</EmptyState> : (
        <div className="table-scroll">
          <table>
            <caption>{t('meetings.itemsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.item.description')}</th>
                <th scope="col">{t('meetings.item.responsible')}</th>
                <th scope="col">{t('meetings.item.dueDate')}</th>
                <th scope="col">{t('meetings.field.status')}</th>
                <th scope="col"><span className="visually-hidden">{t('meetings.item.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {meeting.actionItems.map((i) => (
                <tr key={i.id} className={i.overdue ? 'action-item overdue' : 'action-item'} data-testid="action-item">
                  <td>{i.description}</td>
                  <td>{who(i)}</td>
                  <td><time dateTime={i.dueAt}>{format.dateTime(i.dueAt)}</time></td>
                  <td>
                    {i.done ? (
                      <span className="badge badge-ok">{`✓ ${t('meetings.item.doneOn', { date: format.date(i.doneAt), name: i.doneByName ?? '' })}`}</span>
                    ) : i.overdue ? (
                      <span className="badge badge-warning">{`⚠ ${t('meetings.item.overdue')}`}</span>
                    ) : (
                      <span className="badge badge-muted">{t('meetings.item.open')}</span>
                    )}
                    {i.doneNote && <p className="hint">{i.doneNote}</p>}
                  </td>
                  <td>
                    {i.canComplete && (
                      <div className="item-actions">
                        <label className="visually-hidden" htmlFor={`note-${i.id}`}>{t('meetings.item.note')}</label>
                        <input id={`note-${i.id}`} placeholder={t('meetings.item.note')} value={notes[i.id] ?? ''}
                          onChange={(e) => setNotes((n) => ({ ...n, [i.id]: e.target.value }))} />
                        <button type="button" data-testid="mark-done" disabled={complete.isPending}
                          onClick={() => complete.mutate({ id: i.id, ...({ note: notes[i.id]?.trim() || undefined } satisfies EveryInputKey<typeof DoneInput>) })}>
                          {t('meetings.item.markDone')}
                        </button>
                      </div>
                    )}
                    {i.canReopen && (
                      <button type="button" className="button-secondary" disabled={reopen.isPending} onClick={() => reopen.mutate(i.id)}>
                        {t('meetings.item.reopen')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {meeting.canEdit && <AddActionItem meeting={meeting} />}
    </section>
  );
}

type ItemForm = z.input<typeof ActionItemInput>;

function AddActionItem({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const add = useAddActionItem(meeting.id);
  const form = useForm<ItemForm, unknown, ActionItemInput>({ resolver: zodResolver(ActionItemInput, zodErrors), defaultValues: { description: '' } });
  useUnsavedChangesGuard(form.formState.isDirty);
  const { register, handleSubmit, formState: { errors }, reset, setError } = form;
  // The one responsible is an organisation taking part in the meeting.
  const orgs = [...new Map(meeting.participants.filter((p) => p.organisationId).map((p) => [p.organisationId!, p.organisationName ?? ''])).entries()];
  const empty = (v: unknown) => (v === '' || v === null ? undefined : v);

  return (
    <form noValidate className="add-action-item" onSubmit={handleSubmit((values) =>
      add.mutate(values, { onSuccess: () => reset({ description: '' }), onError: (e) => applyServerIssues(e, setError, ACTION_ITEM_FIELDS) }))}>
      <h3>{t('meetings.addItem')}</h3>
      {add.isError && <ErrorMessage error={add.error} />}
      <TextAreaField id="item-description" label={t('meetings.item.description')} required rows={2}
        registration={register('description')} error={errors.description} />
      <div className="field-row">
        <SelectField id="item-responsible" label={t('meetings.item.responsible')} required placeholder={t('common.choose')}
          registration={register('responsibleOrganisationId', { setValueAs: empty })} error={errors.responsibleOrganisationId}
          options={orgs.map(([id, name]) => ({ value: id, label: name }))} />
        <DateField id="item-due" label={t('meetings.item.dueDate')} hint={t('meetings.item.dueHint')}
          control={form.control} name="dueDate" emptyValue={undefined} error={errors.dueDate} />
      </div>
      <button type="submit" disabled={add.isPending} data-testid="add-action-item">{t('meetings.addItem')}</button>
    </form>
  );
}
