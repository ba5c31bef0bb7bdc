import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type NavigationId, navigationFor } from '../../domain/roles.ts';
import { useCurrentUser } from '../auth/queries.ts';

/**
 * Shows a section only to the roles the navigation opens it to. The server decides what the
 * user may read; this only spares them a page of errors.
 */
export function RequireSection({ section, children }: { section: NavigationId; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  if (!navigationFor(me.roles, me.organisation?.sector).some((item) => item.id === section)) {
    return (
      <section>
        <h1>{t('errors.sectionTitle')}</h1>
        <p>{t('errors.sectionNotForRole')}</p>
      </section>
    );
  }
  return <>{children}</>;
}
