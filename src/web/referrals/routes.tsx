import type { RouteObject } from 'react-router';
import { RequireSection } from '../app/RequireSection.tsx';
import { PlanActionPage } from '../plans/PlanActionPage.tsx';
import { ReferralPage } from './ReferralPage.tsx';
import { ReferralsPage } from './ReferralsPage.tsx';

/**
 * The referrals pages (the provider's inbox, the unit's outgoing referrals) and a plan action's
 * page (opened from the task list by the organisation responsible for it), mounted by
 * src/web/app/routes.tsx.
 */
export const caseworkRoutes: RouteObject[] = [
  {
    path: 'referrals',
    children: [
      { index: true, element: <RequireSection section="referrals"><ReferralsPage /></RequireSection> },
      { path: ':referralId', element: <RequireSection section="referrals"><ReferralPage /></RequireSection> },
    ],
  },
  { path: 'plan-actions/:actionId', element: <RequireSection section="tasks"><PlanActionPage /></RequireSection> },
];
