import './page-strings.ts';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { FigureLink } from '../home/FigureLink.tsx';
import { useCurrentUser } from '../auth/queries.ts';
import { useBedsFree, useStays } from './queries.ts';

/**
 * Home for a shelter's staff: the children staying now, those awaiting the unit's case (overdue
 * ones first in mind), stays longer than the standard, and the shelter's beds free; each figure
 * opens the list behind it.
 */
export function ShelterHomeBlock() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const stays = useStays('current');
  const beds = useBedsFree();
  const k = (key: string) => `shelters.home.${key}`;
  const own = beds.data?.items.find((s) => s.id === me.organisation.id);
  return (
    <section className="home-block" aria-labelledby="home-shelter" data-testid="home-shelter">
      <h2 id="home-shelter">{t(k('title'))}</h2>
      {stays.isPending ? <Loading /> : stays.isError ? <ErrorMessage error={stays.error} retry={() => stays.refetch()} /> : (
        <ul className="home-figures">
          <li><FigureLink figure={{ count: stays.data.total, link: '/shelters' }} textKey={k('staying')} emptyKey={k('nobody')} testId="home-shelter-staying" /></li>
          <li>
            <FigureLink figure={{ count: stays.data.items.filter((s) => !s.linked).length, link: '/shelters?status=unlinked' }} textKey={k('awaiting')}
              tone={stays.data.items.some((s) => s.linkOverdue) ? 'alert' : 'warning'} testId="home-shelter-awaiting" />
          </li>
          <li>
            <FigureLink figure={{ count: stays.data.items.filter((s) => s.stayExceeded).length, link: '/shelters' }} textKey={k('exceeded')} tone="warning" testId="home-shelter-exceeded" />
          </li>
          {own && own.beds != null && (
            <li data-testid="home-shelter-beds">{t(k('bedsFree'), { free: own.bedsFree, total: own.beds })}</li>
          )}
        </ul>
      )}
    </section>
  );
}
