import type { RouteObject } from 'react-router';
import { RequireSection } from '../app/RequireSection.tsx';
import { MeetingNewPage } from './MeetingNewPage.tsx';
import { MeetingPage } from './MeetingPage.tsx';
import { MeetingsPage } from './MeetingsPage.tsx';

/** The meetings pages, mounted under the layout by src/web/app/routes.tsx. */
export const meetingsRoutes: RouteObject[] = [
  {
    path: 'meetings',
    children: [
      { index: true, element: <RequireSection section="meetings"><MeetingsPage /></RequireSection> },
      { path: 'new', element: <RequireSection section="meetings"><MeetingNewPage /></RequireSection> },
      { path: ':meetingId', element: <RequireSection section="meetings"><MeetingPage /></RequireSection> },
    ],
  },
];
