import type { RouteObject } from 'react-router';

/** The meetings pages, mounted under the layout by src/web/app/routes.tsx. */
export const meetingsRoutes: RouteObject[] = [];
