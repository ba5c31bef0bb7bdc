import type { RouteObject } from 'react-router';
import { lazyPage } from '../app/lazy-page.tsx';

/** The prevention pages (the list, recording, one activity, changing it), loaded when first visited; mounted by src/web/app/routes.tsx. */
export const preventionRoutes: RouteObject[] = [
  {
    path: 'prevention',
    children: [
      { index: true, ...lazyPage('prevention', async () => (await import('./PreventionPage.tsx')).PreventionPage) },
      { path: 'new', ...lazyPage('prevention', async () => (await import('./ActivityFormPage.tsx')).ActivityFormPage) },
      { path: ':id', ...lazyPage('prevention', async () => (await import('./ActivityPage.tsx')).ActivityPage) },
      { path: ':id/edit', ...lazyPage('prevention', async () => (await import('./ActivityFormPage.tsx')).ActivityFormPage) },
    ],
  },
];
