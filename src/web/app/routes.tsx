import { Navigate, type RouteObject } from 'react-router';
import { OrganisationEditPage } from '../admin/OrganisationEditPage.tsx';
import { OrganisationNewPage } from '../admin/OrganisationNewPage.tsx';
import { OrganisationsPage } from '../admin/OrganisationsPage.tsx';
import { RoleGrantsPage } from '../admin/RoleGrantsPage.tsx';
import { UserEditPage } from '../admin/UserEditPage.tsx';
import { UserNewPage } from '../admin/UserNewPage.tsx';
import { UsersPage } from '../admin/UsersPage.tsx';
import { AccountPage } from '../auth/AccountPage.tsx';
import { casesRoutes } from '../cases/routes.tsx';
import { ChildPage } from '../children/ChildPage.tsx';
import { ChildRegisterPage } from '../children/ChildRegisterPage.tsx';
import { ChildrenPage } from '../children/ChildrenPage.tsx';
import { interchangeRoutes } from '../interchange/routes.tsx';
import { JurisdictionsPage } from '../jurisdictions/JurisdictionsPage.tsx';
import { meetingsRoutes } from '../meetings/routes.tsx';
import { plansRoutes } from '../plans/routes.tsx';
import { referralsRoutes } from '../referrals/routes.tsx';
import { reportsRoutes } from '../reports/routes.tsx';
import { signalsRoutes } from '../signals/routes.tsx';
import { tasksRoutes } from '../tasks/routes.tsx';
import { HomePage } from './HomePage.tsx';
import { Layout } from './Layout.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RequireSection } from './RequireSection.tsx';

/** The app's pages; paths match NAVIGATION in src/domain/roles.ts. */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      // Reached only when signed in (the layout shows the login page otherwise).
      { path: 'login', element: <Navigate to="/" replace /> },
      { path: 'account', element: <AccountPage /> },
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
          { index: true, element: <RequireSection section="users"><UsersPage /></RequireSection> },
          { path: 'new', element: <RequireSection section="users"><UserNewPage /></RequireSection> },
          { path: ':userId', element: <RequireSection section="users"><UserEditPage /></RequireSection> },
        ],
      },
      {
        path: 'admin/organisations',
        children: [
          { index: true, element: <RequireSection section="organisations"><OrganisationsPage /></RequireSection> },
          { path: 'new', element: <RequireSection section="organisations"><OrganisationNewPage /></RequireSection> },
          {
            path: ':organisationId',
            element: <RequireSection section="organisations"><OrganisationEditPage /></RequireSection>,
          },
        ],
      },
      { path: 'role-grants', element: <RequireSection section="roleGrants"><RoleGrantsPage /></RequireSection> },
      { path: 'jurisdictions', element: <RequireSection section="jurisdictions"><JurisdictionsPage /></RequireSection> },
      ...tasksRoutes,
      ...casesRoutes,
      ...referralsRoutes,
      ...plansRoutes,
      ...signalsRoutes,
      ...meetingsRoutes,
      ...reportsRoutes,
      ...interchangeRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
