import { useTranslation } from 'react-i18next';
import { useErrorText } from './ErrorMessage.tsx';

/**
 * The states of a list besides its rows: what went wrong with a "Try again" that reads the list
 * again, and the empty row's words — with filters, that none match and a way to clear them;
 * without, what will appear here and when.
 */
export function ListLoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  return (
    <div className="alert alert-error list-failed" role="alert">
      <p>{text(error)}</p>
      <button type="button" className="button-secondary" onClick={onRetry} data-testid="list-retry">{t('common.retry')}</button>
    </div>
  );
}

export type EmptyState = { text: string; onClear?: () => void };

/** The empty row's content: `filtered` says the filters hid every row (then a way to clear them). */
export function emptyState(filtered: boolean, texts: { filtered: string; none: string }, onClear: () => void): EmptyState {
  return filtered ? { text: texts.filtered, onClear } : { text: texts.none };
}

export function ListEmpty({ state }: { state: EmptyState }) {
  const { t } = useTranslation();
  return (
    <>
      {state.text}
      {state.onClear && (
        <>
          {' '}
          <button type="button" className="link-button" onClick={state.onClear} data-testid="list-clear-filters">{t('lists.clearFilters')}</button>
        </>
      )}
    </>
  );
}
