import { useTranslation } from 'react-i18next';
import { useFormat } from '../app/format.ts';
import type { ContactView } from './types.ts';

/**
 * The child's views over time (issue 14 §2): what the child said and where the child would prefer
 * to meet, from each contact that recorded them, newest first (the contacts' order), with the day
 * and the kind of contact. Built from the contacts the reader already sees: nothing more is asked.
 */
export function ChildViewsPanel({ contacts }: { contacts: readonly ContactView[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const views = contacts.filter((c) => c.childSaid || c.preferredPlace);
  return (
    <section className="panel child-views" aria-labelledby="child-views-title" data-testid="child-views">
      <h3 id="child-views-title">{t('childViews.title')}</h3>
      {views.length === 0 ? <p>{t('childViews.none')}</p> : (
        <ol className="casework-list">
          {views.map((c) => (
            <li key={c.id} className="casework-item" data-testid={`child-view-${c.id}`}>
              <p><strong>{format.date(c.occurredAt)}</strong> · {t(`casework.contactKind.${c.kind}`)}</p>
              {c.childSaid && <blockquote className="child-said">{c.childSaid}</blockquote>}
              {c.preferredPlace && <p>{t('childViews.wouldMeet')}: {t(`taxonomy:preferredMeetingPlace.${c.preferredPlace}`)}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
