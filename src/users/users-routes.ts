import { z } from 'zod';
import { ErrorBody, Id, Paging } from '../domain/common-schema.ts';
import { RoleGrantList, User, UserCreate, UserList, UserListQuery, UserPatch } from './users-schema.ts';
import type { App } from '../server/types.ts';
import { listRoleGrants } from './role-grants.ts';
import { createUser, getUser, listUsers, updateUser } from './users-service.ts';
import { OidcLink } from './users-schema.ts';
import { linkOidcSubject, resetSecondFactor } from './user-second-factor.ts';

const tags = ['users'];
const admin = { roles: ['admin'] as const };

export async function usersRoutes(app: App) {
  app.get('/users', {
    config: admin,
    schema: { operationId: 'listUsers', tags, querystring: UserListQuery, response: { 200: UserList } },
    handler: (request) => listUsers(app.database.db, request.query),
  });
  app.post('/users', {
    config: admin,
    schema: { operationId: 'createUser', tags, body: UserCreate, response: { 201: User, 400: ErrorBody, 409: ErrorBody } },
    handler: async (request, reply) => reply.code(201).send(await createUser(app.database.db, request.actor!, request.body)),
  });
  app.get('/users/role-grants', {
    config: { roles: ['supervisor'] as const },
    schema: {
      operationId: 'listRoleGrants',
      tags,
      summary: 'Who was given a role that sees child data in (or for) the supervisor\'s unit, by whom and when; audited',
      querystring: Paging,
      response: { 200: RoleGrantList },
    },
    handler: (request) => listRoleGrants(app.database.db, request.actor!, request.query),
  });
  app.get('/users/:id', {
    config: admin,
    schema: { operationId: 'getUser', tags, params: z.strictObject({ id: Id }), response: { 200: User, 404: ErrorBody } },
    handler: (request) => getUser(app.database.db, request.params.id),
  });
  app.patch('/users/:id', {
    config: admin,
    schema: { operationId: 'updateUser', tags, params: z.strictObject({ id: Id }), body: UserPatch, response: { 200: User, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
    handler: (request) => updateUser(app.database.db, request.actor!, request.params.id, request.body),
  });
  app.post('/users/:id/second-factor/reset', {
    config: admin,
    schema: {
      operationId: 'resetSecondFactor', tags, summary: 'Removes the user\'s second factor and ends their sessions; they set it up again; audited',
      params: z.strictObject({ id: Id }), body: z.strictObject({}).optional(), response: { 200: User, 404: ErrorBody },
    },
    handler: async (request) => {
      await resetSecondFactor(app.database.db, request.actor!, request.params.id);
      return getUser(app.database.db, request.params.id);
    },
  });
  app.put('/users/:id/oidc', {
    config: admin,
    schema: {
      operationId: 'linkOidcSubject', tags, summary: 'Links the user to the identity provider\'s subject (`sub`), or unlinks (null); audited',
      params: z.strictObject({ id: Id }), body: OidcLink, response: { 200: User, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => {
      await linkOidcSubject(app.database.db, request.actor!, request.params.id, app.config.oidc?.issuer ?? null, request.body.subject);
      return getUser(app.database.db, request.params.id);
    },
  });
}
