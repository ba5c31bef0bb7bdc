import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { ErrorBody } from '../domain/common-schema.ts';
import { isLanguage } from '../domain/i18n/i18n-resources.ts';
import { ForbiddenError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import type { Door } from '../policy/door.ts';
import { suppressTables } from '../reports/figure-table.ts';
import { reportTarget } from '../reports/monitoring-report.ts';
import { MonitoringExportQuery, MonitoringQuery } from '../reports/report-schema.ts';
import { type ReportScope, runReport } from '../reports/report-scope.ts';
import { translator } from '../reports/report-rows.ts';
import { jurisdictionName } from '../reports/report-service.ts';
import { ServicesReport } from '../reports/services-report.ts';
import { servicesCsv, servicesPdf, servicesXlsx } from '../reports/services-exports.ts';
import { requestDoor } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';
import { TRAINING_ROLES, keeper } from './trainings-reach.ts';
import { trainingFigures } from './training-figures.ts';

/**
 * The trainings' figures for their keepers (issue 14 §5): the trainer (and an administrator) gets
 * the register's figure tables — the same as the services report's `trainings.*` — for a period
 * and their country or one of its regions, unsuppressed (training data is not child data; the
 * professionals' counts are the trainer's own work). Monitors keep reading them, suppressed, in
 * the services report. Computed and audited like a report (runReport: action `report`, entity
 * `trainings_report`, a refusal audited on its own); exported with the services report's renderers.
 */
export async function trainerScope(db: Kysely<DB>, actor: Actor, requested?: string): Promise<ReportScope> {
  const k = keeper(actor);
  const target = await reportTarget(db, requested ?? k.country);
  if (target.country !== k.country) throw new ForbiddenError('The trainings figures of another country are not yours');
  const code = target.region ?? target.country;
  return { code, country: target.country, level: target.level, timezone: target.timezone, suppress: false };
}

export function trainerFiguresFor(door: Door, query: { from: string; to: string; jurisdiction?: string | undefined }, format: string): Promise<ServicesReport> {
  return runReport(door, { ...query, format, report: 'trainings' }, async (tx, scope) => {
    const tables = await trainingFigures(tx, { country: scope.country, region: scope.level === 'region' ? scope.code : null, timezone: scope.timezone, from: query.from, to: query.to });
    return {
      period: { from: query.from, to: query.to },
      jurisdiction: scope.code,
      suppressed: false,
      generatedAt: new Date().toISOString(),
      // Nothing hidden; the group sizes (`n`) are dropped as for every reader.
      tables: suppressTables(tables, false),
    };
  }, trainerScope);
}

const tags = ['trainings'];
const EXPORTS = ['csv', 'xlsx', 'pdf'] as const;
const render = { csv: servicesCsv, xlsx: servicesXlsx, pdf: servicesPdf } as const;
const TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;

export async function trainerFiguresRoutes(app: App) {
  const door = requestDoor(app);
  const config = { roles: TRAINING_ROLES };
  app.get('/trainings/figures', {
    config,
    schema: {
      operationId: 'trainerTrainingFigures', tags,
      summary: "The trainings' figures (sessions, professionals trained and certificates by region and sector, knowledge gain and satisfaction by topic, units' teams certified) for a period and your country or one of its regions",
      querystring: MonitoringQuery,
      response: { 200: ServicesReport, 400: ErrorBody, 403: ErrorBody },
    },
    handler: (request) => trainerFiguresFor(door(request), request.query, 'json'),
  });
  for (const format of EXPORTS) {
    app.get(`/trainings/figures.${format}`, {
      config,
      schema: {
        operationId: `trainerTrainingFigures${format[0]!.toUpperCase()}${format.slice(1)}`, tags,
        summary: `The trainings' figures as ${format.toUpperCase()}, labelled in \`lang\` (default: your language)`,
        querystring: MonitoringExportQuery,
        response: { 200: z.any().describe(`the figures as a ${format.toUpperCase()} file`), 400: ErrorBody, 403: ErrorBody },
      },
      handler: async (request, reply) => {
        const { lang, ...query } = request.query;
        const report = await trainerFiguresFor(door(request), query, format);
        const language = lang ?? (await userLanguage(app, request.actor!.userId));
        const body = await render[format](report, {
          language, title: translator(language).t('trainings.figures.title'), jurisdictionName: await jurisdictionName(app.database.db, report.jurisdiction, language),
        });
        return reply
          .type(TYPES[format])
          .header('content-disposition', `attachment; filename="trainings-figures_${report.jurisdiction}_${report.period.from}_${report.period.to}.${format}"`)
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
