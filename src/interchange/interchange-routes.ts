import { z } from 'zod';
import { ErrorBody, IsoDate } from '../domain/common-schema.ts';
import { requestDoor } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';
import { exportCsv } from './export.ts';
import { importCsv } from './import.ts';

/**
 * The web side of the interchange format: a unit's supervisor uploads the same CSV
 * files the CLI imports (raw `text/csv` body, up to 50 MB, the same checks, the same list of
 * `line N, column C: message`); a supervisor downloads exports of their country.
 */
export const UPLOAD_LIMIT = 50 * 1024 * 1024;
const tags = ['interchange'];

const Counts = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
export const ImportSummaryBody = z.object({
  type: z.string(),
  rows: z.number().int(),
  dryRun: z.boolean(),
  sha256: z.string(),
  counts: z.record(z.string(), Counts),
});
const Problem = z.object({
  line: z.number().int(), column: z.string(), message: z.string(),
  /** A stable name of the problem and its values, for a client that says it in its own language. */
  code: z.string().optional(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
/** A refused file lists its problems; any other 400 (malformed JSON, a bad parameter) is a plain error body. */
export const ImportErrorBody = ErrorBody.extend({ problems: z.array(Problem).optional(), total: z.number().int().optional(), rows: z.number().int().optional() });

const ExportQuery = z
  .strictObject({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    jurisdiction: z.string().regex(/^[A-Z]{2}(-[0-9A-Z]{1,3}){0,2}$/, 'must be a country, region or municipality code').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });

export async function interchangeRoutes(app: App) {
  const door = requestDoor(app);

  // Scoped to this plugin: the rest of the API accepts JSON only.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_request, body, done) => done(null, body));

  app.post('/imports/:type', {
    bodyLimit: UPLOAD_LIMIT,
    config: { roles: ['supervisor'] },
    schema: {
      operationId: 'importCsv',
      tags,
      summary: 'Import a CSV file in the interchange format (body: the file, Content-Type text/csv); all or nothing',
      params: z.strictObject({ type: z.enum(['signals', 'meetings', 'cases', 'residents', 'shelter_admissions', 'prevention_activities']) }),
      querystring: z.strictObject({ dryRun: z.enum(['true', 'false']).default('false') }),
      response: { 200: ImportSummaryBody, 400: ImportErrorBody, 403: ErrorBody, 413: ErrorBody, 415: ErrorBody },
    },
    handler: async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) return reply.code(415).send({ message: 'Send the file as the request body with Content-Type text/csv' });
      const outcome = await importCsv(app.database.db, door(request), request.params.type, [body], { dryRun: request.query.dryRun === 'true' });
      if (!outcome.ok) {
        return reply.code(400).send({
          message: outcome.message,
          issues: outcome.issues.map((i) => ({ path: `line ${i.line}, column ${i.column}`, message: i.message })),
          problems: outcome.issues,
          total: outcome.total,
          rows: outcome.rows,
        });
      }
      return outcome.summary;
    },
  });

  app.get('/exports/:file', {
    config: { roles: ['supervisor'] },
    schema: {
      operationId: 'exportCsv',
      tags,
      summary: 'Export records in the interchange format (signals.csv, meetings.csv or cases.csv), spreadsheet formulas neutralised',
      params: z.strictObject({ file: z.enum(['signals.csv', 'meetings.csv', 'cases.csv', 'residents.csv', 'shelter_admissions.csv', 'prevention_activities.csv']) }),
      querystring: ExportQuery,
      response: { 200: z.string(), 400: ErrorBody, 403: ErrorBody },
    },
    handler: async (request, reply) => {
      const type = request.params.file.replace(/\.csv$/, '');
      // Gathered before answering: a refusal or error becomes a JSON answer, not a cut-off file.
      let out = '';
      for await (const chunk of exportCsv(door(request), type, request.query)) out += chunk;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${type}.csv"`)
        .header('cache-control', 'no-store')
        .send(out);
    },
  });
}

