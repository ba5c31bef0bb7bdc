import { ErrorBody } from '../domain/common-schema.ts';
import type { UserActor } from '../policy/actor.ts';
import { type Door, openDoor } from '../policy/door.ts';
import type { App } from './types.ts';

/** What the capabilities' routes share: the request's door, who writes a case's records, the answers of a refused write. */

/** The door of the user making a request (the auth hook has set the actor on every route that is not public). */
export function requestDoor(app: App): (request: { actor: UserActor | null }) => Door {
  return (request) => openDoor(app.database.db, request.actor!);
}

/** The unit's caseworkers and supervisors: who writes a case's records. */
export const UNIT_ROLES = ['caseworker', 'supervisor'] as const;

/** A refused write: bad input (400), a role that may not (403), out of reach (404), a conflict (409). */
export const WRITE_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } as const;
