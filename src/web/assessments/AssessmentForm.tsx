import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_DOMAINS, NEED_LEVELS, PROTECTIVE_FACTORS, RISK_FACTORS, suggestRiskLevel } from '../../cases/case-workflow.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { CheckboxGroup, FormActions, SelectField, TextAreaField } from '../app/fields.tsx';
import { ChildHeardFields } from '../cases/ChildHeardFields.tsx';
import { DateTimeField } from '../app/DateInput.tsx';
import { AssessmentInput } from '../../assessments/assessment-schema.ts';
import { localNow } from '../signals/signal-form.ts';
import { ASSESSMENT_FIELDS, type AssessmentValues, riskReasonRequired, toAssessmentInput } from './assessment-inputs.ts';
import { asList, type Issue, placeIssues, serverIssues, withSchemaIssues } from '../cases/form-kit.ts';
import { useRecordAssessment } from './queries.ts';
import type { AssessmentKind } from './types.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';

type Values = AssessmentValues;
const FIELDS = ASSESSMENT_FIELDS;

const emptyDomains = () =>
  Object.fromEntries(ASSESSMENT_DOMAINS.map((d) => [d, { level: '', needs: '', strengths: '' }])) as Values['domains'];

/**
 * One form for the three kinds of assessment. The risk assessment shows, while the worker ticks
 * factors, the level they suggest (suggestRiskLevel, the same function the server uses); choosing
 * another level asks for the reason.
 */
export function AssessmentForm({ caseId, kind, onDone }: { caseId: string; kind: AssessmentKind; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordAssessment(caseId);
  const form = useForm<Values>({
    defaultValues: {
      assessedAt: localNow(), summary: '', domains: emptyDomains(), riskFactors: [], protectiveFactors: [], riskLevel: '',
      levelReason: '', childHeard: '', childViews: '', childNotHeardReason: '',
    },
  });
  useUnsavedChangesGuard(form.formState.isDirty);
  const { register, handleSubmit, control, setError, formState: { errors } } = form;
  const riskFactors = useWatch({ control, name: 'riskFactors' }) ?? [];
  const protective = useWatch({ control, name: 'protectiveFactors' }) ?? [];
  const riskLevel = useWatch({ control, name: 'riskLevel' });
  const childHeard = useWatch({ control, name: 'childHeard' });
  const suggested = suggestRiskLevel(asList(riskFactors), asList(protective));
  const needsReason = kind === 'risk' && riskReasonRequired(riskLevel, suggested);
  const required = t('validation.required');

  const onSubmit = handleSubmit((v) => {
    const issues: Issue[] = [];
    if (!v.assessedAt) issues.push({ path: 'assessedAt', message: required });
    if (kind !== 'risk' && !v.summary.trim()) issues.push({ path: 'summary', message: required });
    if (kind === 'comprehensive') {
      for (const d of ASSESSMENT_DOMAINS) if (!v.domains[d].level) issues.push({ path: `domains.${d}.level`, message: required });
    }
    if (kind === 'risk') {
      if (!v.riskLevel) issues.push({ path: 'riskLevel', message: required });
      else if (riskReasonRequired(v.riskLevel, suggested) && !v.levelReason.trim()) {
        issues.push({ path: 'levelReason', message: t('casework.assessment.levelReasonRequired') });
      }
    }
    if (!v.childHeard) issues.push({ path: 'childHeard', message: required });
    if (v.childHeard === 'yes' && !v.childViews.trim()) issues.push({ path: 'childViews', message: required });
    if (v.childHeard === 'no' && !v.childNotHeardReason.trim()) issues.push({ path: 'childNotHeardReason', message: required });
    const body = toAssessmentInput(v, kind, suggested);
    const all = withSchemaIssues(AssessmentInput, body, issues, { 'cannot be in the future': t('casework.future') });
    if (all.length) return void placeIssues(all, setError, FIELDS);
    record.mutate(body, { onSuccess: onDone, onError: (e) => placeIssues(serverIssues(e), setError, FIELDS) });
  });

  const levelOptions = (['low', 'medium', 'high'] as const).map((r) => ({ value: r, label: t(`taxonomy:riskLevel.${r}`) }));
  return (
    <form noValidate className="panel casework-form" data-testid={`assessment-form-${kind}`} onSubmit={onSubmit}>
      <h3>{t(`casework.assessment.kind.${kind}`)}</h3>
      {record.isError && <ErrorMessage error={record.error} />}
      <DateTimeField id="assessment-date" label={t('casework.assessment.assessedAt')} required control={control} name="assessedAt" error={errors.assessedAt} />
      <TextAreaField id="assessment-summary" label={t('casework.assessment.summary')} required={kind !== 'risk'} registration={register('summary')} error={errors.summary} />
      {kind === 'comprehensive' && ASSESSMENT_DOMAINS.map((d) => (
        <fieldset key={d} className="casework-domain" data-testid={`domain-${d}`}>
          <legend>{t(`casework.domain.${d}`)}</legend>
          <SelectField id={`domain-${d}-level`} label={t('casework.assessment.needLevel')} required placeholder={t('common.choose')}
            registration={register(`domains.${d}.level`)} error={errors.domains?.[d]?.level}
            options={NEED_LEVELS.map((n) => ({ value: n, label: t(`casework.needLevel.${n}`) }))} />
          <TextAreaField id={`domain-${d}-needs`} rows={2} label={t('casework.assessment.needs')} registration={register(`domains.${d}.needs`)} />
          <TextAreaField id={`domain-${d}-strengths`} rows={2} label={t('casework.assessment.strengths')} registration={register(`domains.${d}.strengths`)} />
        </fieldset>
      ))}
      {kind === 'risk' && (
        <>
          <CheckboxGroup id="risk-factors" label={t('casework.assessment.riskFactors')} registration={register('riskFactors')}
            options={RISK_FACTORS.map((f) => ({ value: f, label: t(`casework.riskFactor.${f}`) }))} />
          <CheckboxGroup id="protective-factors" label={t('casework.assessment.protectiveFactors')} registration={register('protectiveFactors')}
            options={PROTECTIVE_FACTORS.map((f) => ({ value: f, label: t(`casework.protectiveFactor.${f}`) }))} />
          <p className="casework-suggested" role="status" data-testid="suggested-level">
            {t('casework.assessment.suggested', { level: t(`taxonomy:riskLevel.${suggested}`) })}
          </p>
          <SelectField id="risk-level" label={t('casework.assessment.riskLevel')} required placeholder={t('common.choose')}
            registration={register('riskLevel')} error={errors.riskLevel} options={levelOptions} />
          {needsReason && (
            <TextAreaField id="risk-level-reason" label={t('casework.assessment.levelReason')} required
              hint={t('casework.assessment.levelReasonHint')} registration={register('levelReason')} error={errors.levelReason} />
          )}
        </>
      )}
      <ChildHeardFields register={register} heard={childHeard} errors={errors} prefix="assessment" />
      <FormActions>
        <button type="submit" disabled={record.isPending} data-testid="assessment-submit">{t('casework.assessment.save')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </FormActions>
    </form>
  );
}
