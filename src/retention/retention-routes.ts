import { ErrorBody } from '../domain/common-schema.ts';
import { requestDoor, UNIT_ROLES, WRITE_ERRORS } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';
import { caseLegalHolds, liftLegalHold, placeLegalHold } from './legal-holds.ts';
import { retentionPreview } from './retention-preview.ts';
import { CaseIdParams, LegalHoldInput, LegalHolds, RetentionPreview } from './retention-schema.ts';

const tags = ['retention'];

/**
 * Retention (src/retention/): a case's legal hold (seen by the case's unit, placed and lifted with
 * a reason by its supervisor) and, for the administrator, what a run would anonymise now.
 */
export async function retentionRoutes(app: App) {
  const door = requestDoor(app);

  app.get('/cases/:id/legal-hold', {
    config: { roles: UNIT_ROLES },
    schema: {
      operationId: 'getCaseLegalHold', tags, summary: 'The case\'s legal hold in force (if any), the holds lifted, and the country\'s retention period',
      params: CaseIdParams, response: { 200: LegalHolds, 400: ErrorBody, 404: ErrorBody },
    },
    handler: (request) => caseLegalHolds(door(request), request.params.id),
  });

  app.post('/cases/:id/legal-hold', {
    config: { roles: ['supervisor'] },
    schema: {
      operationId: 'placeCaseLegalHold', tags, summary: 'The unit\'s supervisor places a legal hold on the case, with a reason: it is not anonymised while the hold is in force',
      params: CaseIdParams, body: LegalHoldInput, response: { 200: LegalHolds, ...WRITE_ERRORS },
    },
    handler: (request) => placeLegalHold(door(request), request.params.id, request.body.reason),
  });

  app.post('/cases/:id/legal-hold/lift', {
    config: { roles: ['supervisor'] },
    schema: {
      operationId: 'liftCaseLegalHold', tags, summary: 'The unit\'s supervisor lifts the case\'s legal hold, with a reason',
      params: CaseIdParams, body: LegalHoldInput, response: { 200: LegalHolds, ...WRITE_ERRORS },
    },
    handler: (request) => liftLegalHold(door(request), request.params.id, request.body.reason),
  });

  app.get('/retention/due', {
    config: { roles: ['admin'] },
    schema: {
      operationId: 'previewRetention', tags, summary: 'What a retention run would anonymise now in the administrator\'s country: case numbers, closed and due days, never names',
      response: { 200: RetentionPreview },
    },
    handler: (request) => retentionPreview(door(request)),
  });
}
