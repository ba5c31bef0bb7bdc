import { z } from 'zod';
import { ErrorBody, Id } from '../domain/common-schema.ts';
import { Organisation, OrganisationCreate, OrganisationList, OrganisationPatch } from '../users/users-schema.ts';
import type { App } from '../server/types.ts';
import { createOrganisation, listOrganisations, updateOrganisation } from './organisations-service.ts';

const tags = ['organisations'];
const admin = { roles: ['admin'] as const };

export async function organisationsRoutes(app: App) {
  // Every signed-in user may list organisations: meetings and referrals name them.
  app.get('/organisations', {
    schema: {
      operationId: 'listOrganisations',
      tags,
      querystring: z.strictObject({ country: z.string().regex(/^[A-Z]{2}$/).optional() }),
      response: { 200: OrganisationList },
    },
    handler: (request) => listOrganisations(app.database.db, request.query),
  });
  app.post('/organisations', {
    config: admin,
    schema: { operationId: 'createOrganisation', tags, body: OrganisationCreate, response: { 201: Organisation, 400: ErrorBody, 409: ErrorBody } },
    handler: async (request, reply) => reply.code(201).send(await createOrganisation(app.database.db, request.actor!, request.body)),
  });
  app.patch('/organisations/:id', {
    config: admin,
    schema: { operationId: 'updateOrganisation', tags, params: z.strictObject({ id: Id }), body: OrganisationPatch, response: { 200: Organisation, 404: ErrorBody } },
    handler: (request) => updateOrganisation(app.database.db, request.actor!, request.params.id, request.body),
  });
}
