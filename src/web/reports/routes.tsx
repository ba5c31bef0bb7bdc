import type { RouteObject } from 'react-router';

/** The reports pages, mounted under the layout by src/web/app/routes.tsx. */
export const reportsRoutes: RouteObject[] = [];
