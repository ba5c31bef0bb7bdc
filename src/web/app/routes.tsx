import { Navigate, type RouteObject } from 'react-router';
import { AccountPage } from '../auth/AccountPage.tsx';
import { casesRoutes } from '../cases/routes.tsx';
import { ChildPage } from '../children/ChildPage.tsx';
import { ChildRegisterPage } from '../children/ChildRegisterPage.tsx';
import { ChildrenPage } from '../children/ChildrenPage.tsx';
import { institutionsRoutes } from '../institutions/routes.tsx';
import { interchangeRoutes } from '../interchange/routes.tsx';
import { intakesRoutes } from '../intakes/routes.tsx';
import { breakGlassRoutes } from '../breakglass/routes.tsx';
import { sheltersRoutes } from '../shelters/routes.tsx';
import { preventionRoutes } from '../prevention/routes.tsx';
import { boardsRoutes } from '../boards/routes.tsx';
import { feedbackRoutes } from '../feedback/routes.tsx';
import { trainingsRoutes } from '../trainings/routes.tsx';
import { meetingsRoutes } from '../meetings/routes.tsx';
import { plansRoutes } from '../plans/routes.tsx';
import { referralsRoutes } from '../referrals/routes.tsx';
import { reportsRoutes } from '../reports/routes.tsx';
import { signalsRoutes } from '../signals/routes.tsx';
import { tasksRoutes } from '../tasks/routes.tsx';
import { Loading } from './ErrorMessage.tsx';
import { HomePage } from '../home/HomePage.tsx';
import { Layout } from './Layout.tsx';
import { lazyPage } from './lazy-page.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RequireSection } from './RequireSection.tsx';

/** The app's pages; paths match NAVIGATION in src/domain/roles.ts. */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Layout />,
    // Shown while a lazy page's file loads when the app is opened on it.
    hydrateFallbackElement: <Loading />,
    children: [
      { index: true, element: <HomePage /> },
      // Reached only when signed in (the layout shows the login page otherwise).
      { path: 'login', element: <Navigate to="/" replace /> },
      { path: 'account', element: <AccountPage /> },
      { path: 'notifications', lazy: async () => ({ Component: (await import('../notifications/NotificationsPage.tsx')).NotificationsPage }) },
      {
        path: 'children',
        children: [
          { index: true, element: <RequireSection section="children"><ChildrenPage /></RequireSection> },
          { path: 'new', element: <RequireSection section="children"><ChildRegisterPage /></RequireSection> },
          { path: ':childId', element: <RequireSection section="children"><ChildPage /></RequireSection> },
        ],
      },
      {
        path: 'admin/users',
        children: [
          { index: true, ...lazyPage('users', async () => (await import('../admin/UsersPage.tsx')).UsersPage) },
          { path: 'new', ...lazyPage('users', async () => (await import('../admin/UserNewPage.tsx')).UserNewPage) },
          { path: ':userId', ...lazyPage('users', async () => (await import('../admin/UserEditPage.tsx')).UserEditPage) },
        ],
      },
      {
        path: 'admin/organisations',
        children: [
          { index: true, ...lazyPage('organisations', async () => (await import('../admin/OrganisationsPage.tsx')).OrganisationsPage) },
          { path: 'new', ...lazyPage('organisations', async () => (await import('../admin/OrganisationNewPage.tsx')).OrganisationNewPage) },
          {
            path: ':organisationId',
            ...lazyPage('organisations', async () => (await import('../admin/OrganisationEditPage.tsx')).OrganisationEditPage),
          },
        ],
      },
      { path: 'admin/retention', ...lazyPage('retention', async () => (await import('../retention/RetentionPage.tsx')).RetentionPage) },
      { path: 'role-grants', ...lazyPage('roleGrants', async () => (await import('../admin/RoleGrantsPage.tsx')).RoleGrantsPage) },
      { path: 'jurisdictions', ...lazyPage('jurisdictions', async () => (await import('../jurisdictions/JurisdictionsPage.tsx')).JurisdictionsPage) },
      ...tasksRoutes,
      ...casesRoutes,
      ...referralsRoutes,
      ...plansRoutes,
      ...signalsRoutes,
      ...intakesRoutes,
      ...breakGlassRoutes,
      ...meetingsRoutes,
      ...reportsRoutes,
      ...interchangeRoutes,
      ...institutionsRoutes,
      ...sheltersRoutes,
      ...preventionRoutes,
      ...boardsRoutes,
      ...feedbackRoutes,
      ...trainingsRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
