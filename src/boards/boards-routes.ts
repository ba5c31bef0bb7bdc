import { z } from 'zod';
import { ErrorBody, Id } from '../domain/common-schema.ts';
import { registerTaskSource } from '../tasks/task-sources.ts';
import { requestDoor, WRITE_ERRORS } from '../server/route-parts.ts';
import type { App } from '../server/types.ts';
import { getBoard, listBoards } from './boards.ts';
import { addAdvocacy, addMember, addViews, createBoard, memberLeaves, recordMeeting, respondToView, updateAdvocacy, updateBoard } from './board-writes.ts';
import { BOARD_ROLES } from './boards-reach.ts';
import { boardViewTasks } from './board-tasks.ts';
import { AdvocacyEdit, AdvocacyInput, BoardDetail, BoardEdit, BoardInput, BoardList, MeetingInput, MemberInput, MemberLeave, ResponseInput, ViewInput } from './boards-schema.ts';

registerTaskSource(boardViewTasks);

const tags = ['boards'];
const Params = z.strictObject({ id: Id });
const config = { roles: BOARD_ROLES };

/**
 * Child consultation boards (issue 14 §3): the staff of units and NGOs manage their organisation's
 * boards; every write answers the whole board. Monitors get the figures in the services report.
 */
export async function boardsRoutes(app: App) {
  const door = requestDoor(app);

  app.get('/boards', {
    config,
    schema: { operationId: 'listConsultationBoards', tags, summary: "The organisation's child consultation boards (a unit supervisor: also the NGO boards of its jurisdiction)", response: { 200: BoardList, 403: ErrorBody } },
    handler: (request) => listBoards(door(request)),
  });
  app.post('/boards', {
    config,
    schema: { operationId: 'createConsultationBoard', tags, summary: "Sets up a board for a municipality of the organisation's jurisdiction", body: BoardInput, response: { 201: BoardDetail, ...WRITE_ERRORS } },
    handler: async (request, reply) => reply.code(201).send(await createBoard(door(request), request.body)),
  });
  app.get('/boards/:id', {
    config,
    schema: { operationId: 'getConsultationBoard', tags, summary: 'One board: members (pseudonyms), meetings with attendance, views and their responses, advocacy actions', params: Params, response: { 200: BoardDetail, 403: ErrorBody, 404: ErrorBody } },
    handler: (request) => getBoard(door(request), request.params.id),
  });
  app.put('/boards/:id', {
    config,
    schema: { operationId: 'updateConsultationBoard', tags, summary: 'Renames a board or closes it (with the version read)', params: Params, body: BoardEdit, response: { 200: BoardDetail, ...WRITE_ERRORS } },
    handler: (request) => updateBoard(door(request), request.params.id, request.body),
  });
  app.post('/boards/:id/members', {
    config,
    schema: { operationId: 'addBoardMember', tags, summary: "Adds a member by pseudonym, with the child's and the guardian's consent", params: Params, body: MemberInput, response: { 201: BoardDetail, ...WRITE_ERRORS } },
    handler: async (request, reply) => reply.code(201).send(await addMember(door(request), request.params.id, request.body)),
  });
  app.post('/boards/:id/members/:memberId/leave', {
    config,
    schema: { operationId: 'boardMemberLeaves', tags, summary: 'Records the day a member left the board', params: z.strictObject({ id: Id, memberId: Id }), body: MemberLeave, response: { 200: BoardDetail, ...WRITE_ERRORS } },
    handler: (request) => memberLeaves(door(request), request.params.id, request.params.memberId, request.body.leftOn),
  });
  app.post('/boards/:id/meetings', {
    config,
    schema: { operationId: 'recordBoardMeeting', tags, summary: 'Records a meeting: attendance of current members, topics and the views raised', params: Params, body: MeetingInput, response: { 201: BoardDetail, ...WRITE_ERRORS } },
    handler: async (request, reply) => reply.code(201).send(await recordMeeting(door(request), request.params.id, request.body)),
  });
  app.post('/boards/:id/meetings/:meetingId/views', {
    config,
    schema: { operationId: 'addBoardViews', tags, summary: 'Adds views raised at a meeting already recorded', params: z.strictObject({ id: Id, meetingId: Id }), body: z.strictObject({ views: z.array(ViewInput).min(1).max(50) }), response: { 201: BoardDetail, ...WRITE_ERRORS } },
    handler: async (request, reply) => reply.code(201).send(await addViews(door(request), request.params.id, request.params.meetingId, request.body.views)),
  });
  app.post('/boards/:id/responses', {
    config,
    schema: { operationId: 'respondToBoardView', tags, summary: 'Records what the unit or its partners did about a view, and the status it leaves the view in', params: Params, body: ResponseInput, response: { 201: BoardDetail, ...WRITE_ERRORS } },
    handler: async (request, reply) => reply.code(201).send(await respondToView(door(request), request.params.id, request.body)),
  });
  app.post('/boards/:id/advocacy', {
    config,
    schema: { operationId: 'addBoardAdvocacy', tags, summary: 'Records an advocacy action the children chose', params: Params, body: AdvocacyInput, response: { 201: BoardDetail, ...WRITE_ERRORS } },
    handler: async (request, reply) => reply.code(201).send(await addAdvocacy(door(request), request.params.id, request.body)),
  });
  app.put('/boards/:id/advocacy/:actionId', {
    config,
    schema: { operationId: 'updateBoardAdvocacy', tags, summary: "Changes an advocacy action's status (with the version read)", params: z.strictObject({ id: Id, actionId: Id }), body: AdvocacyEdit, response: { 200: BoardDetail, ...WRITE_ERRORS } },
    handler: (request) => updateAdvocacy(door(request), request.params.id, request.params.actionId, request.body),
  });
}
