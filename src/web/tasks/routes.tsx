import type { RouteObject } from 'react-router';
import { RequireSection } from '../app/RequireSection.tsx';
import { TasksPage } from './TasksPage.tsx';

/** The task list page, mounted under the layout by src/web/app/routes.tsx. */
export const tasksRoutes: RouteObject[] = [
  { path: 'tasks', element: <RequireSection section="tasks"><TasksPage /></RequireSection> },
];
