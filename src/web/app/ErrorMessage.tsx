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

export function ErrorMessage({ error, id }: { error: unknown; id?: string }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <p className="alert alert-error" role="alert" id={id}>
      {text(error)}
    </p>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/** A record's page whose record could not be read: its title, what went wrong, and the way back. */
export function LoadFailed({ title, error, backTo, backLabel }: { title: string; error: unknown; backTo: string; backLabel: string }) {
  return (
    <section>
      <h1>{title}</h1>
      <ErrorMessage error={error} />
      <p><Link to={backTo}>{backLabel}</Link></p>
    </section>
  );
}
