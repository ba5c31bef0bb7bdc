import type { RouteObject } from 'react-router';

/** The task list page, mounted under the layout by src/web/app/routes.tsx. */
export const tasksRoutes: RouteObject[] = [];
