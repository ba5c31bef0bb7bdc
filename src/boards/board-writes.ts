import { sql } from 'kysely';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors.ts';
import type { Door, Tx } from '../policy/door.ts';
import { localDay } from '../domain/deadlines.ts';
import { municipalityFor } from '../prevention/activities.ts';
import { type BoardRow, boardDetailIn, boardQuery } from './boards.ts';
import { mayChangeBoard, mayManageBoards } from './boards-reach.ts';
import type { AdvocacyInput, BoardDetail, BoardInput, MeetingInput, MemberInput, ResponseInput } from './boards-schema.ts';

/**
 * Writes on child consultation boards, each in one Door transaction with its audit entry, each
 * answering the whole board as its convening organisation now reads it. Bad input answers 400
 * naming the field and stores nothing; a board out of reach is absent (404); a board read but
 * not convened by the reader's organisation (a unit supervisor reading an NGO's board) is 403.
 * Audit details carry ids and counts, never a pseudonym nor a statement.
 */
type Issue = { path: string; message: string };

function refuse(door: Door) {
  if (!mayManageBoards(door.actor)) throw new ForbiddenError('Only the staff of units and NGOs hold consultation boards');
  return door.actor;
}

/** The board, locked, that the reader's organisation convenes; 404 when out of reach. */
async function ownBoard(tx: Tx, door: Door, id: string): Promise<BoardRow> {
  const row = await boardQuery(tx, door).where('b.id', '=', id).modifyEnd(sql`FOR UPDATE OF b`).executeTakeFirst();
  if (!row) throw new NotFoundError('consultation board');
  if (!mayChangeBoard(door.actor, row)) throw new ForbiddenError('Only the convening organisation changes its board');
  return row;
}

function fail(message: string, issues: Issue[]): never {
  throw new InputError(message, issues);
}

/** Runs a write on a board and answers the board as it now reads. */
async function onBoard(door: Door, id: string, now: Date, work: (tx: Tx, row: BoardRow, audit: Parameters<Parameters<Door['transaction']>[0]>[1]) => Promise<void>): Promise<BoardDetail> {
  refuse(door);
  return door.transaction(async (tx, audit) => {
    const row = await ownBoard(tx, door, id);
    await work(tx, row, audit);
    const fresh = await boardQuery(tx, door).where('b.id', '=', id).executeTakeFirstOrThrow();
    return boardDetailIn(tx, door, fresh, now);
  });
}

export async function createBoard(door: Door, input: BoardInput, now = new Date()): Promise<BoardDetail> {
  const actor = refuse(door);
  return door.transaction(async (tx, audit) => {
    const m = await municipalityFor(tx, actor, input.municipalityCode);
    const { id } = await tx.insertInto('consultation_boards').values({
      country: actor.country, org_id: actor.organisationId, municipality_code: m.code, region_code: m.region,
      name: input.name, established_on: input.establishedOn, author_id: actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await audit([{ chain: actor.country, action: 'create', entity: 'consultation_board', entityId: id, reason: 'organisation', outcome: 'ok', detail: { municipality: m.code } }]);
    const row = await boardQuery(tx, door).where('b.id', '=', id).executeTakeFirstOrThrow();
    return boardDetailIn(tx, door, row, now);
  });
}

export function updateBoard(door: Door, id: string, input: { name: string; active: boolean; version: number }, now = new Date()): Promise<BoardDetail> {
  return onBoard(door, id, now, async (tx, row, audit) => {
    if (row.version !== input.version) throw new ConflictError('The board was changed meanwhile');
    await tx.updateTable('consultation_boards').set({ name: input.name, active: input.active, version: row.version + 1 }).where('country', '=', row.country).where('id', '=', row.id).execute();
    await audit([{ chain: row.country, action: 'update', entity: 'consultation_board', entityId: row.id, reason: 'organisation', outcome: 'ok', detail: { active: input.active } }]);
  });
}

export function addMember(door: Door, boardId: string, input: MemberInput, now = new Date()): Promise<BoardDetail> {
  return onBoard(door, boardId, now, async (tx, row, audit) => {
    if (input.joinedOn < row.established_on) fail('Joined before the board was set up', [{ path: 'joinedOn', message: 'must not be before the board was set up' }]);
    const same = await tx.selectFrom('board_members').select('id').where('country', '=', row.country).where('board_id', '=', row.id)
      .where(sql<boolean>`lower(pseudonym) = lower(${input.pseudonym})`).executeTakeFirst();
    if (same) fail('The board already has a member with this pseudonym', [{ path: 'pseudonym', message: 'is already used by a member of this board' }]);
    const { id } = await tx.insertInto('board_members').values({
      country: row.country, board_id: row.id, pseudonym: input.pseudonym, age_band: input.ageBand, sex: input.sex,
      child_consent_on: input.childConsentOn!, guardian_consent_on: input.guardianConsentOn!, joined_on: input.joinedOn, left_on: input.leftOn ?? null,
    }).returning('id').executeTakeFirstOrThrow();
    await audit([{ chain: row.country, action: 'create', entity: 'board_member', entityId: id, reason: 'organisation', outcome: 'ok', detail: { board: row.id } }]);
  });
}

export function memberLeaves(door: Door, boardId: string, memberId: string, leftOn: string, now = new Date()): Promise<BoardDetail> {
  return onBoard(door, boardId, now, async (tx, row, audit) => {
    const m = await tx.selectFrom('board_members').select(['id', 'joined_on']).where('country', '=', row.country).where('board_id', '=', row.id).where('id', '=', memberId).executeTakeFirst();
    if (!m) throw new NotFoundError('board member');
    if (leftOn < m.joined_on) fail('Left before joining', [{ path: 'leftOn', message: 'must not be before the day the child joined' }]);
    const later = await tx.selectFrom('board_attendance as a').innerJoin('board_meetings as g', (j) => j.onRef('g.country', '=', 'a.country').onRef('g.id', '=', 'a.meeting_id'))
      .select('g.id').where('a.country', '=', row.country).where('a.member_id', '=', m.id).where('g.held_on', '>', leftOn).executeTakeFirst();
    if (later) fail('The member attended a meeting after that day', [{ path: 'leftOn', message: 'is before a meeting the member attended' }]);
    await tx.updateTable('board_members').set({ left_on: leftOn }).where('country', '=', row.country).where('id', '=', m.id).execute();
    await audit([{ chain: row.country, action: 'update', entity: 'board_member', entityId: m.id, reason: 'organisation', outcome: 'ok', detail: { board: row.id, left: true } }]);
  });
}

export function recordMeeting(door: Door, boardId: string, input: MeetingInput, now = new Date()): Promise<BoardDetail> {
  return onBoard(door, boardId, now, async (tx, row, audit) => {
    const issues: Issue[] = [];
    if (!row.active) issues.push({ path: 'heldOn', message: 'the board is no longer active' });
    if (input.heldOn < row.established_on) issues.push({ path: 'heldOn', message: 'must not be before the board was set up' });
    if (input.heldOn > localDay(now, row.timezone)) issues.push({ path: 'heldOn', message: 'must not be in the future' });
    const members = input.attendance.length === 0 ? [] : await tx.selectFrom('board_members').select(['id', 'joined_on', 'left_on'])
      .where('country', '=', row.country).where('board_id', '=', row.id).where('id', 'in', input.attendance).execute();
    input.attendance.forEach((memberId, i) => {
      const m = members.find((x) => x.id === memberId);
      if (!m) issues.push({ path: `attendance.${i}`, message: 'is not a member of this board' });
      else if (m.joined_on > input.heldOn) issues.push({ path: `attendance.${i}`, message: 'had not yet joined the board on that day' });
      else if (m.left_on !== null && m.left_on < input.heldOn) issues.push({ path: `attendance.${i}`, message: 'had left the board before that day' });
    });
    if (issues.length > 0) fail('The meeting cannot be recorded', issues);
    const { id } = await tx.insertInto('board_meetings').values({
      country: row.country, board_id: row.id, held_on: input.heldOn, place: input.place, topics: input.topics, author_id: door.actor.kind === 'user' ? door.actor.userId : null,
    }).returning('id').executeTakeFirstOrThrow();
    if (input.attendance.length > 0) await tx.insertInto('board_attendance').values(input.attendance.map((member_id) => ({ country: row.country, meeting_id: id, member_id }))).execute();
    if (input.views.length > 0) {
      await tx.insertInto('board_views').values(input.views.map((v) => ({ country: row.country, board_id: row.id, meeting_id: id, raised_on: input.heldOn, statement: v.statement, themes: v.themes }))).execute();
    }
    await audit([{ chain: row.country, action: 'create', entity: 'board_meeting', entityId: id, reason: 'organisation', outcome: 'ok', detail: { board: row.id, attended: input.attendance.length, views: input.views.length } }]);
  });
}

export function addViews(door: Door, boardId: string, meetingId: string, views: MeetingInput['views'], now = new Date()): Promise<BoardDetail> {
  return onBoard(door, boardId, now, async (tx, row, audit) => {
    const meeting = await tx.selectFrom('board_meetings').select(['id', 'held_on']).where('country', '=', row.country).where('board_id', '=', row.id).where('id', '=', meetingId).executeTakeFirst();
    if (!meeting) throw new NotFoundError('board meeting');
    await tx.insertInto('board_views').values(views.map((v) => ({ country: row.country, board_id: row.id, meeting_id: meeting.id, raised_on: meeting.held_on, statement: v.statement, themes: v.themes }))).execute();
    await audit([{ chain: row.country, action: 'update', entity: 'board_meeting', entityId: meeting.id, reason: 'organisation', outcome: 'ok', detail: { board: row.id, views: views.length } }]);
  });
}

export function respondToView(door: Door, boardId: string, input: ResponseInput, now = new Date()): Promise<BoardDetail> {
  return onBoard(door, boardId, now, async (tx, row, audit) => {
    const view = await tx.selectFrom('board_views').select(['id', 'board_id', 'raised_on', 'status']).where('country', '=', row.country).where('id', '=', input.viewId).modifyEnd(sql`FOR UPDATE`).executeTakeFirst();
    if (!view || view.board_id !== row.id) fail('Not a view of this board', [{ path: 'viewId', message: 'is not a view raised at this board' }]);
    if (view.status === 'answered') fail('The view is already answered', [{ path: 'viewId', message: 'is already answered' }]);
    if (input.respondedOn < view.raised_on) fail('Responded before the view was raised', [{ path: 'respondedOn', message: 'must not be before the view was raised' }]);
    if (input.respondedOn > localDay(now, row.timezone)) fail('Responded in the future', [{ path: 'respondedOn', message: 'must not be in the future' }]);
    const { id } = await tx.insertInto('board_responses').values({
      country: row.country, view_id: view.id, action: input.action, by_whom: input.byWhom, responded_on: input.respondedOn, status: input.status,
      author_id: door.actor.kind === 'user' ? door.actor.userId : null,
    }).returning('id').executeTakeFirstOrThrow();
    await tx.updateTable('board_views').set({ status: input.status, answered_on: input.status === 'answered' ? input.respondedOn : null }).where('country', '=', row.country).where('id', '=', view.id).execute();
    await audit([{ chain: row.country, action: 'create', entity: 'board_response', entityId: id, reason: 'organisation', outcome: 'ok', detail: { board: row.id, view: view.id, status: input.status } }]);
  });
}

export function addAdvocacy(door: Door, boardId: string, input: AdvocacyInput, now = new Date()): Promise<BoardDetail> {
  return onBoard(door, boardId, now, async (tx, row, audit) => {
    if (input.chosenOn < row.established_on) fail('Chosen before the board was set up', [{ path: 'chosenOn', message: 'must not be before the board was set up' }]);
    const { id } = await tx.insertInto('board_advocacy').values({ country: row.country, board_id: row.id, description: input.description, chosen_on: input.chosenOn, status: input.status }).returning('id').executeTakeFirstOrThrow();
    await audit([{ chain: row.country, action: 'create', entity: 'board_advocacy', entityId: id, reason: 'organisation', outcome: 'ok', detail: { board: row.id, status: input.status } }]);
  });
}

export function updateAdvocacy(door: Door, boardId: string, actionId: string, input: { status: AdvocacyInput['status']; version: number }, now = new Date()): Promise<BoardDetail> {
  return onBoard(door, boardId, now, async (tx, row, audit) => {
    const a = await tx.selectFrom('board_advocacy').select(['id', 'version']).where('country', '=', row.country).where('board_id', '=', row.id).where('id', '=', actionId).executeTakeFirst();
    if (!a) throw new NotFoundError('advocacy action');
    if (a.version !== input.version) throw new ConflictError('The advocacy action was changed meanwhile');
    await tx.updateTable('board_advocacy').set({ status: input.status, version: a.version + 1 }).where('country', '=', row.country).where('id', '=', a.id).execute();
    await audit([{ chain: row.country, action: 'update', entity: 'board_advocacy', entityId: a.id, reason: 'organisation', outcome: 'ok', detail: { board: row.id, status: input.status } }]);
  });
}
