import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { navigationFor } from '../../domain/roles.ts';
import type { Me } from '../auth/types.ts';

/** The sections the user's roles open, exactly `navigationFor(roles)`. */
export function Navigation({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul>
        {navigationFor(me.roles, me.organisation?.sector).map((item) => (
          <li key={item.id}>
            <NavLink to={item.path} end={item.path === '/'} data-nav={item.id}>
              {t(`nav.${item.id}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
