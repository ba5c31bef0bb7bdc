import type { RouteObject } from 'react-router';
import { RequireSection } from '../app/RequireSection.tsx';
import { PlanActionPage } from './PlanActionPage.tsx';

/** A plan action's page (opened from the task list by the organisation responsible for it), mounted by src/web/app/routes.tsx. */
export const plansRoutes: RouteObject[] = [
  { path: 'plan-actions/:actionId', element: <RequireSection section="tasks"><PlanActionPage /></RequireSection> },
];
