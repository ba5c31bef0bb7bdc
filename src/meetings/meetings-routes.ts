import { z } from 'zod';
import { ErrorBody, Id } from '../domain/common-schema.ts';
import {
  ActionItemInput, ActionItemList, ActionItemQuery, ActionItemView, DoneInput, MeetingInput, MeetingList, MeetingPatch,
  MeetingQuery, MeetingView, SignalMeetingContext,
} from './meeting-schema.ts';
import {
  addActionItem, completeActionItem, getActionItem, listActionItems, meetingTasks, reopenActionItem,
} from './action-items.ts';
import { conveneMeeting, getMeeting, listMeetings, updateMeeting } from './meeting-records.ts';
import { signalMeetingContext } from './meeting-signal-context.ts';
import { requestDoor, UNIT_ROLES } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';
import { registerTaskSource } from '../tasks/task-sources.ts';

// Open action items and meetings still to convene join each user's task list.
registerTaskSource(meetingTasks);

const tags = ['meetings'];
const Params = z.strictObject({ id: Id });
/** Who may take part in meetings: the units, and the organisations they invite. */
const MEETING_ROLES = ['caseworker', 'supervisor', 'partner', 'provider', 'police_support'] as const;

/** Coordination meetings, participants and action items. Every handler goes through the policy door. */
export async function meetingsRoutes(app: App) {
  const door = requestDoor(app);

  app.get('/meetings', {
    config: { roles: MEETING_ROLES },
    schema: { operationId: 'listMeetings', tags, querystring: MeetingQuery, response: { 200: MeetingList, 400: ErrorBody } },
    handler: (request) => listMeetings(door(request), request.query),
  });

  app.post('/meetings', {
    config: { roles: UNIT_ROLES },
    schema: {
      operationId: 'conveneMeeting',
      tags,
      summary: 'Convene (or record) a coordination meeting on a signal of the unit or for children of the unit',
      body: MeetingInput,
      response: { 201: MeetingView, 400: ErrorBody, 403: ErrorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await conveneMeeting(door(request), request.body)),
  });

  app.get('/meetings/from-signal/:id', {
    config: { roles: UNIT_ROLES },
    schema: {
      operationId: 'getSignalMeetingContext',
      tags,
      summary: "A unit's signal as the convene form needs it: children, mandatory sectors, the initial meeting's deadline",
      params: Params,
      response: { 200: SignalMeetingContext, 404: ErrorBody },
    },
    handler: (request) => signalMeetingContext(door(request), request.params.id),
  });

  app.get('/meetings/:id', {
    config: { roles: MEETING_ROLES },
    schema: { operationId: 'getMeeting', tags, params: Params, response: { 200: MeetingView, 404: ErrorBody } },
    handler: (request) => getMeeting(door(request), request.params.id),
  });

  app.patch('/meetings/:id', {
    config: { roles: UNIT_ROLES },
    schema: {
      operationId: 'updateMeeting',
      tags,
      params: Params,
      body: MeetingPatch,
      response: { 200: MeetingView, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody.extend({ current: MeetingView.optional() }) },
    },
    handler: (request) => updateMeeting(door(request), request.params.id, request.body),
  });

  app.post('/meetings/:id/action-items', {
    config: { roles: UNIT_ROLES },
    schema: {
      operationId: 'addActionItem',
      tags,
      params: Params,
      body: ActionItemInput,
      response: { 201: ActionItemView, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await addActionItem(door(request), request.params.id, request.body)),
  });

  app.get('/action-items', {
    config: { roles: MEETING_ROLES },
    schema: {
      operationId: 'listActionItems',
      tags,
      summary: "Action items: by default the open ones of the caller's organisation (or the caller)",
      querystring: ActionItemQuery,
      response: { 200: ActionItemList, 400: ErrorBody },
    },
    handler: (request) => listActionItems(door(request), request.query),
  });

  app.get('/action-items/:id', {
    config: { roles: MEETING_ROLES },
    schema: { operationId: 'getActionItem', tags, params: Params, response: { 200: ActionItemView, 404: ErrorBody } },
    handler: (request) => getActionItem(door(request), request.params.id),
  });

  app.post('/action-items/:id/done', {
    config: { roles: MEETING_ROLES },
    schema: {
      operationId: 'completeActionItem',
      tags,
      params: Params,
      body: DoneInput,
      response: { 200: ActionItemView, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    handler: (request) => completeActionItem(door(request), request.params.id, request.body.note || undefined),
  });

  app.post('/action-items/:id/reopen', {
    config: { roles: UNIT_ROLES },
    schema: { operationId: 'reopenActionItem', tags, params: Params, response: { 200: ActionItemView, 403: ErrorBody, 404: ErrorBody } },
    handler: (request) => reopenActionItem(door(request), request.params.id),
  });
}
