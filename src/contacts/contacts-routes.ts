import { z } from 'zod';
import { ErrorBody, Id } from '../domain/common-schema.ts';
import { ContactInput, ContactList, ContactView } from './contact-schema.ts';
import { listContacts, recordContact } from './contacts.ts';
import { requestDoor, UNIT_ROLES, WRITE_ERRORS } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';

const tags = ['contacts'];
const Params = z.strictObject({ id: Id });
/** Anyone who may reach a case reads these sections (each record filtered by caseSectionVisible); the unit writes. */
const READ_ROLES = ['caseworker', 'supervisor', 'partner', 'provider'] as const;

/** Contacts with the child, a section of the case: writes go through withCase ('record_contact'). */
export async function contactsRoutes(app: App) {
  const door = requestDoor(app);

  app.get('/cases/:id/contacts', {
    config: { roles: READ_ROLES },
    schema: { operationId: 'listContacts', tags, summary: "The case's contacts, newest first", params: Params, response: { 200: ContactList, 404: ErrorBody } },
    handler: (request) => listContacts(door(request), request.params.id),
  });

  app.post('/cases/:id/contacts', {
    config: { roles: UNIT_ROLES },
    schema: {
      operationId: 'recordContact', tags, summary: 'Records a contact; moves the last contact (and the child last seen) forward',
      params: Params, body: ContactInput, response: { 201: ContactView, ...WRITE_ERRORS },
    },
    handler: async (request, reply) => reply.code(201).send(await recordContact(door(request), request.params.id, request.body)),
  });
}
