import { z } from 'zod';
import { ErrorBody, Id } from '../domain/common-schema.ts';
import { PlacementEndInput, PlacementInput, PlacementList, PlacementView } from './placement-schema.ts';
import { endPlacement, listPlacements, recordPlacement } from './placements.ts';
import { requestDoor, UNIT_ROLES, WRITE_ERRORS } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';

/** Placements share the case's contacts section in the API's tags (the OpenAPI document is unchanged). */
const tags = ['contacts'];
const Params = z.strictObject({ id: Id });
const PlacementParams = z.strictObject({ id: Id, placementId: Id });
/** Anyone who may reach a case reads these sections (each record filtered by caseSectionVisible); the unit writes. */
const READ_ROLES = ['caseworker', 'supervisor', 'partner', 'provider'] as const;

/** The placements of a case: writes go through withCase ('record_placement', 'end_placement'). */
export async function placementsRoutes(app: App) {
  const door = requestDoor(app);

  app.get('/cases/:id/placements', {
    config: { roles: READ_ROLES },
    schema: { operationId: 'listPlacements', tags, summary: "The case's placements, the current one first", params: Params, response: { 200: PlacementList, 404: ErrorBody } },
    handler: (request) => listPlacements(door(request), request.params.id),
  });

  app.post('/cases/:id/placements', {
    config: { roles: UNIT_ROLES },
    schema: {
      operationId: 'recordPlacement', tags, summary: 'Starts a placement; one current placement per case (409 while one is current)',
      params: Params, body: PlacementInput, response: { 201: PlacementView, ...WRITE_ERRORS },
    },
    handler: async (request, reply) => reply.code(201).send(await recordPlacement(door(request), request.params.id, request.body)),
  });

  app.post('/cases/:id/placements/:placementId/end', {
    config: { roles: UNIT_ROLES },
    schema: {
      operationId: 'endPlacement', tags, summary: 'Ends the current placement with the day and the reason',
      params: PlacementParams, body: PlacementEndInput, response: { 200: PlacementView, ...WRITE_ERRORS },
    },
    handler: (request) => endPlacement(door(request), request.params.id, request.params.placementId, request.body),
  });
}
