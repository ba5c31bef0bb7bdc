import { randomUUID } from 'node:crypto';
import { CROSS_BORDER_LANGUAGE } from '../cases/case-workflow.ts';
import {
  type AcknowledgementInput, CROSS_BORDER_FILE_FORMAT, type CrossBorderFile, type CrossBorderInput, type CrossBorderSummary, type CrossBorderView,
} from './transfer-schema.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import { publicKeyOf, signingKey, signValue } from './signing.ts';
import { actorUserId, authorOrg, caseBaseQuery, readCase, withCase, type CaseRow } from '../cases/case-context.ts';
import { caseSectionVisible } from '../cases/case-reach.ts';
import type { Door, Tx } from '../policy/door.ts';
import { iso } from '../domain/dates.ts';

/**
 * Cross-border referrals: a summary of the case for another country's child protection authority,
 * signed with the deployment's Ed25519 key. The summary holds what the other side needs to act —
 * the child's identity, the risk level, the kinds of harm, where the child lives, the plan's goals
 * — and never perpetrators' names or narrative notes. What was sent is stored as sent.
 */

function crossBorderQuery(tx: Tx, country: string) {
  return tx
    .selectFrom('cross_border_referrals as x')
    .leftJoin('users as s', 's.id', 'x.sent_by')
    .selectAll('x')
    .select('s.display_name as sent_by_name')
    .where('x.country', '=', country);
}
type CrossBorderRow = Awaited<ReturnType<ReturnType<typeof crossBorderQuery>['executeTakeFirstOrThrow']>>;

function crossBorderView(r: CrossBorderRow): CrossBorderView {
  return {
    id: r.id,
    caseId: r.case_id,
    destinationCountry: r.destination_country,
    destinationAuthority: r.destination_authority,
    language: r.language,
    reason: r.reason,
    consentChild: r.consent_child,
    consentCaregiver: r.consent_caregiver,
    bestInterestsReason: r.best_interests_reason,
    status: r.status,
    keyId: r.key_id,
    sentAt: iso(r.sent_at),
    sentByName: r.sent_by_name ?? null,
    acknowledgedAt: r.acknowledged_at == null ? null : iso(r.acknowledged_at),
    acknowledgedByName: r.acknowledged_by_name,
    acknowledgementNote: r.acknowledgement_note,
  };
}

/** What is sent: built from the case's records, with nothing narrative in it. */
async function buildSummary(tx: Tx, kase: CaseRow, id: string, input: CrossBorderInput, language: 'sq' | 'bg' | 'en'): Promise<CrossBorderSummary> {
  const signals = await tx.selectFrom('case_signals as cs')
    .innerJoin('signals as s', (j) => j.onRef('s.country', '=', 'cs.country').onRef('s.id', '=', 'cs.signal_id'))
    .select('s.harm_types').where('cs.country', '=', kase.country).where('cs.case_id', '=', kase.id).execute();
  const placement = await tx.selectFrom('placements').select(['kind', 'started_on'])
    .where('country', '=', kase.country).where('case_id', '=', kase.id).where('ended_on', 'is', null).executeTakeFirst();
  // The plan in force (approved): a draft is not yet agreed with the family.
  const goals = await tx.selectFrom('plans as p')
    .innerJoin('plan_goals as g', (j) => j.onRef('g.country', '=', 'p.country').onRef('g.plan_id', '=', 'p.id'))
    .select(['g.domain', 'g.description'])
    .where('p.country', '=', kase.country).where('p.case_id', '=', kase.id).where('p.status', '=', 'approved')
    .orderBy('g.position').execute();
  const unit = await tx.selectFrom('organisations').select('name').where('id', '=', kase.unit_id).executeTakeFirstOrThrow();
  return {
    format: 'safetynet-cross-border-summary/1',
    referenceId: id,
    fromCountry: kase.country,
    fromUnit: unit.name,
    destinationCountry: input.destinationCountry,
    destinationAuthority: input.destinationAuthority,
    language,
    reason: input.reason,
    consentChild: input.consentChild,
    consentCaregiver: input.consentCaregiver,
    bestInterestsReason: input.bestInterestsReason ?? null,
    child: { givenName: kase.given_name, familyName: kase.family_name, sex: kase.sex, birthDate: kase.birth_date == null ? null : String(kase.birth_date) },
    riskLevel: kase.risk_level,
    harmTypes: [...new Set(signals.flatMap((s) => s.harm_types))].sort(),
    placement: placement ? { kind: placement.kind, since: String(placement.started_on) } : null,
    planGoals: goals.map((g) => ({ domain: g.domain, description: g.description })),
    issuedAt: new Date().toISOString(),
  };
}

export async function sendCrossBorder(door: Door, caseId: string, input: CrossBorderInput): Promise<CrossBorderView> {
  return withCase(door, caseId, 'send_cross_border', async (ctx) => {
    const { tx, kase } = ctx;
    const language = CROSS_BORDER_LANGUAGE[input.destinationCountry];
    if (!language || input.destinationCountry === kase.country) {
      throw new InputError('The destination country is not valid', [{ path: 'destinationCountry', message: 'must be another country than the case\'s own' }]);
    }
    const id = randomUUID();
    const summary = await buildSummary(tx, kase, id, input, language);
    const key = await signingKey(tx);
    await tx.insertInto('cross_border_referrals').values({
      country: kase.country,
      id,
      case_id: kase.id,
      destination_country: input.destinationCountry,
      destination_authority: input.destinationAuthority,
      language,
      reason: input.reason,
      consent_child: input.consentChild,
      consent_caregiver: input.consentCaregiver,
      best_interests_reason: input.bestInterestsReason ?? null,
      summary: JSON.stringify(summary),
      signature: signValue(summary, key),
      key_id: key.id,
      sent_by: actorUserId(door),
      author_org_id: authorOrg(door, kase),
    }).execute();
    await ctx.event('cross_border_sent', { entity: 'cross_border', entityId: id, detail: { destinationCountry: input.destinationCountry } });
    return crossBorderView(await crossBorderQuery(tx, kase.country).where('x.id', '=', id).executeTakeFirstOrThrow());
  }, { detail: { destinationCountry: input.destinationCountry } });
}

export async function listCrossBorder(door: Door, caseId: string): Promise<{ items: CrossBorderView[] }> {
  return readCase(door, caseId, 'cross_border', async ({ tx, kase, reason }) => {
    const rows = await crossBorderQuery(tx, kase.country).where('x.case_id', '=', kase.id).orderBy('x.sent_at', 'desc').execute();
    return { items: rows.filter((r) => caseSectionVisible({ actor: door.actor, reason }, { authorOrgId: r.author_org_id })).map(crossBorderView) };
  });
}

/** The case of a cross-border referral, when the reader reaches it; 404 otherwise (audited). */
async function caseOf(door: Door, id: string): Promise<string> {
  const row = await door.transaction((tx) => caseBaseQuery(door, tx)
    .innerJoin('cross_border_referrals as x', (j) => j.onRef('x.country', '=', 'k.country').onRef('x.case_id', '=', 'k.id'))
    .select('x.case_id').where('x.id', '=', id).executeTakeFirst());
  if (!row) {
    await door.auditAlone([{ action: 'read', entity: 'cross_border', entityId: id, outcome: 'denied' }]);
    throw new NotFoundError('cross-border referral');
  }
  return row.case_id;
}

/** One referral as stored, for the signed file and the printable summary (audited as a read of the case). */
export async function getCrossBorderRecord(door: Door, id: string): Promise<{ view: CrossBorderView; summary: CrossBorderSummary; signature: string; keyId: string }> {
  const caseId = await caseOf(door, id);
  const found = await readCase(door, caseId, 'cross_border', async ({ tx, kase, reason }) => {
    const r = await crossBorderQuery(tx, kase.country).where('x.id', '=', id).executeTakeFirstOrThrow();
    if (!caseSectionVisible({ actor: door.actor, reason }, { authorOrgId: r.author_org_id })) return null;
    const summary = (typeof r.summary === 'string' ? JSON.parse(r.summary) : r.summary) as CrossBorderSummary;
    return { view: crossBorderView(r), summary, signature: r.signature, keyId: r.key_id };
  });
  if (!found) throw new NotFoundError('cross-border referral');
  return found;
}

export async function crossBorderFile(door: Door, id: string): Promise<CrossBorderFile> {
  const rec = await getCrossBorderRecord(door, id);
  const publicKey = await door.transaction((tx) => publicKeyOf(tx, rec.keyId));
  if (!publicKey) throw new NotFoundError('signing key');
  return { format: CROSS_BORDER_FILE_FORMAT, summary: rec.summary, signature: rec.signature, keyId: rec.keyId, publicKey };
}

export async function acknowledgeCrossBorder(door: Door, id: string, input: AcknowledgementInput): Promise<CrossBorderView> {
  const caseId = await caseOf(door, id);
  return withCase(door, caseId, 'acknowledge_cross_border', async (ctx) => {
    const { tx, kase } = ctx;
    const r = await crossBorderQuery(tx, kase.country).where('x.id', '=', id).forUpdate('x').executeTakeFirstOrThrow();
    if (r.status === 'acknowledged') throw new ConflictError('This referral has already been acknowledged', { allowed: [] });
    if (input.acknowledgedAt < iso(r.sent_at).slice(0, 10)) {
      throw new InputError('The acknowledgement cannot precede the sending', [{ path: 'acknowledgedAt', message: 'cannot be before the day it was sent' }]);
    }
    if (input.acknowledgedAt > new Date().toISOString().slice(0, 10)) {
      throw new InputError('The acknowledgement cannot be in the future', [{ path: 'acknowledgedAt', message: 'cannot be in the future' }]);
    }
    await tx.updateTable('cross_border_referrals').set({
      status: 'acknowledged',
      acknowledged_at: new Date(`${input.acknowledgedAt}T12:00:00Z`),
      acknowledged_by_name: input.acknowledgedByName,
      acknowledgement_note: input.note ?? null,
      recorded_by: actorUserId(door),
    }).where('country', '=', kase.country).where('id', '=', id).execute();
    await ctx.event('cross_border_acknowledged', { entity: 'cross_border', entityId: id, detail: { destinationCountry: r.destination_country } });
    return crossBorderView(await crossBorderQuery(tx, kase.country).where('x.id', '=', id).executeTakeFirstOrThrow());
  }, { detail: { crossBorderId: id } });
}
