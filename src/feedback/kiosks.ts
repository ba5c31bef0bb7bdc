import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { sql } from 'kysely';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { type UserActor, hasRole } from '../policy/actor.ts';
import type { Door, Tx } from '../policy/door.ts';
import { iso } from '../domain/dates.ts';
import type { Language } from '../domain/i18n/languages.ts';
import type { KioskInput, KioskView, NoteView } from './feedback-schema.ts';

/**
 * The feedback kiosks of a unit or a provider (issue 14 §1). The unit's caseworkers and
 * supervisors see its kiosks and their results; its supervisors open, close and reopen them,
 * publish "you said, we did" notes and review the children's free texts. A provider's staff
 * (role `provider`: an NGO centre, a shelter, an institution) do the same for their own
 * organisation's kiosks, but never read the free texts: a child may disclose harm by a worker
 * there, so the supervisor of the municipality's unit reviews them (src/feedback/kiosk-reach.ts).
 * Another organisation's kiosk is absent (404). Each read and write goes through the Door (the
 * kiosk's counts read the answers, child data), audited.
 */
export const FEEDBACK_ROLES = ['caseworker', 'supervisor', 'provider'] as const;
/** Who opens, closes and reopens kiosks and publishes notes: the unit's supervisor, a provider's staff. */
export const MANAGING_ROLES = ['supervisor', 'provider'] as const;

export function isUnitStaff(actor: Door['actor']): actor is UserActor {
  return actor.kind === 'user' && actor.isProtectionUnit && hasRole(actor, 'caseworker', 'supervisor');
}
export function isUnitSupervisor(actor: Door['actor']): actor is UserActor {
  return actor.kind === 'user' && actor.isProtectionUnit && hasRole(actor, 'supervisor');
}
/** A provider's staff: role `provider` in an organisation that is not a Child Protection Unit. */
export function isProviderStaff(actor: Door['actor']): actor is UserActor {
  return actor.kind === 'user' && !actor.isProtectionUnit && hasRole(actor, 'provider');
}
/** Who sees an organisation's kiosks and results: the unit's staff, a provider's staff. */
export function isKioskStaff(actor: Door['actor']): actor is UserActor {
  return isUnitStaff(actor) || isProviderStaff(actor);
}
function staff(door: Door): UserActor {
  if (!isKioskStaff(door.actor)) throw new ForbiddenError("Only a unit's or a provider's staff see its kiosks");
  return door.actor;
}
function supervisor(door: Door): UserActor {
  if (!isUnitSupervisor(door.actor) && !isProviderStaff(door.actor)) throw new ForbiddenError("Only the unit's supervisor or the provider's staff manage its kiosks");
  return door.actor;
}

/** The kiosk page's address for a token (the server serves /kiosk/<token>). */
export const kioskPath = (token: string) => `/kiosk/${token}`;

async function qrOf(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

function kioskQuery(tx: Tx) {
  return tx.selectFrom('kiosks as k').innerJoin('organisations as o', 'o.id', 'k.org_id').selectAll('k').select('o.name as org_name')
    .select((eb) => [
      eb.selectFrom('kiosk_answers as a').whereRef('a.kiosk_id', '=', 'k.id').whereRef('a.country', '=', 'k.country').select((e) => e.fn.countAll<string>().as('n')).as('answers'),
      eb.selectFrom('kiosk_answers as a').whereRef('a.kiosk_id', '=', 'k.id').whereRef('a.country', '=', 'k.country').where('a.free_text', 'is not', null).where('a.reviewed_at', 'is', null)
        .select((e) => e.fn.countAll<string>().as('n')).as('unreviewed'),
    ]);
}
type KioskRow = Awaited<ReturnType<ReturnType<typeof kioskQuery>['executeTakeFirstOrThrow']>>;

async function kioskView(actor: UserActor, r: KioskRow, publicUrl: string): Promise<KioskView> {
  const link = `${publicUrl.replace(/\/$/, '')}${kioskPath(r.token)}`;
  return {
    id: r.id, orgId: r.org_id, orgName: r.org_name, label: r.label, service: r.service, languages: r.languages as Language[],
    status: r.status, link, qrCode: await qrOf(link), answers: Number(r.answers ?? 0),
    unreviewed: isUnitSupervisor(actor) ? Number(r.unreviewed ?? 0) : 0,
    createdAt: iso(r.created_at), closedAt: r.closed_at ? iso(r.closed_at) : null, version: r.version, manageable: isUnitSupervisor(actor) || isProviderStaff(actor),
  };
}

/** The organisation's own kiosk, locked for a change when `lock`; 404 when another organisation's or absent. */
export async function ownKiosk(tx: Tx, actor: UserActor, id: string, lock = false) {
  let q = kioskQuery(tx).where('k.id', '=', id).where('k.org_id', '=', actor.organisationId).where('k.country', '=', actor.country);
  if (lock) q = q.modifyEnd(sql`FOR UPDATE OF k`);
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError('kiosk');
  return row;
}

export async function listKiosks(door: Door, publicUrl: string): Promise<{ items: KioskView[] }> {
  const actor = staff(door);
  return door.read(async (tx, audit) => {
    const rows = await kioskQuery(tx).where('k.org_id', '=', actor.organisationId).where('k.country', '=', actor.country).orderBy('k.status', 'desc').orderBy('k.created_at', 'desc').execute();
    await audit([{ chain: actor.country, action: 'list', entity: 'kiosk', reason: 'unit', outcome: 'ok', detail: { count: rows.length } }]);
    return { items: await Promise.all(rows.map((r) => kioskView(actor, r, publicUrl))) };
  });
}

export async function getKiosk(door: Door, id: string, publicUrl: string): Promise<KioskView> {
  const actor = staff(door);
  return door.read(async (tx, audit) => {
    const row = await ownKiosk(tx, actor, id);
    await audit([{ chain: actor.country, action: 'read', entity: 'kiosk', entityId: id, reason: 'unit', outcome: 'ok' }]);
    return kioskView(actor, row, publicUrl);
  });
}

export async function createKiosk(door: Door, input: KioskInput, publicUrl: string): Promise<KioskView> {
  const actor = supervisor(door);
  const id = await door.transaction(async (tx, audit) => {
    const org = await tx.selectFrom('organisations as o').leftJoin('jurisdictions as j', 'j.code', 'o.jurisdiction_code')
      .select(['j.level', 'j.code', 'j.parent_code']).where('o.id', '=', actor.organisationId).executeTakeFirstOrThrow();
    const region = org.level === 'municipality' ? org.parent_code : org.level === 'region' ? org.code : null;
    const { id } = await tx.insertInto('kiosks').values({
      country: actor.country, org_id: actor.organisationId, region_code: region, label: input.label, service: input.service,
      languages: input.languages, token: randomBytes(32).toString('base64url'), created_by: actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await audit([{ chain: actor.country, action: 'create', entity: 'kiosk', entityId: id, reason: 'unit', outcome: 'ok', detail: { service: input.service } }]);
    return id;
  });
  return getKiosk(door, id, publicUrl);
}

/** Closes or reopens a kiosk (the version read: a stale one is 409). A closed kiosk's link answers 410. */
export async function setKioskStatus(door: Door, id: string, status: 'open' | 'closed', version: number, publicUrl: string): Promise<KioskView> {
  const actor = supervisor(door);
  await door.transaction(async (tx, audit) => {
    const row = await ownKiosk(tx, actor, id, true);
    if (row.version !== version) throw new ConflictError('The kiosk was changed meanwhile');
    if (row.status !== status) {
      await tx.updateTable('kiosks').set({ status, closed_at: status === 'closed' ? new Date() : null, version: row.version + 1 }).where('id', '=', id).execute();
    }
    await audit([{ chain: actor.country, action: status === 'closed' ? 'close' : 'reopen', entity: 'kiosk', entityId: id, reason: 'unit', outcome: 'ok' }]);
  });
  return getKiosk(door, id, publicUrl);
}

const noteView = (n: { id: string; language: string; you_said: string; we_did: string; published_at: Date }): NoteView =>
  ({ id: n.id, language: n.language as Language, youSaid: n.you_said, weDid: n.we_did, publishedAt: iso(n.published_at) });

/** The published notes of a kiosk, newest first (at most 20: what the kiosk page shows). */
export async function notesOf(tx: Tx, kioskId: string): Promise<NoteView[]> {
  const rows = await tx.selectFrom('kiosk_notes').select(['id', 'language', 'you_said', 'we_did', 'published_at'])
    .where('kiosk_id', '=', kioskId).where('withdrawn_at', 'is', null).orderBy('published_at', 'desc').orderBy('id').limit(20).execute();
  return rows.map(noteView);
}

export async function listNotes(door: Door, kioskId: string): Promise<{ items: NoteView[] }> {
  const actor = staff(door);
  return door.read(async (tx, audit) => {
    await ownKiosk(tx, actor, kioskId);
    await audit([{ chain: actor.country, action: 'list', entity: 'kiosk_note', entityId: kioskId, reason: 'unit', outcome: 'ok' }]);
    return { items: await notesOf(tx, kioskId) };
  });
}

export async function publishNote(door: Door, kioskId: string, input: { language: Language; youSaid: string; weDid: string }): Promise<NoteView> {
  const actor = supervisor(door);
  return door.transaction(async (tx, audit) => {
    await ownKiosk(tx, actor, kioskId, true);
    const row = await tx.insertInto('kiosk_notes').values({ kiosk_id: kioskId, language: input.language, you_said: input.youSaid, we_did: input.weDid, author_id: actor.userId })
      .returning(['id', 'language', 'you_said', 'we_did', 'published_at']).executeTakeFirstOrThrow();
    await audit([{ chain: actor.country, action: 'create', entity: 'kiosk_note', entityId: row.id, reason: 'unit', outcome: 'ok' }]);
    return noteView(row);
  });
}

export async function withdrawNote(door: Door, kioskId: string, noteId: string): Promise<{ ok: true }> {
  const actor = supervisor(door);
  return door.transaction(async (tx, audit) => {
    await ownKiosk(tx, actor, kioskId, true);
    const done = await tx.updateTable('kiosk_notes').set({ withdrawn_at: new Date() }).where('id', '=', noteId).where('kiosk_id', '=', kioskId).where('withdrawn_at', 'is', null).executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw new NotFoundError('note');
    await audit([{ chain: actor.country, action: 'withdraw', entity: 'kiosk_note', entityId: noteId, reason: 'unit', outcome: 'ok' }]);
    return { ok: true as const };
  });
}
