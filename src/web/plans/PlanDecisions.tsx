import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ReturnInput } from '../../cases/case-schema.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import type { EveryInputKey } from '../app/form-schema.ts';
import { FormActions, SelectField, TextAreaField } from '../app/fields.tsx';
import { ChildHeardFields } from '../cases/ChildHeardFields.tsx';
import { PlanReviewInput } from '../../plans/plan-schema.ts';
import { localNow } from '../signals/signal-form.ts';
import { REVIEW_FIELDS, type ReviewValues, toReviewInput } from './plan-review-inputs.ts';
import { DateTimeField } from '../app/DateInput.tsx';
import { type Issue, placeIssues, serverIssues, withSchemaIssues } from '../cases/form-kit.ts';
import { usePlanStep } from './queries.ts';
import type { PlanView } from './types.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';

/** Submit, approve, return with a comment: each shown only when the plan's `allowed` names it. */
export function PlanDecisions({ caseId, plan }: { caseId: string; plan: PlanView }) {
  const { t } = useTranslation();
  const submit = usePlanStep(caseId, plan.id, 'submit');
  const approve = usePlanStep(caseId, plan.id, 'approve');
  const back = usePlanStep(caseId, plan.id, 'return');
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState(false);
  const error = submit.error ?? approve.error ?? back.error;
  return (
    <div className="casework-decisions">
      {error && <ErrorMessage error={error} />}
      <div className="form-actions">
        {plan.allowed.includes('submit_plan') && (
          <button type="button" data-testid="plan-submit" disabled={submit.isPending} onClick={() => submit.mutate({ version: plan.version })}>
            {t('casework.plan.submit')}
          </button>
        )}
        {plan.allowed.includes('approve_plan') && (
          <button type="button" data-testid="plan-approve" disabled={approve.isPending} onClick={() => approve.mutate({ version: plan.version })}>
            {t('casework.plan.approve')}
          </button>
        )}
        {plan.allowed.includes('return_plan') && !returning && (
          <button type="button" className="button-secondary" data-testid="plan-return" onClick={() => setReturning(true)}>
            {t('casework.plan.return')}
          </button>
        )}
      </div>
      {returning && (
        <div className="field">
          <label htmlFor="plan-return-comment">{t('casework.plan.returnComment')}<span className="required"> ({t('common.required')})</span></label>
          <textarea id="plan-return-comment" rows={3} value={comment} aria-invalid={commentError || undefined}
            aria-describedby={commentError ? 'plan-return-comment-error' : undefined} onChange={(e) => setComment(e.target.value)} />
          {commentError && <p className="field-error" id="plan-return-comment-error" role="alert">{t('validation.required')}</p>}
          <FormActions>
            <button type="button" data-testid="plan-return-confirm" disabled={back.isPending} onClick={() => {
              if (!comment.trim()) return setCommentError(true);
              setCommentError(false);
              back.mutate({ comment: comment.trim(), version: plan.version } satisfies EveryInputKey<typeof ReturnInput>, { onSuccess: () => setReturning(false) });
            }}>{t('casework.plan.returnConfirm')}</button>
            <button type="button" className="button-secondary" onClick={() => setReturning(false)}>{t('common.cancel')}</button>
          </FormActions>
        </div>
      )}
    </div>
  );
}


/** A review of the plan in force: what changed, the child's views (or why not heard), the risk now. */
export function PlanReviewForm({ caseId, plan, onDone }: { caseId: string; plan: PlanView; onDone: () => void }) {
  const { t } = useTranslation();
  const review = usePlanStep(caseId, plan.id, 'reviews');
  const { register, handleSubmit, control, setError, formState: { errors, isDirty } } = useForm<ReviewValues>({
    defaultValues: { reviewedAt: localNow(), summary: '', riskLevel: '', childHeard: '', childViews: '', childNotHeardReason: '' },
  });
  useUnsavedChangesGuard(isDirty);
  const heard = useWatch({ control, name: 'childHeard' });
  const onSubmit = handleSubmit((v) => {
    const required = t('validation.required');
    const issues: Issue[] = [];
    if (!v.reviewedAt) issues.push({ path: 'reviewedAt', message: required });
    if (!v.summary.trim()) issues.push({ path: 'summary', message: required });
    if (!v.childHeard) issues.push({ path: 'childHeard', message: required });
    if (v.childHeard === 'yes' && !v.childViews.trim()) issues.push({ path: 'childViews', message: required });
    if (v.childHeard === 'no' && !v.childNotHeardReason.trim()) issues.push({ path: 'childNotHeardReason', message: required });
    const body = toReviewInput(v);
    const all = withSchemaIssues(PlanReviewInput, body, issues, { 'cannot be in the future': t('casework.future') });
    if (all.length) return void placeIssues(all, setError, REVIEW_FIELDS);
    review.mutate(body, { onSuccess: onDone, onError: (e) => placeIssues(serverIssues(e), setError, REVIEW_FIELDS) });
  });
  return (
    <form noValidate className="panel casework-form" data-testid="plan-review-form" onSubmit={onSubmit}>
      <h3>{t('casework.review.new')}</h3>
      {review.isError && <ErrorMessage error={review.error} />}
      <DateTimeField id="review-date" label={t('casework.review.reviewedAt')} required control={control} name="reviewedAt" error={errors.reviewedAt} />
      <TextAreaField id="review-summary" label={t('casework.review.summary')} required registration={register('summary')} error={errors.summary} />
      <SelectField id="review-risk" label={t('casework.review.riskLevel')} hint={t('casework.review.riskHint')} placeholder={t('casework.review.riskUnchanged')} registration={register('riskLevel')}
        error={errors.riskLevel} options={(['low', 'medium', 'high'] as const).map((r) => ({ value: r, label: t(`taxonomy:riskLevel.${r}`) }))} />
      <ChildHeardFields register={register} heard={heard} errors={errors} prefix="review" />
      <FormActions>
        <button type="submit" disabled={review.isPending}>{t('casework.review.save')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </FormActions>
    </form>
  );
}
