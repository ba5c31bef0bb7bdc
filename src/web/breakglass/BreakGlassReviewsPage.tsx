import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { BreakGlassReviewInput, REVIEW_VERDICTS } from '../../breakglass/breakglass-schema.ts';
import type { BreakGlassReviewRow } from '../../breakglass/breakglass-schema.ts';
import { ErrorMessage, LoadFailed, Loading } from '../app/ErrorMessage.tsx';
import { type EveryInputKey, sameKeys } from '../app/form-schema.ts';
import { FormActions, SelectField, TextAreaField } from '../app/fields.tsx';
import { useFormat } from '../app/format.ts';
import { applyServerIssues } from '../app/server-issues.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { zodErrors } from '../app/validation.ts';
import { BreakGlassUsersTable } from './BreakGlassUsersPage.tsx';
import { type ReviewState, useReviewGrant, useReviews } from './queries.ts';

type Row = z.infer<typeof BreakGlassReviewRow>;
type Values = { verdict: 'justified' | 'unjustified'; note: string };
sameKeys<Values, z.input<typeof BreakGlassReviewInput>>();
const STATES: readonly ReviewState[] = ['pending', 'reviewed', 'all'];

function toInput(v: Values): EveryInputKey<typeof BreakGlassReviewInput> {
  return { verdict: v.verdict, note: v.note };
}

/**
 * The supervisor's review of emergency accesses to the unit's children (the task and the
 * notification open it): who asked, why, when; each reviewed once as justified or not, with a
 * note. The counts per user below show repeated unjustified use. `?state=` and `?grant=` in the URL.
 */
export function BreakGlassReviewsPage() {
  const { t } = useTranslation();
  usePageTitle(t('breakGlass.reviews.title'));
  const [params, setParams] = useSearchParams();
  const state = (STATES as readonly string[]).includes(params.get('state') ?? '') ? (params.get('state') as ReviewState) : 'all';
  const focus = params.get('grant');
  const reviews = useReviews(state);
  return (
    <section className="break-glass-reviews">
      <h1>{t('breakGlass.reviews.title')}</h1>
      <p>{t('breakGlass.reviews.intro')}</p>
      <label htmlFor="bg-review-state">{t('breakGlass.reviews.state')}</label>{' '}
      <select id="bg-review-state" value={state} onChange={(e) => setParams((p) => { p.set('state', e.target.value); return p; })}>
        {STATES.map((s) => <option key={s} value={s}>{t(`breakGlass.reviews.stateOption.${s}`)}</option>)}
      </select>
      {reviews.isPending ? <Loading what={t('breakGlass.reviews.title')} /> : reviews.isError ? (
        <LoadFailed title={t('breakGlass.reviews.title')} error={reviews.error} retry={() => reviews.refetch()} backTo="/" backLabel={t('nav.home')} />
      ) : reviews.data.items.length === 0 ? <p>{t('breakGlass.reviews.empty')}</p> : (
        <ul className="break-glass-review-list" data-testid="break-glass-reviews">
          {reviews.data.items.map((g) => <ReviewItem key={g.id} grant={g} focused={g.id === focus} />)}
        </ul>
      )}
      <h2>{t('breakGlass.reviews.usersTitle')}</h2>
      <BreakGlassUsersTable />
    </section>
  );
}

function ReviewItem({ grant, focused }: { grant: Row; focused: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className={focused ? 'card focused' : 'card'} data-grant={grant.id} aria-current={focused ? 'true' : undefined}>
      <dl className="details">
        <div className="details-row"><dt>{t('breakGlass.col.child')}</dt><dd>{grant.childName ? <Link to={`/children/${grant.childId}`}>{grant.childName}</Link> : t('breakGlass.reviews.childUnseen')}</dd></div>
        <div className="details-row"><dt>{t('breakGlass.col.requester')}</dt><dd>{`${grant.requesterName} (${grant.organisationName})`}</dd></div>
        <div className="details-row"><dt>{t('breakGlass.col.grantedAt')}</dt><dd>{format.dateTime(grant.grantedAt)}</dd></div>
        <div className="details-row"><dt>{t('breakGlass.col.status')}</dt><dd>{grant.active ? t('breakGlass.active', { until: format.dateTime(grant.expiresAt) }) : t('breakGlass.expired')}</dd></div>
        <div className="details-row"><dt>{t('breakGlass.col.reason')}</dt><dd>{grant.reason}</dd></div>
        <div className="details-row">
          <dt>{t('breakGlass.col.review')}</dt>
          <dd>
            {grant.review
              ? <>{t('breakGlass.reviews.reviewedBy', { verdict: t(`breakGlass.reviews.verdictOption.${grant.review}`), name: grant.reviewerName ?? '', at: format.dateTime(grant.reviewedAt) })}{grant.reviewNote ? ` — ${grant.reviewNote}` : ''}</>
              : <span className="badge badge-warning">{t('breakGlass.reviews.pendingBadge')}</span>}
          </dd>
        </div>
      </dl>
      {!grant.review && <ReviewForm grantId={grant.id} />}
    </li>
  );
}

function ReviewForm({ grantId }: { grantId: string }) {
  const { t } = useTranslation();
  const review = useReviewGrant();
  const { register, handleSubmit, formState, setError } = useForm<Values>({
    resolver: zodResolver(BreakGlassReviewInput, zodErrors),
    defaultValues: { verdict: 'justified', note: '' },
  });
  const { errors } = formState;
  const id = (f: string) => `bg-review-${grantId}-${f}`;
  return (
    <form noValidate onSubmit={handleSubmit((v) => review.mutate({ id: grantId, body: toInput(v) }, { onError: (e) => applyServerIssues(e, setError, ['verdict', 'note']) }))}>
      {review.isError && <ErrorMessage error={review.error} />}
      <SelectField id={id('verdict')} label={t('breakGlass.reviews.verdict')} required registration={register('verdict')} error={errors.verdict}
        options={REVIEW_VERDICTS.map((v) => ({ value: v, label: t(`breakGlass.reviews.verdictOption.${v}`) }))} />
      <TextAreaField id={id('note')} label={t('breakGlass.reviews.note')} required rows={2} registration={register('note')} error={errors.note} />
      <FormActions><button type="submit" disabled={review.isPending}>{t('breakGlass.reviews.save')}</button></FormActions>
    </form>
  );
}
