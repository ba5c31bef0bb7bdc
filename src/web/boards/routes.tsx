import type { RouteObject } from 'react-router';
import { lazyPage } from '../app/lazy-page.tsx';

/** The consultation board pages (the list and setting one up, one board), loaded when first visited; mounted by src/web/app/routes.tsx. */
export const boardsRoutes: RouteObject[] = [
  {
    path: 'boards',
    children: [
      { index: true, ...lazyPage('boards', async () => (await import('./BoardsPage.tsx')).BoardsPage) },
      { path: ':id', ...lazyPage('boards', async () => (await import('./BoardPage.tsx')).BoardPage) },
    ],
  },
];
