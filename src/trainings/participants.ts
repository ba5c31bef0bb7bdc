import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import type { Door } from '../policy/door.ts';
import { municipalityFor } from '../prevention/activities.ts';
import { type Keeper, attendedEnough, daysOf, keeper } from './trainings-reach.ts';
import { sessionOf, sessionView, type SessionRow } from './registry.ts';
import type { ParticipantInput, ParticipantView, ResultsInput, SessionDetail } from './trainings-schema.ts';

/**
 * A session's participants (issue 14 §5): professionals, most of them not users; their attendance
 * per day of the session, the knowledge test before and after (0–100) and the satisfaction rating
 * (1–5). Each write audited; names never go to the audit or to errors.
 */
type Tx = Transaction<DB>;

async function participantsOf(tx: Tx, session: SessionRow, share: number): Promise<ParticipantView[]> {
  const rows = await tx.selectFrom('training_participants as p').leftJoin('training_certificates as c', 'c.participant_id', 'p.id')
    .selectAll('p').select('c.code').where('p.session_id', '=', session.id).orderBy('p.name').orderBy('p.id').execute();
  const days = rows.length === 0 ? [] : await tx.selectFrom('training_attendance').select(['participant_id', 'day']).where('participant_id', 'in', rows.map((r) => r.id)).orderBy('day').execute();
  const total = daysOf(session.starts_on, session.ends_on).length;
  return rows.map((r) => {
    const attended = days.filter((d) => d.participant_id === r.id).map((d) => d.day);
    return {
      id: r.id, sessionId: r.session_id, name: r.name, sector: r.sector, organisation: r.organisation, organisationId: r.organisation_id,
      position: r.position, municipalityCode: r.municipality_code, userId: r.user_id, scoreBefore: r.score_before, scoreAfter: r.score_after,
      rating: r.rating, days: attended, eligible: attendedEnough(attended.length, total, share), certificateCode: r.code,
    };
  });
}

export async function sessionDetail(door: Door, id: string, share: number): Promise<SessionDetail> {
  const k = keeper(door.actor);
  return door.read(async (tx, audit) => {
    const session = await sessionOf(tx, k, id);
    const participants = await participantsOf(tx, session, share);
    await audit([{ chain: k.country, action: 'read', entity: 'training_session', entityId: id, reason: 'trainings', outcome: 'ok', detail: { participants: participants.length } }]);
    return { session: sessionView(session), participants };
  });
}

/** Checks what a participant names (organisation, user, municipality) against the register: the row's values. */
export async function participantValues(tx: Tx, k: Keeper, input: ParticipantInput, path = (f: string) => f) {
  let organisationId = input.organisationId ?? null;
  if (input.userId) {
    const user = await tx.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.organisation_id').select(['u.id', 'o.id as org_id', 'o.country']).where('u.id', '=', input.userId).executeTakeFirst();
    if (!user || user.country !== k.country) throw new InputError('Not a user of your country', [{ path: path('userId'), message: 'is not a user of your country' }]);
    organisationId ??= user.org_id;
  }
  if (organisationId) {
    const org = await tx.selectFrom('organisations').select(['id', 'country']).where('id', '=', organisationId).executeTakeFirst();
    if (!org || org.country !== k.country) throw new InputError('Not an organisation of your country', [{ path: path('organisationId'), message: 'is not an organisation of your country' }]);
  }
  const municipality = input.municipalityCode ? (await municipalityFor(tx, { country: k.country, jurisdictionCode: k.country }, input.municipalityCode, path('municipalityCode'))).code : null;
  return {
    name: input.name, sector: input.sector, organisation: input.organisation, organisation_id: organisationId, position: input.position ?? '',
    municipality_code: municipality, user_id: input.userId ?? null,
  };
}

/** Whether the session already has this person (same name and organisation, letter case aside). */
export async function alreadyIn(tx: Tx, sessionId: string, name: string, organisation: string): Promise<boolean> {
  const row = await tx.selectFrom('training_participants').select('id').where('session_id', '=', sessionId)
    .where(sql`lower(name)`, '=', name.toLowerCase()).where(sql`lower(organisation)`, '=', organisation.toLowerCase()).executeTakeFirst();
  return Boolean(row);
}

export async function addParticipant(door: Door, sessionId: string, input: ParticipantInput, share: number): Promise<ParticipantView> {
  const k = keeper(door.actor);
  return door.transaction(async (tx, audit) => {
    const session = await sessionOf(tx, k, sessionId);
    const values = await participantValues(tx, k, input);
    if (await alreadyIn(tx, session.id, input.name, input.organisation)) throw new ConflictError('This participant (same name and organisation) is already in the session');
    const { id } = await tx.insertInto('training_participants').values({ country: session.country, session_id: session.id, ...values }).returning('id').executeTakeFirstOrThrow();
    await audit([{ chain: k.country, action: 'create', entity: 'training_participant', entityId: id, reason: 'trainings', outcome: 'ok', detail: { session: session.id } }]);
    return (await participantsOf(tx, session, share)).find((p) => p.id === id)!;
  });
}

/** The participant of a session the keeper keeps, with its session, or a 404. */
async function participantOf(tx: Tx, k: Keeper, sessionId: string, participantId: string) {
  const session = await sessionOf(tx, k, sessionId);
  const p = await tx.selectFrom('training_participants').select(['id']).where('id', '=', participantId).where('session_id', '=', session.id).forUpdate().executeTakeFirst();
  if (!p) throw new NotFoundError('participant');
  return session;
}

/** The days the participant attended: each a day of the session (else 400, nothing stored); replaces what was recorded. */
export async function setAttendance(door: Door, sessionId: string, participantId: string, days: string[], share: number): Promise<ParticipantView> {
  const k = keeper(door.actor);
  return door.transaction(async (tx, audit) => {
    const session = await participantOf(tx, k, sessionId, participantId);
    const allowed = new Set(daysOf(session.starts_on, session.ends_on));
    const issues = days.flatMap((d, i) => (allowed.has(d) ? [] : [{ path: `days.${i}`, message: `is not a day of the session (${session.starts_on} to ${session.ends_on})` }]));
    if (issues.length > 0) throw new InputError('A day outside the session', issues);
    const unique = [...new Set(days)].sort();
    await tx.deleteFrom('training_attendance').where('participant_id', '=', participantId).execute();
    if (unique.length > 0) await tx.insertInto('training_attendance').values(unique.map((day) => ({ participant_id: participantId, day }))).execute();
    await audit([{ chain: k.country, action: 'update', entity: 'training_attendance', entityId: participantId, reason: 'trainings', outcome: 'ok', detail: { days: unique.length } }]);
    return (await participantsOf(tx, session, share)).find((p) => p.id === participantId)!;
  });
}

export async function setResults(door: Door, sessionId: string, participantId: string, input: ResultsInput, share: number): Promise<ParticipantView> {
  const k = keeper(door.actor);
  return door.transaction(async (tx, audit) => {
    const session = await participantOf(tx, k, sessionId, participantId);
    await tx.updateTable('training_participants').set({ score_before: input.scoreBefore, score_after: input.scoreAfter, rating: input.rating }).where('id', '=', participantId).execute();
    await audit([{ chain: k.country, action: 'update', entity: 'training_participant', entityId: participantId, reason: 'trainings', outcome: 'ok', detail: { results: true } }]);
    return (await participantsOf(tx, session, share)).find((p) => p.id === participantId)!;
  });
}

export { participantsOf };
