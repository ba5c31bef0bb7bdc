import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NETWORK_ERROR, isApiError } from './api.ts';

/** Says in the reader's language what went wrong with a request. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (!isApiError(error)) return t('errors.unexpected');
    switch (error.status) {
      case NETWORK_ERROR: return t('errors.network');
      case 400: return t('errors.invalid');
      case 401: return t('errors.signedOut');
      case 403: return t('errors.forbidden');
      case 404: return t('errors.notFound');
      case 409: return t('errors.conflict');
      case 429: return t('errors.tooMany');
      default: return t('errors.server');
    }
  };
}

/**
 * What went wrong, in words; with `retry` (a query's refetch) a "Try again" button, for a load that
 * failed (not for a save, whose form stays filled in to send again).
 */
export function ErrorMessage({ error, id, retry }: { error: unknown; id?: string; retry?: () => unknown }) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (!error) return null;
  if (!retry) {
    return (
      <p className="alert alert-error" role="alert" id={id}>
        {text(error)}
      </p>
    );
  }
  return (
    <div className="alert alert-error load-failed-actions" role="alert" id={id} data-testid="load-error">
      <span>{text(error)}</span>
      <button type="button" className="button-secondary" data-testid="retry" onClick={() => void retry()}>{t('common.retry')}</button>
    </div>
  );
}

/** A polite "Loading …", naming what loads where that is cheap to say ("Loading the timeline…"). */
export function Loading({ what }: { what?: string } = {}) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {what ? t('forms.loadingWhat', { what }) : t('common.loading')}
    </p>
  );
}

/** A list or section with nothing in it yet: says what will appear here (strings in forms.json `emptyStates`). */
export function EmptyState({ children, testId }: { children: ReactNode; testId?: string }) {
  return <p className="empty-state" data-testid={testId}>{children}</p>;
}

/**
 * A record's page whose record could not be read: its title, what went wrong, a "Try again" that
 * reads it again (`retry`: the query's refetch), and the way back.
 */
export function LoadFailed({ title, error, backTo, backLabel, retry }: { title: string; error: unknown; backTo: string; backLabel: string; retry?: () => unknown }) {
  // Not found or not allowed stays so: trying again is offered for what may pass (network, server).
  const transient = !isApiError(error) || ![401, 403, 404].includes(error.status);
  return (
    <section>
      <h1>{title}</h1>
      <ErrorMessage error={error} retry={transient ? retry : undefined} />
      <p><Link to={backTo}>{backLabel}</Link></p>
    </section>
  );
}
