import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { PLACEMENT_KINDS } from '../../cases/case-workflow.ts';
import type { CaseView } from '../../cases/case-schema.ts';
import { PLACEMENT_SECTORS, type PlacementEndInput } from '../../placements/placement-schema.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import type { EveryInputKey } from '../app/form-schema.ts';
import { FormActions, SelectField, TextAreaField, TextField } from '../app/fields.tsx';
import { useFormat } from '../app/format.ts';
import { PLACEMENT_FIELDS, type PlacementValues, toPlacementInput } from './placement-inputs.ts';
import { type Issue, placeIssues, serverIssues, today } from '../cases/form-kit.ts';
import { useOrganisations } from '../cases/section-queries.ts';
import { useEndPlacement, usePlacements, useStartPlacement } from './queries.ts';
import type { PlacementView } from './types.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { DateField, DateInput } from '../app/DateInput.tsx';

/** Where the child lives outside the family: the current placement, the history, start and end forms. */
export function PlacementsSection({ caseView }: { caseView: CaseView }) {
  const { t } = useTranslation();
  const query = usePlacements(caseView.id);
  const [starting, setStarting] = useState(false);
  const items = query.data?.items ?? [];
  const current = items.filter((p) => p.current);
  const past = items.filter((p) => !p.current);
  return (
    <section className="casework-section" aria-labelledby="placements-title" data-testid="placements-section">
      <h2 id="placements-title">{t('casework.placement.title')}</h2>
      {query.isPending ? <Loading /> : query.isError ? <ErrorMessage error={query.error} retry={() => query.refetch()} /> : (
        <>
          <h3>{t('casework.placement.current')}</h3>
          {current.length === 0 ? <p>{t('casework.placement.noneCurrent')}</p> : (
            <ul className="casework-list">
              {current.map((p) => <PlacementItem key={p.id} p={p} caseId={caseView.id} canEnd={caseView.allowed.includes('end_placement')} />)}
            </ul>
          )}
          <h3>{t('casework.placement.history')}</h3>
          {past.length === 0 ? <p>{t('casework.placement.noneHistory')}</p> : (
            <ul className="casework-list">{past.map((p) => <PlacementItem key={p.id} p={p} caseId={caseView.id} canEnd={false} />)}</ul>
          )}
        </>
      )}
      {starting ? <StartForm caseId={caseView.id} country={caseView.country} onDone={() => setStarting(false)} />
        : caseView.allowed.includes('record_placement') && (
          <button type="button" data-testid="new-placement" onClick={() => setStarting(true)}>{t('casework.placement.new')}</button>
        )}
    </section>
  );
}

function PlacementItem({ p, caseId, canEnd }: { p: PlacementView; caseId: string; canEnd: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const end = useEndPlacement(caseId);
  const [ending, setEnding] = useState(false);
  const [endedOn, setEndedOn] = useState(today());
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <li className="casework-item" data-testid={`placement-${p.id}`}>
      <p>
        <strong>{t(`casework.placementKind.${p.kind}`)}</strong> · {p.providerName ?? p.carerName ?? ''} · {format.date(p.startedOn)}
        {p.endedOn ? ` – ${format.date(p.endedOn)}` : ''}{p.endReason ? ` (${p.endReason})` : ''}
        {p.endCode === 'case_closed' ? ` (${t('casework.placement.endedOnClosure')})` : ''}
      </p>
      {canEnd && !ending && <button type="button" className="button-secondary" onClick={() => setEnding(true)}>{t('casework.placement.end')}</button>}
      {ending && (
        <div className="casework-inline">
          <label htmlFor={`end-${p.id}-date`}>{t('casework.placement.endedOn')}</label>
          <DateInput id={`end-${p.id}-date`} value={endedOn} onChange={setEndedOn} />
          <label htmlFor={`end-${p.id}-reason`}>{t('casework.placement.endReason')}</label>
          <input id={`end-${p.id}-reason`} value={reason} aria-invalid={missing || undefined} onChange={(e) => setReason(e.target.value)} />
          {missing && <p className="field-error" role="alert">{t('validation.required')}</p>}
          <button type="button" disabled={end.isPending} onClick={() => {
            if (!endedOn || !reason.trim()) return setMissing(true);
            end.mutate({ placementId: p.id, ...({ endedOn, endReason: reason.trim() } satisfies EveryInputKey<typeof PlacementEndInput>) }, { onSuccess: () => setEnding(false) });
          }}>{t('casework.placement.endConfirm')}</button>
          {end.isError && <ErrorMessage error={end.error} />}
        </div>
      )}
    </li>
  );
}

type Values = PlacementValues;
const FIELDS = PLACEMENT_FIELDS;

function StartForm({ caseId, country, onDone }: { caseId: string; country: string; onDone: () => void }) {
  const { t } = useTranslation();
  const start = useStartPlacement(caseId);
  const orgs = useOrganisations(country);
  const { register, handleSubmit, setError, control, formState: { errors, isDirty } } = useForm<Values>({
    defaultValues: { kind: '', providerOrgId: '', carerName: '', startedOn: today(), notes: '' },
  });
  useUnsavedChangesGuard(isDirty);
  const onSubmit = handleSubmit((v) => {
    const required = t('validation.required');
    const issues: Issue[] = [];
    if (!v.kind) issues.push({ path: 'kind', message: required });
    if (!v.startedOn) issues.push({ path: 'startedOn', message: required });
    if (v.providerOrgId && v.carerName.trim()) issues.push({ path: 'carerName', message: t('casework.placement.notBoth') });
    if (!v.providerOrgId && !v.carerName.trim()) issues.push({ path: 'providerOrgId', message: t('casework.placement.whereRequired') });
    if (issues.length) return void placeIssues(issues, setError, FIELDS);
    start.mutate(toPlacementInput(v), { onSuccess: onDone, onError: (e) => placeIssues(serverIssues(e), setError, FIELDS) });
  });
  return (
    <form noValidate className="panel casework-form" data-testid="placement-form" onSubmit={onSubmit}>
      <h3>{t('casework.placement.new')}</h3>
      {start.isError && <ErrorMessage error={start.error} />}
      <SelectField id="placement-kind" label={t('casework.placement.kind')} required placeholder={t('common.choose')} registration={register('kind')}
        error={errors.kind} options={PLACEMENT_KINDS.map((k) => ({ value: k, label: t(`casework.placementKind.${k}`) }))} />
      <SelectField id="placement-provider" label={t('casework.placement.provider')} placeholder={t('common.none')} registration={register('providerOrgId')}
        error={errors.providerOrgId} options={(orgs.data?.items ?? []).filter((o) => (PLACEMENT_SECTORS as readonly string[]).includes(o.sector)).map((o) => ({ value: o.id, label: o.name }))} />
      <TextField id="placement-carer" label={t('casework.placement.carerName')} hint={t('casework.placement.carerHint')} registration={register('carerName')} error={errors.carerName} />
      <DateField id="placement-start" label={t('casework.placement.startedOn')} required control={control} name="startedOn" error={errors.startedOn} />
      <TextAreaField id="placement-notes" rows={2} label={t('casework.placement.notes')} registration={register('notes')} error={errors.notes} />
      <FormActions>
        <button type="submit" disabled={start.isPending}>{t('casework.placement.save')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </FormActions>
    </form>
  );
}
