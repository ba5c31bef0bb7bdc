import type { RouteObject } from 'react-router';

/** The referrals pages (the provider's inbox, the unit's outgoing referrals), mounted by src/web/app/routes.tsx. */
export const caseworkRoutes: RouteObject[] = [];
