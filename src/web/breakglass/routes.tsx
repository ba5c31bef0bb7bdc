import type { RouteObject } from 'react-router';
import { lazyPage } from '../app/lazy-page.tsx';

/** Emergency (break-glass) access: the request and the grant's read-only record, the unit's reviews, the admin's counts per user. */
export const breakGlassRoutes: RouteObject[] = [
  {
    path: 'break-glass',
    children: [
      { index: true, ...lazyPage('breakGlass', async () => (await import('./BreakGlassPage.tsx')).BreakGlassPage) },
      { path: 'grants/:grantId', ...lazyPage('breakGlass', async () => (await import('./BreakGlassRecordPage.tsx')).BreakGlassRecordPage) },
      { path: 'reviews', ...lazyPage('breakGlassReviews', async () => (await import('./BreakGlassReviewsPage.tsx')).BreakGlassReviewsPage) },
      { path: 'users', ...lazyPage('breakGlassUsers', async () => (await import('./BreakGlassUsersPage.tsx')).BreakGlassUsersPage) },
    ],
  },
];
