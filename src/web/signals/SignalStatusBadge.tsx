import { useTranslation } from 'react-i18next';
import type { SignalListItem } from '../../signals/signal-schema.ts';

/** Unscreened, overdue, or screened (with the decision, where the reader may see it). */
export function SignalStatusBadge({ signal }: { signal: Pick<SignalListItem, 'status' | 'overdue' | 'decision'> }) {
  const { t } = useTranslation();
  if (signal.status === 'screened') {
    return (
      <span className="badge badge-ok" data-status="screened">
        {signal.decision ? t(`signalPage.decided.${signal.decision}`) : t('signals.status.screened')}
      </span>
    );
  }
  if (signal.overdue) {
    return (
      <span className="badge badge-overdue" data-status="overdue">
        {t('signals.status.overdue')}
      </span>
    );
  }
  return (
    <span className="badge badge-warning" data-status="unscreened">
      {t('signals.status.unscreened')}
    </span>
  );
}
