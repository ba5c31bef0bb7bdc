import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Language } from '../../domain/i18n/i18n-resources.ts';
import type { MonitoringReport } from '../../reports/report-schema.ts';
import { api, apiUrl } from '../app/api.ts';

export interface MonitoringParams {
  from: string;
  to: string;
  jurisdiction: string;
}

/** Query keys for reports: aggregates only, never child data, so the parameters may sit in URLs. */
export const reportKeys = {
  all: ['reports'] as const,
  monitoring: (params: MonitoringParams) => [...reportKeys.all, 'monitoring', params] as const,
};

export function useMonitoringReport(params: MonitoringParams | null) {
  return useQuery({
    queryKey: reportKeys.monitoring(params ?? { from: '', to: '', jurisdiction: '' }),
    queryFn: ({ signal }) => api<MonitoringReport>('/reports/monitoring', { query: { ...params }, signal }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}

/** The address of an export in a language: the browser downloads it with the session cookie. */
export function exportUrl(format: 'csv' | 'xlsx' | 'pdf', params: MonitoringParams, lang: Language): string {
  return apiUrl(`/reports/monitoring.${format}`, { ...params, lang });
}

/** The last full calendar year before today: the report's default period. */
export function lastFullYear(today = new Date()): { from: string; to: string } {
  const year = today.getFullYear() - 1;
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}
