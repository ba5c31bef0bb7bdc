import type { RouteObject } from 'react-router';
import { RequireSection } from '../app/RequireSection.tsx';
import { SignalPage } from './SignalPage.tsx';
import { SignalRegisterPage } from './SignalRegisterPage.tsx';
import { SignalsPage } from './SignalsPage.tsx';

/** The signals pages, mounted under the layout by src/web/app/routes.tsx. */
export const signalsRoutes: RouteObject[] = [
  {
    path: 'signals',
    children: [
      { index: true, element: <RequireSection section="signals"><SignalsPage /></RequireSection> },
      { path: 'new', element: <RequireSection section="signals"><SignalRegisterPage /></RequireSection> },
      { path: ':signalId', element: <RequireSection section="signals"><SignalPage /></RequireSection> },
    ],
  },
];
