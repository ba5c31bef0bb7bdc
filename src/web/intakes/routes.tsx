import type { RouteObject } from 'react-router';
import { RequireSection } from '../app/RequireSection.tsx';
import { lazyPage } from '../app/lazy-page.tsx';
import { IntakeNewPage } from './IntakeNewPage.tsx';
import { IntakePage } from './IntakePage.tsx';
import { IntakesPage } from './IntakesPage.tsx';

/** The police-station team's pages, mounted under the layout by src/web/app/routes.tsx; its figures load when opened. */
export const intakesRoutes: RouteObject[] = [
  {
    path: 'intakes',
    children: [
      { index: true, element: <RequireSection section="intakes"><IntakesPage /></RequireSection> },
      { path: 'new', element: <RequireSection section="intakes"><IntakeNewPage /></RequireSection> },
      { path: 'figures', ...lazyPage('intakes', async () => (await import('./IntakeFiguresPage.tsx')).IntakeFiguresPage) },
      { path: ':intakeId', element: <RequireSection section="intakes"><IntakePage /></RequireSection> },
    ],
  },
];
