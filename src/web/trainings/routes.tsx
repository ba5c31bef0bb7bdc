import type { RouteObject } from 'react-router';
import { lazyPage } from '../app/lazy-page.tsx';

/** The trainings register's pages (issue 14 §5), loaded when first visited; mounted by src/web/app/routes.tsx. */
export const trainingsRoutes: RouteObject[] = [
  {
    path: 'trainings',
    children: [
      { index: true, ...lazyPage('trainings', async () => (await import('./SessionsPage.tsx')).SessionsPage) },
      { path: 'modules', ...lazyPage('trainings', async () => (await import('./ModulesPage.tsx')).ModulesPage) },
      { path: 'figures', ...lazyPage('trainings', async () => (await import('./FiguresPage.tsx')).FiguresPage) },
      { path: 'needs', ...lazyPage('trainings', async () => (await import('./NeedsPage.tsx')).NeedsPage) },
      { path: 'sessions/:id', ...lazyPage('trainings', async () => (await import('./SessionPage.tsx')).SessionPage) },
    ],
  },
];
