import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Door } from '../policy/door.ts';
import { startPdf } from '../server/pdf-document.ts';
import { translator } from '../reports/report-rows.ts';
import type { Language } from '../domain/i18n/languages.ts';
import { type Keeper, attendedEnough, daysOf, keeper } from './trainings-reach.ts';
import { sessionOf } from './registry.ts';
import { participantsOf } from './participants.ts';
import type { CertificateView, Verification } from './trainings-schema.ts';

/**
 * Certificates (issue 14 §5): issued to a participant who attended the session (every day, or the
 * share SAFETYNET_CERTIFICATE_ATTENDANCE), as a PDF that carries a random verification code. Anyone
 * checks a code on the public page /verify/<code> (trainings-public.ts): the name, the module, the
 * dates and the issuing organisation, nothing else.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A random code of 12 characters in three groups (about 60 bits): `K7QM-3XWA-P9DT`. */
export function newCode(): string {
  const c = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}`;
}
/** A code as typed (letter case, spaces) in its stored form, or null if it cannot be one. */
export function normaliseCode(raw: string): string | null {
  const c = raw.toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z0-9]{12}$/.test(c) ? `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}` : null;
}

export async function issueCertificate(door: Door, sessionId: string, participantId: string, share: number): Promise<CertificateView> {
  const k = keeper(door.actor);
  return door.transaction(async (tx, audit) => {
    const session = await sessionOf(tx, k, sessionId);
    const p = (await participantsOf(tx, session, share)).find((x) => x.id === participantId);
    if (!p) throw new NotFoundError('participant');
    if (p.certificateCode) throw new ConflictError('A certificate was already issued to this participant', { code: p.certificateCode });
    const total = daysOf(session.starts_on, session.ends_on).length;
    if (!attendedEnough(p.days.length, total, share)) {
      throw new ConflictError(`The participant attended ${p.days.length} of ${total} days; a certificate needs ${Math.ceil(total * share - 1e-9)}`);
    }
    const code = newCode();
    const row = await tx.insertInto('training_certificates').values({ code, participant_id: p.id, issued_by: k.userId }).returning('issued_at').executeTakeFirstOrThrow();
    await audit([{ chain: k.country, action: 'create', entity: 'training_certificate', entityId: p.id, reason: 'trainings', outcome: 'ok', detail: { session: session.id } }]);
    return { code, participantId: p.id, name: p.name, issuedAt: new Date(row.issued_at).toISOString() };
  });
}

type CertificateRow = Verification & { country: string; orgId: string };

async function certificateRow(db: Kysely<DB>, code: string): Promise<CertificateRow | null> {
  const row = await db.selectFrom('training_certificates as c')
    .innerJoin('training_participants as p', 'p.id', 'c.participant_id')
    .innerJoin('training_sessions as s', 's.id', 'p.session_id')
    .innerJoin('training_modules as m', 'm.id', 's.module_id')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .select(['c.code', 'c.issued_at', 'p.name', 'm.title', 'm.hours', 's.starts_on', 's.ends_on', 's.country', 's.org_id', 'o.name as issuer'])
    .where('c.code', '=', code).executeTakeFirst();
  if (!row) return null;
  return {
    code: row.code, name: row.name, module: row.title, hours: row.hours, startsOn: row.starts_on, endsOn: row.ends_on, issuer: row.issuer,
    issuedAt: new Date(row.issued_at).toISOString(), country: row.country, orgId: row.org_id,
  };
}

/** What the public page shows for a code, or null (unknown). No audit entry names the holder. */
export async function verifyCertificate(app: Kysely<DB>, raw: string): Promise<Verification | null> {
  const code = normaliseCode(raw);
  if (!code) return null;
  const row = await certificateRow(app, code);
  if (!row) return null;
  const { country: _c, orgId: _o, ...shown } = row;
  return shown;
}

/** The certificate as a PDF, for its keeper (another organisation's: 404). */
export async function certificatePdf(door: Door, raw: string, language: Language, publicUrl: string): Promise<{ pdf: Buffer; code: string }> {
  const k: Keeper = keeper(door.actor);
  const code = normaliseCode(raw);
  const found = await door.read(async (tx, audit) => {
    const row = code ? await certificateRow(tx, code) : null;
    if (!row || row.country !== k.country || (k.scope === 'organisation' && row.orgId !== k.organisationId)) throw new NotFoundError('certificate');
    await audit([{ chain: k.country, action: 'export', entity: 'training_certificate', reason: 'trainings', outcome: 'ok', detail: { format: 'pdf' } }]);
    return row;
  });
  return { pdf: await renderCertificate(found, language, publicUrl), code: found.code };
}

export function renderCertificate(c: Verification, language: Language, publicUrl: string): Promise<Buffer> {
  const { t } = translator(language);
  const p = (key: string) => t(`trainings.pdf.${key}`);
  // The code in the document's information too, so a reader (or a search) finds it as text.
  const { doc, done } = startPdf({ title: `${p('title')} ${c.code}`, margin: 64 });
  doc.info.Subject = `${p('code')}: ${c.code}`;
  doc.info.Keywords = c.code;
  doc.font('bold').fontSize(24).text(p('title'), { align: 'center' });
  doc.moveDown(1.5).font('body').fontSize(12).text(p('certifies'), { align: 'center' });
  doc.moveDown(0.5).font('bold').fontSize(20).text(c.name, { align: 'center' });
  doc.moveDown(0.8).font('body').fontSize(12).text(p('completed'), { align: 'center' });
  doc.moveDown(0.4).font('bold').fontSize(15).text(c.module, { align: 'center' });
  doc.moveDown(0.6).font('body').fontSize(11).text(`${c.startsOn} – ${c.endsOn} · ${c.hours} ${p('hours')}`, { align: 'center' });
  doc.moveDown(2).fontSize(11).text(`${p('issuer')}: ${c.issuer}`, { align: 'center' });
  doc.text(`${p('issuedOn')}: ${c.issuedAt.slice(0, 10)}`, { align: 'center' });
  doc.moveDown(3).font('bold').fontSize(12).text(`${p('code')}: ${c.code}`, { align: 'center' });
  doc.font('body').fontSize(9).text(`${p('verify')} ${publicUrl.replace(/\/$/, '')}/verify/${c.code}`, { align: 'center' });
  doc.end();
  return done;
}
