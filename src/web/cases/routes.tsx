import type { RouteObject } from 'react-router';

/** The cases pages (list, case page, caseload), mounted under the layout by src/web/app/routes.tsx. */
export const casesRoutes: RouteObject[] = [];
