import type { RouteObject } from 'react-router';
import { lazyPage } from '../app/lazy-page.tsx';

/** The deinstitutionalisation pages (loaded when first opened), mounted by src/web/app/routes.tsx. */
export const institutionsRoutes: RouteObject[] = [
  {
    path: 'institutions',
    children: [
      { index: true, ...lazyPage('institutions', async () => (await import('./InstitutionsPage.tsx')).InstitutionsPage) },
      { path: ':institutionId', ...lazyPage('institutions', async () => (await import('./InstitutionPage.tsx')).InstitutionPage) },
    ],
  },
  { path: 'residents/:residentId', ...lazyPage('institutions', async () => (await import('./ResidentPage.tsx')).ResidentPage) },
];
