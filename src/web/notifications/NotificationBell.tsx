import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNotifications } from './queries.ts';

/** The header's bell: a link to the notifications, saying how many are unread. */
export function NotificationBell() {
  const { t } = useTranslation();
  const list = useNotifications({ poll: true });
  const unread = list.data?.unread ?? 0;
  return (
    <Link to="/notifications" className="notification-bell button-secondary button" data-testid="notification-bell"
      aria-label={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}>
      <span aria-hidden="true">🔔</span>
      {unread > 0 && <span className="notification-count" aria-hidden="true" data-testid="notification-count">{unread}</span>}
    </Link>
  );
}
