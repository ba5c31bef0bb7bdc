import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useMarkRead, useNotifications } from './queries.ts';

/** What happened that concerns the user, newest first: each opens its page and is then read. */
export function NotificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.title'));
  const format = useFormat();
  const list = useNotifications();
  const markRead = useMarkRead();
  return (
    <section className="notifications-page">
      <div className="page-heading">
        <h1>{t('notifications.title')}</h1>
        {(list.data?.unread ?? 0) > 0 && (
          <button type="button" className="button-secondary" onClick={() => markRead.mutate(undefined)} disabled={markRead.isPending} data-testid="mark-all-read">
            {t('notifications.markAllRead')}
          </button>
        )}
      </div>
      {list.isPending ? <Loading /> : list.isError ? <ErrorMessage error={list.error} retry={() => list.refetch()} /> : list.data.items.length === 0 ? (
        <p>{t('notifications.none')}</p>
      ) : (
        <ul className="casework-list">
          {list.data.items.map((n) => (
            <li key={n.id} className={`casework-item${n.readAt ? '' : ' unread'}`} data-testid={`notification-${n.id}`}>
              <p>
                {!n.readAt && <span className="badge badge-warning">{t('notifications.unreadMark')}</span>}{' '}
                <Link to={n.path} onClick={() => { if (!n.readAt) markRead.mutate([n.id]); }}>{t(`notifications.kind.${n.kind}`)}</Link>
              </p>
              <p className="hint">{format.dateTime(n.createdAt)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
