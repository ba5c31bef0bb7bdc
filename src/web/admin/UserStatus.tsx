import { useTranslation } from 'react-i18next';
import { useFormat } from '../app/format.ts';
import type { User } from './types.ts';

export function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (user.disabled) return <span className="badge badge-muted">{t('users.status.disabled')}</span>;
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now()) {
    return (
      <span className="badge badge-warning">
        {t('users.status.lockedUntil', { time: format.dateTime(user.lockedUntil) })}
      </span>
    );
  }
  return <span className="badge badge-ok">{t('users.status.active')}</span>;
}
