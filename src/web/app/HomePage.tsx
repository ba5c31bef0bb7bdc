import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { navigationFor } from '../../domain/roles.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { usePageTitle } from './usePageTitle.ts';

export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  usePageTitle(t('home.title'));
  const sections = navigationFor(me.roles).filter((item) => item.id !== 'home');
  return (
    <section className="home">
      <h1>{t('home.welcome', { name: me.displayName })}</h1>
      <dl className="summary">
        <dt>{t('home.roles')}</dt>
        <dd data-testid="home-roles">{me.roles.map((role) => t(`roles.${role}`)).join(', ')}</dd>
        <dt>{t('home.organisation')}</dt>
        <dd data-testid="home-organisation">
          {me.organisation.name} ({t(`taxonomy:sector.${me.organisation.sector}`)})
        </dd>
      </dl>
      <h2>{t('home.sections')}</h2>
      <ul className="section-cards">
        {sections.map((item) => (
          <li key={item.id}>
            <Link to={item.path}>{t(`nav.${item.id}`)}</Link>
            <p>{t(`home.sectionText.${item.id}`)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
