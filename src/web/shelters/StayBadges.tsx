import { useTranslation } from 'react-i18next';
import type { Stay } from './queries.ts';

/** Whether a stay is linked to the unit's case, or awaits it (overdue after the country's deadline). */
export function StayLinkState({ stay }: { stay: Stay }) {
  const { t } = useTranslation();
  if (stay.linked) return <span className="badge badge-ok">{t('shelters.stays.linked')}</span>;
  return (
    <>
      <span className="badge badge-muted">{t('shelters.stays.awaiting')}</span>
      {stay.linkOverdue && <> <span className="badge badge-overdue">{t('shelters.stays.overdue')}</span></>}
    </>
  );
}
