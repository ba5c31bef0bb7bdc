import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { BreakGlassRequest, REASON_MIN } from '../../breakglass/breakglass-schema.ts';
import { DateField } from '../app/DateInput.tsx';
import { ErrorMessage, LoadFailed, Loading } from '../app/ErrorMessage.tsx';
import { type EveryInputKey, sameKeys } from '../app/form-schema.ts';
import { FormActions, TextAreaField, TextField } from '../app/fields.tsx';
import { useFormat } from '../app/format.ts';
import { applyServerIssues } from '../app/server-issues.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { zodErrors } from '../app/validation.ts';
import { useMyGrants, useRequestBreakGlass } from './queries.ts';

type Values = { givenName: string; familyName: string; birthDate: string; reason: string };
sameKeys<Values, z.input<typeof BreakGlassRequest>>();
const FIELDS = ['givenName', 'familyName', 'birthDate', 'reason'] as const;

function toInput(v: Values): EveryInputKey<typeof BreakGlassRequest> {
  return { givenName: v.givenName, familyName: v.familyName, birthDate: v.birthDate, reason: v.reason };
}

/**
 * Emergency access (issue 15 §6): the professional names a child they cannot see (names and birth
 * date, matched as the duplicate check matches) and says why; a match out of reach becomes a
 * read-only grant. The answer looks the same with or without a match; their own grants below.
 */
export function BreakGlassPage() {
  const { t } = useTranslation();
  usePageTitle(t('breakGlass.title'));
  const format = useFormat();
  const ask = useRequestBreakGlass();
  const { register, handleSubmit, formState, setError, control } = useForm<Values>({
    resolver: zodResolver(BreakGlassRequest, zodErrors),
    defaultValues: { givenName: '', familyName: '', birthDate: '', reason: '' },
  });
  const { errors } = formState;
  const answer = ask.data;
  return (
    <section className="break-glass-page">
      <h1>{t('breakGlass.title')}</h1>
      <p>{t('breakGlass.intro')}</p>
      <form noValidate onSubmit={handleSubmit((values) => ask.mutate(toInput(values), { onError: (error) => applyServerIssues(error, setError, FIELDS) }))}>
        {ask.isError && <ErrorMessage error={ask.error} />}
        <TextField id="bg-given-name" label={t('breakGlass.field.givenName')} required registration={register('givenName')} error={errors.givenName} />
        <TextField id="bg-family-name" label={t('breakGlass.field.familyName')} required registration={register('familyName')} error={errors.familyName} />
        <DateField id="bg-birth-date" label={t('breakGlass.field.birthDate')} required control={control} name="birthDate" error={errors.birthDate} />
        <TextAreaField id="bg-reason" label={t('breakGlass.field.reason')} required rows={4} hint={t('breakGlass.reasonHint', { count: REASON_MIN })}
          registration={register('reason')} error={errors.reason} />
        <FormActions>
          <button type="submit" disabled={ask.isPending}>{t('breakGlass.submit')}</button>
        </FormActions>
      </form>

      {answer && (
        <div role="status" data-testid="break-glass-result">
          <h2>{t('breakGlass.resultTitle')}</h2>
          {answer.grants.length === 0 && answer.inReach.length === 0 && <p>{t('breakGlass.noMatch')}</p>}
          <ul>
            {answer.grants.map((g) => (
              <li key={g.id}>
                {t('breakGlass.granted', { until: format.dateTime(g.expiresAt) })} {g.unitName}.{' '}
                <Link to={`/break-glass/grants/${g.id}`}>{t('breakGlass.openRecord')}</Link>
              </li>
            ))}
            {answer.inReach.map((c) => (
              <li key={c.childId}>{t('breakGlass.inReach')} <Link to={`/children/${c.childId}`}>{t('breakGlass.openChild')}</Link></li>
            ))}
          </ul>
        </div>
      )}
      <MyGrants />
    </section>
  );
}

function MyGrants() {
  const { t } = useTranslation();
  const format = useFormat();
  const mine = useMyGrants();
  if (mine.isPending) return <Loading what={t('breakGlass.mineTitle')} />;
  if (mine.isError) return <LoadFailed title={t('breakGlass.mineTitle')} error={mine.error} retry={() => mine.refetch()} backTo="/" backLabel={t('nav.home')} />;
  return (
    <>
      <h2>{t('breakGlass.mineTitle')}</h2>
      {mine.data.items.length === 0 ? <p>{t('breakGlass.mineEmpty')}</p> : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('breakGlass.mineTitle')}>
          <table data-testid="break-glass-mine">
            <caption className="visually-hidden">{t('breakGlass.mineTitle')}</caption>
            <thead><tr><th scope="col">{t('breakGlass.col.grantedAt')}</th><th scope="col">{t('breakGlass.col.unit')}</th><th scope="col">{t('breakGlass.col.reason')}</th><th scope="col">{t('breakGlass.col.status')}</th><th scope="col">{t('breakGlass.col.review')}</th></tr></thead>
            <tbody>
              {mine.data.items.map((g) => (
                <tr key={g.id}>
                  <td>{format.dateTime(g.grantedAt)}</td>
                  <td>{g.unitName}</td>
                  <td>{g.reason}</td>
                  <td>{g.active ? <Link to={`/break-glass/grants/${g.id}`}>{t('breakGlass.active', { until: format.dateTime(g.expiresAt) })}</Link> : t('breakGlass.expired')}</td>
                  <td>{g.review ? t(`breakGlass.reviews.verdictOption.${g.review}`) : t('breakGlass.reviews.pendingBadge')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
