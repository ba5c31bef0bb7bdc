import type { RouteObject } from 'react-router';
import { lazyPage } from '../app/lazy-page.tsx';

/**
 * The police-station team's pages, mounted under the layout by src/web/app/routes.tsx. One role
 * uses them: they load when first opened, not with every page's first load.
 */
export const intakesRoutes: RouteObject[] = [
  {
    path: 'intakes',
    children: [
      { index: true, ...lazyPage('intakes', async () => (await import('./IntakesPage.tsx')).IntakesPage) },
      { path: 'new', ...lazyPage('intakes', async () => (await import('./IntakeNewPage.tsx')).IntakeNewPage) },
      { path: 'figures', ...lazyPage('intakes', async () => (await import('./IntakeFiguresPage.tsx')).IntakeFiguresPage) },
      { path: ':intakeId', ...lazyPage('intakes', async () => (await import('./IntakePage.tsx')).IntakePage) },
    ],
  },
];
