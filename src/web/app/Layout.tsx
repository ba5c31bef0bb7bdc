import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { UnsavedChangesBoundary } from './unsaved-changes.tsx';
import { LoginPage } from '../auth/LoginPage.tsx';
import { useLogout, useMe } from '../auth/queries.ts';
import { type Me, owesSecondFactor } from '../auth/types.ts';
import { SecondFactorGate } from '../auth/SecondFactor.tsx';
import { ErrorMessage, Loading } from './ErrorMessage.tsx';
import { changeLanguage } from './i18n.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { NotificationBell } from '../notifications/NotificationBell.tsx';
import { Navigation } from './Navigation.tsx';

/**
 * The session gate and the page frame. Nobody signed in: the login page, at whatever address
 * was asked for, so a deep link still works after sign-in.
 */
export function Layout() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <SessionError error={me.error} retry={() => void me.refetch()} />;
  if (!me.data) return <LoginPage />;
  if (owesSecondFactor(me.data)) return <SecondFactorGate me={me.data} />;
  return <SignedInLayout me={me.data} />;
}

function SessionError({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation();
  return (
    <main id="main" className="login-main">
      <ErrorMessage error={error} />
      <button type="button" onClick={retry}>
        {t('common.retry')}
      </button>
    </main>
  );
}

function SignedInLayout({ me }: { me: Me }) {
  const { t } = useTranslation();
  const logout = useLogout();
  const location = useLocation();
  const navigate = useNavigate();
  const main = useRef<HTMLElement>(null);

  // The user's saved language applies once per sign-in; later changes come from the switcher.
  useEffect(() => {
    void changeLanguage(me.language);
  }, [me.id]);

  // After navigating, move focus to the new page's content, as a full page load would.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  return (
    <UnsavedChangesBoundary>
      <div className="app">
        <a className="skip-link" href="#main">
          {t('layout.skipToContent')}
        </a>
        <header className="app-header">
          <div className="brand">
            <span className="app-name">Safetynet</span>
          </div>
          <div className="header-user">
            <span className="user-name" data-testid="user-name">{me.displayName}</span>
            <span className="user-org" data-testid="user-organisation">{me.organisation.name}</span>
          </div>
          <div className="header-actions">
            <NotificationBell />
            <LanguageSwitcher />
            <button type="button" className="button-secondary" data-testid="logout" onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/') })}>
              {t('layout.signOut')}
            </button>
          </div>
        </header>
        <Navigation me={me} />
        <main id="main" ref={main} tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </UnsavedChangesBoundary>
  );
}
