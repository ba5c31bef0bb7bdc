import type { RouteObject } from 'react-router';

/** The interchange pages, mounted under the layout by src/web/app/routes.tsx. */
export const interchangeRoutes: RouteObject[] = [];
