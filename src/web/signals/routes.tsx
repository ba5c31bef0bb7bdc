import type { RouteObject } from 'react-router';

/** The signals pages, mounted under the layout by src/web/app/routes.tsx. */
export const signalsRoutes: RouteObject[] = [];
