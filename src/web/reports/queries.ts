import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Language } from '../../domain/i18n/languages.ts';
import type { LatestPeriod, MonitoringReport } from '../../reports/report-schema.ts';
import type { ServicesReport } from '../../reports/services-report.ts';
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
  services: (params: MonitoringParams) => [...reportKeys.all, 'services', params] as const,
  latestPeriod: (jurisdiction: string) => [...reportKeys.all, 'latest-period', jurisdiction] as const,
};

/** The period the report opens on for a jurisdiction: the latest year whose report shows a figure (or the year to date). */
export function useLatestPeriod(jurisdiction: string, enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.latestPeriod(jurisdiction),
    queryFn: ({ signal }) => api<LatestPeriod>('/reports/monitoring/latest-period', { query: { jurisdiction }, signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useMonitoringReport(params: MonitoringParams | null) {
  return useQuery({
    queryKey: reportKeys.monitoring(params ?? { from: '', to: '', jurisdiction: '' }),
    queryFn: ({ signal }) => api<MonitoringReport>('/reports/monitoring', { query: { ...params }, signal }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}

/** The services' figures (police-station intake, the shelter, deinstitutionalisation) for the report's period and jurisdiction. */
export function useServicesReport(params: MonitoringParams | null) {
  return useQuery({
    queryKey: reportKeys.services(params ?? { from: '', to: '', jurisdiction: '' }),
    queryFn: ({ signal }) => api<ServicesReport>('/reports/services', { query: { ...params }, signal }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}

/** The address of an export in a language: the browser downloads it with the session cookie. */
export function exportUrl(format: 'csv' | 'xlsx' | 'pdf', params: MonitoringParams, lang: Language, report: 'monitoring' | 'services' = 'monitoring'): string {
  return apiUrl(`/reports/${report}.${format}`, { ...params, lang });
}

/** From 1 January to today: the period when no year has data yet. */
export function yearToDate(today = new Date()): { from: string; to: string } {
  const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return { from: `${today.getFullYear()}-01-01`, to: day };
}

/** The last full calendar year before today. */
export function lastFullYear(today = new Date()): { from: string; to: string } {
  const year = today.getFullYear() - 1;
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}
