import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { useMyActionItems } from './queries.ts';

/** The open action items of the caller's organisation (or the caller), each linking to its meeting. */
export function MyActionItems() {
  const { t } = useTranslation();
  const format = useFormat();
  const items = useMyActionItems();
  if (items.isPending) return <Loading />;
  if (items.isError) return <ErrorMessage error={items.error} />;
  if (items.data.items.length === 0) return null;
  return (
    <section className="panel my-action-items" aria-labelledby="my-items-title" data-testid="my-action-items">
      <h2 id="my-items-title">{t('meetings.myItems')}</h2>
      <ul className="action-item-list">
        {items.data.items.map((i) => (
          <li key={i.id} className={i.overdue ? 'action-item overdue' : 'action-item'}>
            <Link to={`/meetings/${i.meetingId}`}>{i.description}</Link>{' '}
            <span className="action-item-meta">
              {t('meetings.item.due', { date: format.dateTime(i.dueAt) })}
              {i.overdue && <strong className="badge badge-warning meeting-badge">{`⚠ ${t('meetings.item.overdue')}`}</strong>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
