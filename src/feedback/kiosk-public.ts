import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { AppError, ConflictError, NotFoundError } from '../errors.ts';
import type { Door, Tx } from '../policy/door.ts';
import { localDay } from '../domain/deadlines.ts';
import type { Language } from '../domain/i18n/languages.ts';
import { AGE_BANDS, FACE_QUESTIONS, MEET_PLACES, type AnswerInput } from './feedback-schema.ts';
import { notesOf } from './kiosks.ts';

/**
 * The kiosk's public side (no sign-in): a child's tablet reads the questions by the kiosk's
 * token and sends one answer per visit. Both run in a system Door named `kiosk` (audited, with
 * no actor): nothing about the child is kept but the answer and its local day — no address, no
 * cookie, no account. Each GET gives a one-time nonce; an answer must carry an unused one (a
 * replay is 409, nothing stored). Answers are limited per kiosk per minute (429), visits too.
 */

/** How long a visit's nonce stays good: a slow child, not a day-old page. */
const VISIT_HOURS = 2;
/** Unanswered visits per kiosk per minute before the GET answers 429 (a page reload loop). */
const VISITS_PER_MINUTE = 120;

export class KioskClosedError extends AppError {
  constructor() {
    super(410, 'This kiosk is closed');
  }
}
export class TooManyError extends AppError {
  constructor() {
    super(429, 'Too many answers just now; try again in a minute');
  }
}

async function kioskByToken(tx: Tx, token: string, lock = false) {
  let q = tx.selectFrom('kiosks as k').innerJoin('organisations as o', 'o.id', 'k.org_id').leftJoin('jurisdictions as j', 'j.code', 'o.jurisdiction_code')
    .select(['k.id', 'k.country', 'k.label', 'k.languages', 'k.status', 'j.timezone']).where('k.token', '=', token);
  if (lock) q = q.modifyEnd(sql`FOR UPDATE OF k`);
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError('kiosk');
  if (row.status !== 'open') throw new KioskClosedError();
  return row;
}

const since = (ms: number) => new Date(Date.now() - ms);

export async function kioskQuestions(door: Door, token: string) {
  return door.transaction(async (tx, audit) => {
    const k = await kioskByToken(tx, token, true);
    const recent = await tx.selectFrom('kiosk_visits').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('kiosk_id', '=', k.id).where('issued_at', '>', since(60_000)).executeTakeFirstOrThrow();
    if (Number(recent.n) >= VISITS_PER_MINUTE) throw new TooManyError();
    // Old visits go: a nonce is good for VISIT_HOURS; a day later its row is of no use.
    await tx.deleteFrom('kiosk_visits').where('kiosk_id', '=', k.id).where('issued_at', '<', since(24 * 3_600_000)).execute();
    const nonce = randomBytes(32).toString('base64url');
    await tx.insertInto('kiosk_visits').values({ nonce, kiosk_id: k.id }).execute();
    await audit([{ chain: k.country, action: 'visit', entity: 'kiosk', entityId: k.id, reason: 'public', outcome: 'ok' }]);
    return {
      label: k.label, languages: k.languages as Language[], nonce,
      questions: [...FACE_QUESTIONS], places: [...MEET_PLACES], ageBands: [...AGE_BANDS],
      notes: (await notesOf(tx, k.id)).map(({ id: _id, ...n }) => n),
    };
  });
}

/** The quarter of a local day: 2026-05-04 → 2026-Q2. */
export const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;

export async function submitAnswer(door: Door, token: string, input: AnswerInput, perMinute: number): Promise<{ ok: true }> {
  return door.transaction(async (tx, audit) => {
    // The kiosk row is locked: the answers of one kiosk are counted one after another.
    const k = await kioskByToken(tx, token, true);
    const recent = await tx.selectFrom('kiosk_visits').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('kiosk_id', '=', k.id).where('used_at', '>', since(60_000)).executeTakeFirstOrThrow();
    if (Number(recent.n) >= perMinute) throw new TooManyError();
    const used = await tx.updateTable('kiosk_visits').set({ used_at: new Date() })
      .where('nonce', '=', input.nonce).where('kiosk_id', '=', k.id).where('used_at', 'is', null).where('issued_at', '>', since(VISIT_HOURS * 3_600_000))
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new ConflictError('This visit was already answered, or has expired: open the kiosk again');
    const day = localDay(new Date(), k.timezone ?? 'UTC');
    const text = input.freeText?.trim() ? input.freeText.trim() : null;
    const { id } = await tx.insertInto('kiosk_answers').values({
      country: k.country, kiosk_id: k.id, submitted_on: day, quarter: quarterOf(day),
      felt: input.felt ?? null, listened: input.listened ?? null, better: input.better ?? null,
      meet_place: input.meetPlace ?? null, age_band: input.ageBand ?? null, free_text: text,
    }).returning('id').executeTakeFirstOrThrow();
    // The audit names the answer and whether it holds a text, never the text.
    await audit([{ chain: k.country, action: 'answer', entity: 'kiosk_answer', entityId: id, reason: 'public', outcome: 'ok', detail: { kiosk: k.id, freeText: text !== null } }]);
    return { ok: true as const };
  });
}
