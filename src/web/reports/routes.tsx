import type { RouteObject } from 'react-router';
import { RequireSection } from '../app/RequireSection.tsx';

/**
 * The reports pages, mounted under the layout by src/web/app/routes.tsx. The page (and its
 * charts library) loads only when a report is opened.
 */
export const reportsRoutes: RouteObject[] = [
  {
    path: 'reports/monitoring',
    lazy: async () => {
      const { MonitoringReportPage } = await import('./MonitoringReportPage.tsx');
      return { element: <RequireSection section="reports"><MonitoringReportPage /></RequireSection> };
    },
  },
];
