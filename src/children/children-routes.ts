import { z } from 'zod';
import { AccessHistory, ChildList, ChildPatch, ChildView, DuplicateConflict, DuplicateList, DuplicateQuery, MergeInput, MergedBody, NewChildInput } from './child-schema.ts';
import { ErrorBody, Id, Paging } from '../domain/common-schema.ts';
import { mergeChildren } from './child-merge.ts';
import { childAccessHistory, createChild, findDuplicates, getChild, listChildren, updateChild } from './child-records.ts';
import { requestDoor } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';

const tags = ['children'];
const Params = z.strictObject({ id: Id });
const CHILD_ROLES = ['caseworker', 'supervisor', 'partner', 'provider', 'police_support'] as const;

/** The child (person) record. Every handler goes through the policy door; out of reach is 404. */
export async function childrenRoutes(app: App) {
  const door = requestDoor(app);

  app.get('/children', {
    config: { roles: CHILD_ROLES },
    schema: {
      operationId: 'listChildren',
      tags,
      querystring: Paging.extend({ municipalityCode: z.string().min(2).max(40).optional() }),
      response: { 200: ChildList },
    },
    handler: (request) => listChildren(door(request), request.query),
  });

  app.post('/children', {
    config: { roles: ['caseworker', 'supervisor'] },
    schema: {
      operationId: 'createChild',
      tags,
      summary: 'Registers a child; a registered child with the same name and birth date answers 409 naming it (or its unit), unless notDuplicate says why this is another child',
      body: NewChildInput,
      response: { 201: ChildView, 400: ErrorBody, 403: ErrorBody, 409: DuplicateConflict },
    },
    handler: async (request, reply) => reply.code(201).send(await createChild(door(request), request.body)),
  });

  app.post('/children/duplicates', {
    config: { roles: CHILD_ROLES },
    schema: {
      operationId: 'findDuplicateChildren',
      tags,
      summary: 'Children in reach with a similar name and a birth date within a year (POST: names never go in URLs)',
      body: DuplicateQuery,
      response: { 200: DuplicateList },
    },
    handler: (request) => findDuplicates(door(request), request.body),
  });

  app.get('/children/:id', {
    config: { roles: CHILD_ROLES },
    schema: { operationId: 'getChild', tags, params: Params, response: { 200: ChildView, 404: ErrorBody, 410: MergedBody } },
    handler: (request) => getChild(door(request), request.params.id),
  });

  app.patch('/children/:id', {
    config: { roles: ['caseworker', 'supervisor'] },
    schema: {
      operationId: 'updateChild',
      tags,
      params: Params,
      body: ChildPatch,
      response: { 200: ChildView, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody.extend({ current: ChildView.optional() }) },
    },
    handler: (request) => updateChild(door(request), request.params.id, request.body),
  });

  app.get('/children/:id/access-history', {
    config: { roles: ['supervisor'] },
    schema: { operationId: 'getChildAccessHistory', tags, params: Params, response: { 200: AccessHistory, 403: ErrorBody, 404: ErrorBody } },
    handler: (request) => childAccessHistory(door(request), request.params.id),
  });

  app.post('/children/:id/merge', {
    config: { roles: ['supervisor'] },
    schema: {
      operationId: 'mergeChildren',
      tags,
      summary: "Merges another record of the same child into this one (the unit's supervisor): signals, meetings, cases and grants move here; the other record answers 410 afterwards",
      params: Params,
      body: MergeInput,
      response: { 200: ChildView, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
    handler: (request) => mergeChildren(door(request), request.params.id, request.body.duplicateId),
  });
}
