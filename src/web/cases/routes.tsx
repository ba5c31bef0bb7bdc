import type { RouteObject } from 'react-router';
import { RequireSection } from '../app/RequireSection.tsx';
import { CasePage } from './CasePage.tsx';
import { CaseloadPage } from './CaseloadPage.tsx';
import { CasesPage } from './CasesPage.tsx';

/** The cases pages (list, case page, caseload), mounted under the layout by src/web/app/routes.tsx. */
export const casesRoutes: RouteObject[] = [
  {
    path: 'cases',
    children: [
      { index: true, element: <RequireSection section="cases"><CasesPage /></RequireSection> },
      { path: 'caseload', element: <RequireSection section="cases"><CaseloadPage /></RequireSection> },
      { path: ':caseId', element: <RequireSection section="cases"><CasePage /></RequireSection> },
    ],
  },
];
