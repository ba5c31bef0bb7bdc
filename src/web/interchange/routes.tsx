import type { RouteObject } from 'react-router';
import { RequireSection } from '../app/RequireSection.tsx';
import { ImportsPage } from './ImportsPage.tsx';

/** The interchange pages, mounted under the layout by src/web/app/routes.tsx. */
export const interchangeRoutes: RouteObject[] = [
  { path: 'imports', element: <RequireSection section="imports"><ImportsPage /></RequireSection> },
];
