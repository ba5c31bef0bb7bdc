import type { RouteObject } from 'react-router';
import { lazyPage } from '../app/lazy-page.tsx';

/** The shelter's pages (beds free, the stays, admitting, one stay), loaded when first visited; mounted by src/web/app/routes.tsx. */
export const sheltersRoutes: RouteObject[] = [
  {
    path: 'shelters',
    children: [
      { index: true, ...lazyPage('shelters', async () => (await import('./SheltersPage.tsx')).SheltersPage) },
      { path: 'admit', ...lazyPage('shelters', async () => (await import('./AdmitPage.tsx')).AdmitPage) },
      { path: 'stays/:stayId', ...lazyPage('shelters', async () => (await import('./StayPage.tsx')).StayPage) },
    ],
  },
];
