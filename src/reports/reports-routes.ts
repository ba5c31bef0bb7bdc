import { z } from 'zod';
import { isLanguage } from '../domain/i18n/i18n-resources.ts';
import { ErrorBody } from '../domain/common-schema.ts';
import { LatestPeriod, LatestPeriodQuery, MonitoringExportQuery, MonitoringQuery, MonitoringReport } from './report-schema.ts';
import { requestDoor } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';
import { exportFileName } from './report-exports.ts';
import { exportContext, jurisdictionName, latestPeriodFor, monitoringReportFor, renderReport } from './report-service.ts';
import { ServicesReport, servicesReportFor } from './services-report.ts';
import { servicesCsv, servicesFileName, servicesPdf, servicesXlsx } from './services-exports.ts';

const tags = ['reports'];
const REPORT_ROLES = ['supervisor', 'monitor'] as const;
const EXPORTS = ['csv', 'xlsx', 'pdf'] as const;

/**
 * The monitoring report (DOMAIN.md): JSON at GET /reports/monitoring (the fixed interface), and
 * the same report as CSV, XLSX and a printable PDF with labels in the user's language. Who may
 * read which jurisdiction is src/reports/report-scope.ts; every request is audited there.
 */
export async function reportsRoutes(app: App) {
  const door = requestDoor(app);

  app.get('/reports/monitoring', {
    config: { roles: REPORT_ROLES },
    schema: {
      operationId: 'getMonitoringReport',
      tags,
      summary: 'The monitoring report for a period (local calendar days, inclusive) and a country or region (default: your country)',
      querystring: MonitoringQuery,
      response: { 200: MonitoringReport, 400: ErrorBody, 403: ErrorBody },
    },
    handler: (request) => monitoringReportFor(door(request), request.query, 'json'),
  });

  app.get('/reports/monitoring/latest-period', {
    config: { roles: REPORT_ROLES },
    schema: {
      operationId: 'getMonitoringLatestPeriod',
      tags,
      summary: 'The period the report opens on: the latest year whose report (as you get it) shows a figure above zero, or the year to date',
      querystring: LatestPeriodQuery,
      response: { 200: LatestPeriod, 400: ErrorBody, 403: ErrorBody },
    },
    handler: (request) => latestPeriodFor(door(request), request.query),
  });

  await app.register(servicesRoutes);

  for (const format of EXPORTS) {
    app.get(`/reports/monitoring.${format}`, {
      config: { roles: REPORT_ROLES },
      schema: {
        operationId: `getMonitoringReport${format[0]!.toUpperCase()}${format.slice(1)}`,
        tags,
        summary: `The monitoring report as ${format.toUpperCase()}, labelled in \`lang\` (default: your language)`,
        querystring: MonitoringExportQuery,
        // The file itself: a string or a Buffer is sent as it is, never through the JSON serialiser.
        response: { 200: z.any().describe(`the report as a ${format.toUpperCase()} file`), 400: ErrorBody, 403: ErrorBody },
      },
      handler: async (request, reply) => {
        const { lang, ...query } = request.query;
        const report = await monitoringReportFor(door(request), query, format);
        const language = lang ?? (await userLanguage(app, request.actor!.userId));
        const rendered = await renderReport(report, format, await exportContext(app.database.db, report, language));
        return reply
          .type(rendered.contentType)
          .header('content-disposition', `attachment; filename="${exportFileName(report, format)}"`)
          .header('cache-control', 'no-store')
          .send(rendered.body);
      },
    });
  }
}

/**
 * The services' figures (police-station intake, the shelter, deinstitutionalisation) for the
 * readers of the monitoring report, in JSON and as CSV, XLSX and PDF (services-report.ts).
 */
async function servicesRoutes(app: App) {
  const door = requestDoor(app);
  app.get('/reports/services', {
    config: { roles: REPORT_ROLES },
    schema: {
      operationId: 'getServicesReport',
      tags,
      summary: "The services' figures (police-station intake, the shelter, deinstitutionalisation) for a period and a country or region",
      querystring: MonitoringQuery,
      response: { 200: ServicesReport, 400: ErrorBody, 403: ErrorBody },
    },
    handler: (request) => servicesReportFor(door(request), request.query, 'json'),
  });
  const render = { csv: servicesCsv, xlsx: servicesXlsx, pdf: servicesPdf } as const;
  const types = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;
  for (const format of EXPORTS) {
    app.get(`/reports/services.${format}`, {
      config: { roles: REPORT_ROLES },
      schema: {
        operationId: `getServicesReport${format[0]!.toUpperCase()}${format.slice(1)}`,
        tags,
        summary: `The services' figures as ${format.toUpperCase()}, labelled in \`lang\` (default: your language)`,
        querystring: MonitoringExportQuery,
        response: { 200: z.any().describe(`the figures as a ${format.toUpperCase()} file`), 400: ErrorBody, 403: ErrorBody },
      },
      handler: async (request, reply) => {
        const { lang, ...query } = request.query;
        const report = await servicesReportFor(door(request), query, format);
        const language = lang ?? (await userLanguage(app, request.actor!.userId));
        const body = await render[format](report, { language, jurisdictionName: await jurisdictionName(app.database.db, report.jurisdiction, language) });
        return reply
          .type(types[format])
          .header('content-disposition', `attachment; filename="${servicesFileName(report, format)}"`)
          .header('cache-control', 'no-store')
          .send(body);
      },
    });
  }
}

async function userLanguage(app: App, userId: string) {
  const row = await app.database.db.selectFrom('users').select('language').where('id', '=', userId).executeTakeFirst();
  return isLanguage(row?.language) ? row.language : 'en';
}
