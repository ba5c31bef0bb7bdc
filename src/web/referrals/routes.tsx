import type { RouteObject } from 'react-router';
import { RequireSection } from '../app/RequireSection.tsx';
import { ReferralPage } from './ReferralPage.tsx';
import { ReferralsPage } from './ReferralsPage.tsx';

/** The referrals pages (the provider's inbox, the unit's outgoing referrals), mounted by src/web/app/routes.tsx. */
export const referralsRoutes: RouteObject[] = [
  {
    path: 'referrals',
    children: [
      { index: true, element: <RequireSection section="referrals"><ReferralsPage /></RequireSection> },
      { path: ':referralId', element: <RequireSection section="referrals"><ReferralPage /></RequireSection> },
    ],
  },
];
