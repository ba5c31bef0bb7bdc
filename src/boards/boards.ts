import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { Door, Tx } from '../policy/door.ts';
import { localDay } from '../domain/deadlines.ts';
import { BOARD_ANSWER_DAYS, boardInReach, mayChangeBoard, mayManageBoards, plusDays } from './boards-reach.ts';
import type { BoardDetail, BoardSummary } from './boards-schema.ts';

/**
 * Child consultation boards, read through the Door with an audit entry per read. A board's
 * members, meetings, attendance and views are given only to the readers boards-reach.ts lets
 * reach the board; no function here names a child (members are pseudonyms).
 */
type AnyTx = Tx | Transaction<DB>;

export function boardQuery(tx: AnyTx, door: Door) {
  return tx
    .selectFrom('consultation_boards as b')
    .innerJoin('organisations as o', 'o.id', 'b.org_id')
    .innerJoin('jurisdictions as m', 'm.code', 'b.municipality_code')
    .selectAll('b')
    .select(['o.name as org_name', 'm.name_local as municipality_name', 'm.timezone'])
    .where(boardInReach(door.actor));
}
export type BoardRow = Awaited<ReturnType<ReturnType<typeof boardQuery>['executeTakeFirstOrThrow']>>;

const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

type Counts = { members: number; meetings: number; last: string | null; open: number; inProgress: number; answered: number; overdue: number };

async function countsOf(tx: AnyTx, rows: BoardRow[], now: Date): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>();
  for (const r of rows) out.set(r.id, { members: 0, meetings: 0, last: null, open: 0, inProgress: 0, answered: 0, overdue: 0 });
  if (rows.length === 0) return out;
  const countries = [...new Set(rows.map((r) => r.country))];
  const ids = rows.map((r) => r.id);
  const zone = new Map(rows.map((r) => [r.id, r.timezone]));
  const members = await tx.selectFrom('board_members').select(['board_id', 'joined_on', 'left_on']).where('country', 'in', countries).where('board_id', 'in', ids).execute();
  for (const m of members) {
    const today = localDay(now, zone.get(m.board_id)!);
    if (day(m.joined_on) <= today && (m.left_on === null || day(m.left_on) > today)) out.get(m.board_id)!.members += 1;
  }
  const meetings = await tx.selectFrom('board_meetings').select(['board_id', 'held_on']).where('country', 'in', countries).where('board_id', 'in', ids).execute();
  for (const m of meetings) {
    const c = out.get(m.board_id)!;
    c.meetings += 1;
    if (c.last === null || day(m.held_on) > c.last) c.last = day(m.held_on);
  }
  const views = await tx.selectFrom('board_views').select(['board_id', 'status', 'raised_on']).where('country', 'in', countries).where('board_id', 'in', ids).execute();
  for (const v of views) {
    const c = out.get(v.board_id)!;
    if (v.status === 'answered') c.answered += 1;
    else {
      if (v.status === 'open') c.open += 1; else c.inProgress += 1;
      if (localDay(now, zone.get(v.board_id)!) > plusDays(day(v.raised_on), BOARD_ANSWER_DAYS)) c.overdue += 1;
    }
  }
  return out;
}

function summaryOf(door: Door, r: BoardRow, c: Counts): BoardSummary {
  return {
    id: r.id, country: r.country, orgId: r.org_id, orgName: r.org_name, name: r.name,
    municipalityCode: r.municipality_code, municipalityName: r.municipality_name, regionCode: r.region_code,
    establishedOn: day(r.established_on), active: r.active, version: r.version,
    currentMembers: c.members, meetingCount: c.meetings, lastMeetingOn: c.last,
    views: { open: c.open, inProgress: c.inProgress, answered: c.answered, overdue: c.overdue },
    editable: mayChangeBoard(door.actor, r),
  };
}

function refuseOutsiders(door: Door) {
  if (!mayManageBoards(door.actor) && door.actor.kind !== 'system') throw new ForbiddenError('Only the staff of units and NGOs hold consultation boards');
}

export async function listBoards(door: Door, now = new Date()): Promise<{ items: BoardSummary[] }> {
  refuseOutsiders(door);
  return door.read(async (tx, audit) => {
    const rows = await boardQuery(tx, door).orderBy('b.active', 'desc').orderBy('b.name').limit(500).execute();
    const counts = await countsOf(tx, rows, now);
    await audit([{ action: 'list', entity: 'consultation_board', reason: 'organisation', outcome: 'ok', detail: { count: rows.length } }]);
    return { items: rows.map((r) => summaryOf(door, r, counts.get(r.id)!)) };
  });
}

/** The whole board in the caller's transaction (reach already applied by boardQuery). */
export async function boardDetailIn(tx: AnyTx, door: Door, row: BoardRow, now: Date): Promise<BoardDetail> {
  const c = (await countsOf(tx, [row], now)).get(row.id)!;
  const k = { country: row.country, board: row.id };
  const members = await tx.selectFrom('board_members').selectAll().where('country', '=', k.country).where('board_id', '=', k.board).orderBy('joined_on').orderBy('pseudonym').execute();
  const meetings = await tx.selectFrom('board_meetings').selectAll().where('country', '=', k.country).where('board_id', '=', k.board).orderBy('held_on', 'desc').orderBy('created_at', 'desc').execute();
  const attendance = meetings.length === 0 ? [] : await tx.selectFrom('board_attendance').select(['meeting_id', 'member_id']).where('country', '=', k.country).where('meeting_id', 'in', meetings.map((m) => m.id)).execute();
  const views = await tx.selectFrom('board_views').selectAll().where('country', '=', k.country).where('board_id', '=', k.board).orderBy('raised_on', 'desc').orderBy('created_at').execute();
  const responses = views.length === 0 ? [] : await tx.selectFrom('board_responses as r').leftJoin('users as u', 'u.id', 'r.author_id')
    .select(['r.id', 'r.view_id', 'r.action', 'r.by_whom', 'r.responded_on', 'r.status', 'u.display_name as author_name'])
    .where('r.country', '=', k.country).where('r.view_id', 'in', views.map((v) => v.id)).orderBy('r.responded_on').orderBy('r.created_at').execute();
  const advocacy = await tx.selectFrom('board_advocacy').selectAll().where('country', '=', k.country).where('board_id', '=', k.board).orderBy('chosen_on', 'desc').execute();
  const today = localDay(now, row.timezone);
  return {
    ...summaryOf(door, row, c),
    members: members.map((m) => ({
      id: m.id, pseudonym: m.pseudonym, ageBand: m.age_band as BoardDetail['members'][number]['ageBand'], sex: m.sex as BoardDetail['members'][number]['sex'],
      childConsentOn: day(m.child_consent_on), guardianConsentOn: day(m.guardian_consent_on), joinedOn: day(m.joined_on), leftOn: m.left_on === null ? null : day(m.left_on),
    })),
    meetings: meetings.map((m) => ({
      id: m.id, heldOn: day(m.held_on), place: m.place, topics: m.topics,
      attendance: attendance.filter((a) => a.meeting_id === m.id).map((a) => a.member_id),
    })),
    viewList: views.map((v) => {
      const dueOn = plusDays(day(v.raised_on), BOARD_ANSWER_DAYS);
      return {
        id: v.id, meetingId: v.meeting_id, raisedOn: day(v.raised_on), statement: v.statement,
        themes: v.themes as BoardDetail['viewList'][number]['themes'], status: v.status as BoardDetail['viewList'][number]['status'],
        answeredOn: v.answered_on === null ? null : day(v.answered_on), dueOn, overdue: v.status !== 'answered' && today > dueOn,
        responses: responses.filter((r) => r.view_id === v.id).map((r) => ({
          id: r.id, action: r.action, byWhom: r.by_whom, respondedOn: day(r.responded_on), status: r.status as 'in_progress' | 'answered', authorName: r.author_name ?? null,
        })),
      };
    }),
    advocacy: advocacy.map((a) => ({ id: a.id, description: a.description, chosenOn: day(a.chosen_on), status: a.status as BoardDetail['advocacy'][number]['status'], version: a.version })),
  };
}

export async function getBoard(door: Door, id: string, now = new Date()): Promise<BoardDetail> {
  refuseOutsiders(door);
  return door.read(async (tx, audit) => {
    const row = await boardQuery(tx, door).where('b.id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('consultation board');
    await audit([{ chain: row.country, action: 'read', entity: 'consultation_board', entityId: row.id, reason: 'organisation', outcome: 'ok' }]);
    return boardDetailIn(tx, door, row, now);
  });
}
