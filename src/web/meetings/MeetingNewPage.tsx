import { useEffect } from 'react';
import { type Path, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { MeetingInput } from '../../meetings/meeting-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../app/fields.tsx';
import { useFormat } from '../app/format.ts';
import { i18n } from '../app/i18n.ts';
import { wallClock } from '../app/time-zone.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { zodErrors } from '../app/validation.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { useChildren } from '../children/queries.ts';
import { type MeetingFormValues, toMeetingInput } from './meeting-form.ts';
import { useConveneMeeting, useOrganisations, useSignalContext } from './queries.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { DateTimeField } from '../app/DateInput.tsx';

type FormValues = MeetingFormValues;

/**
 * Convenes a meeting: from a signal (/meetings/new?signal=<id>: its children and who must attend
 * come from the signal) or for children of the unit picked from the caller's list.
 */
export function MeetingNewPage() {
  const { t } = useTranslation();
  usePageTitle(t('meetings.newTitle'));
  const me = useCurrentUser();
  const format = useFormat();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const signalId = params.get('signal');
  const context = useSignalContext(signalId);
  const children = useChildren({ limit: 200, offset: 0 });
  const orgs = useOrganisations(me.organisation.country);
  const convene = useConveneMeeting();
  const form = useForm<FormValues>({
    defaultValues: { type: 'follow_up', status: 'planned', heldAt: wallClock(new Date()), childIds: [], participants: [], decisions: '' },
  });
  const { register, handleSubmit, control, watch, setError, setValue, formState: { errors, isDirty } } = form;
  const guard = useUnsavedChangesGuard(isDirty);
  const participants = useFieldArray({ control, name: 'participants' });
  const status = watch('status');
  useEffect(() => {
    if (context.data) setValue('type', context.data.suggestedType);
  }, [context.data, setValue]);

  const onSubmit = (v: FormValues) => {
    const input = toMeetingInput(v, signalId);
    const parsed = MeetingInput.safeParse(input, zodErrors);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) setError(issue.path.join('.') as Path<FormValues>, { type: 'client', message: issue.message });
      return;
    }
    convene.mutate(parsed.data, {
      onSuccess: (m) => { guard.release(); navigate(`/meetings/${m.id}`); },
      onError: (e) => {
        const issues = (e as { issues?: Array<{ path: string; message: string }> }).issues ?? [];
        for (const issue of issues) setError(issue.path as Path<FormValues>, { type: 'server', message: issue.message });
      },
    });
  };

  if (signalId && context.isPending) return <Loading />;
  const unitChildren = (children.data?.items ?? []).filter((c) => ['owner', 'unit_caseworker', 'unit_supervisor'].includes(c.accessReason));
  const orgOptions = (orgs.data?.items ?? []).filter((o) => o.active && o.id !== me.organisation.id)
    .map((o) => ({ value: o.id, label: `${o.name} (${i18n.t(`taxonomy:sector.${o.sector}`)})` }));
  const sectorOptions = TAXONOMIES.sector.map((s) => ({ value: s, label: t(`taxonomy:sector.${s}`) }));

  return (
    <section>
      <h1>{t('meetings.newTitle')}</h1>
      {context.isError && <ErrorMessage error={context.error} />}
      {context.data && (
        <section className="panel" aria-labelledby="signal-title" data-testid="signal-context">
          <h2 id="signal-title">{t('meetings.fromSignal', { date: format.dateTime(context.data.receivedAt) })}</h2>
          <p>{context.data.harmTypes.map((h) => t(`taxonomy:harmType.${h}`)).join(', ')}</p>
          <p>{t('meetings.childrenConcerned', { names: context.data.children.map((c) => `${c.givenName} ${c.familyName}`).join(', ') || t('common.none') })}</p>
          <p className="alert alert-info">{t('meetings.dueBy', { date: format.dateTime(context.data.initialMeetingDueAt) })}</p>
          {context.data.mandatorySectors.length > 0 && (
            <p>{t('meetings.mustAttend', { sectors: context.data.mandatorySectors.map((s) => t(`taxonomy:sector.${s}`)).join(', ') })}</p>
          )}
        </section>
      )}
      <form noValidate onSubmit={handleSubmit(onSubmit)} className="meeting-form">
        {convene.isError && <ErrorMessage error={convene.error} />}
        <fieldset>
          <legend>{t('meetings.section.when')}</legend>
          <div className="field-row">
            <SelectField id="meeting-type" label={t('meetings.field.type')} required registration={register('type')} error={errors.type}
              options={TAXONOMIES.meetingType.map((c) => ({ value: c, label: t(`taxonomy:meetingType.${c}`) }))} />
            <SelectField id="meeting-new-status" label={t('meetings.field.status')} required registration={register('status')} error={errors.status}
              options={[{ value: 'planned', label: t('meetings.status.planned') }, { value: 'held', label: t('meetings.status.held') }]} />
            <DateTimeField id="meeting-held-at" label={t('meetings.field.heldAt')} control={control} name="heldAt" error={errors.heldAt} />
          </div>
        </fieldset>
        {!signalId && (
          <fieldset>
            <legend>{t('meetings.field.children')}</legend>
            {children.isPending ? <Loading /> : (
              <CheckboxGroup id="meeting-children" label={t('meetings.pickChildren')} registration={register('childIds')} error={errors.childIds}
                options={unitChildren.map((c) => ({ value: c.id, label: `${c.givenName ?? ''} ${c.familyName ?? ''}`.trim() }))} />
            )}
          </fieldset>
        )}
        <fieldset>
          <legend>{t('meetings.participants')}</legend>
          <p className="hint">{t('meetings.unitAdded')}</p>
          {participants.fields.map((field, i) => {
            const kind = watch(`participants.${i}.kind`);
            const e = errors.participants?.[i];
            return (
              <div key={field.id} className="participant-row" data-testid="participant-row">
                <div className="field-row">
                  <SelectField id={`p-${i}-kind`} label={t('meetings.participantKind')} registration={register(`participants.${i}.kind`)}
                    options={[{ value: 'organisation', label: t('meetings.kindOrganisation') }, { value: 'person', label: t('meetings.kindPerson') }]} />
                  {kind === 'organisation' ? (
                    <SelectField id={`p-${i}-org`} label={t('meetings.field.organisation')} required placeholder={t('common.choose')}
                      registration={register(`participants.${i}.organisationId`)} error={e?.organisationId} options={orgOptions} />
                  ) : (
                    <>
                      <TextField id={`p-${i}-name`} label={t('meetings.field.personName')} required autoComplete="off"
                        registration={register(`participants.${i}.name`)} error={e?.name} />
                      <TextField id={`p-${i}-institution`} label={t('meetings.field.institution')} required autoComplete="off"
                        registration={register(`participants.${i}.institution`)} error={e?.institution} />
                    </>
                  )}
                  <SelectField id={`p-${i}-sector`} label={t('meetings.field.sector')} registration={register(`participants.${i}.sector`)} error={e?.sector}
                    placeholder={kind === 'organisation' ? t('meetings.sectorOfOrganisation') : t('common.choose')} options={sectorOptions} />
                </div>
                <div className="form-actions">
                  {status === 'held' && (
                    <span className="field-checkbox">
                      <input id={`p-${i}-attended`} type="checkbox" {...register(`participants.${i}.attended`)} />
                      <label htmlFor={`p-${i}-attended`}>{t('meetings.attended')}</label>
                    </span>
                  )}
                  <button type="button" className="button-secondary" onClick={() => participants.remove(i)}>{t('meetings.remove')}</button>
                </div>
              </div>
            );
          })}
          <button type="button" className="button-secondary" data-testid="add-participant-row"
            onClick={() => participants.append({ kind: 'organisation', organisationId: '', name: '', institution: '', sector: '', attended: true })}>
            {t('meetings.addParticipant')}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t('meetings.field.decisions')}</legend>
          <TextAreaField id="meeting-new-decisions" label={t('meetings.field.decisions')} registration={register('decisions')} error={errors.decisions} />
        </fieldset>
        <div className="form-actions">
          <button type="submit" disabled={convene.isPending} data-testid="convene-submit">{t('meetings.conveneSubmit')}</button>
        </div>
      </form>
    </section>
  );
}
