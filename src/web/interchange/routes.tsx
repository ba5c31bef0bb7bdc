import type { RouteObject } from 'react-router';
import { lazyPage } from '../app/lazy-page.tsx';

/**
 * The interchange pages, mounted under the layout by src/web/app/routes.tsx. Imports are rare:
 * the page loads when opened.
 */
export const interchangeRoutes: RouteObject[] = [
  { path: 'imports', ...lazyPage('imports', async () => (await import('./ImportsPage.tsx')).ImportsPage) },
];
