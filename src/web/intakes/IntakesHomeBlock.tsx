import './page-strings.ts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FigureLink } from '../home/FigureLink.tsx';
import { useIntakes } from './queries.ts';

/**
 * Home for the police-station team: its intakes awaiting the unit's screening and those followed
 * up by a case, each a link to the list filtered the same way (the totals the list answers).
 */
export function IntakesHomeBlock() {
  const { t } = useTranslation();
  const k = (key: string) => `intakes.home.${key}`;
  const awaiting = useIntakes({ screened: 'false', limit: 1, offset: 0 });
  const withCase = useIntakes({ followedUp: 'true', limit: 1, offset: 0 });
  const all = useIntakes({ limit: 1, offset: 0 });
  const figure = (q: typeof all, link: string) => ({ count: q.data?.total ?? 0, link });
  const ready = awaiting.isSuccess && withCase.isSuccess && all.isSuccess;
  return (
    <section className="home-block" aria-labelledby="home-intakes" data-testid="home-intakes">
      <h2 id="home-intakes">{t(k('title'))}</h2>
      {!ready ? (
        <p className="home-empty">{awaiting.isError || withCase.isError || all.isError ? t('homePage.loadFailed') : t('common.loading')}</p>
      ) : (
        <ul className="home-figures">
          <li><FigureLink figure={figure(awaiting, '/intakes?screened=false')} textKey={k('awaiting')} emptyKey={k('noneAwaiting')} tone="warning" testId="home-intakes-awaiting" /></li>
          <li><FigureLink figure={figure(withCase, '/intakes?followedUp=true')} textKey={k('withCase')} testId="home-intakes-with-case" /></li>
          <li><FigureLink figure={figure(all, '/intakes')} textKey={k('all')} testId="home-intakes-all" /></li>
        </ul>
      )}
      <p><Link className="button" to="/intakes/new">{t('intakes.new')}</Link></p>
    </section>
  );
}
