import { type ExpressionBuilder, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import {
  OPEN_REFERRAL_STATUSES, REFERRAL_ACTION_ACTOR, REFERRAL_WORKFLOW, type CaseEventKind, type ReferralAction, type ReferralStatus,
} from '../cases/case-workflow.ts';
import { deadlinesFor, dueAfterDays } from '../domain/deadlines.ts';
import { sortOf } from '../domain/list-sort.ts';
import type {
  ReferralCompleteInput, ReferralDeclineInput, ReferralInput, ReferralListQuery, ReferralServiceInput,
  ReferralServiceView, ReferralView, ReferralWithdrawInput,
} from './referral-schema.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors.ts';
import {
  type CaseContext, actorUserId, authorOrg, caseSelect, grantInTx, readCase, recordCaseEvent, revokeInTx, unitTimeZone, withCase, } from '../cases/case-context.ts';
import { type CaseAccessReason, caseInReach, isCaseUnitReason } from '../cases/case-reach.ts';
import type { AuditDraft, Door, Tx } from '../policy/door.ts';
import { iso } from '../domain/dates.ts';

/**
 * Referrals of a case's child to a service provider. Making one is a case action (withCase,
 * 'refer'); what follows is the referral's own workflow (REFERRAL_WORKFLOW): the provider
 * accepts, declines, records services and completes; the referring unit withdraws. Those are not
 * case actions — the provider has no say over the case — so withReferral below is their guard,
 * built like withCase: lock, reach, relationship, workflow, version, audit, timeline.
 * A pending referral is all the provider reads: the child's identity, the service, the request
 * and the consent — the case and the child's record answer 404 to it. Accepting gives it a
 * 'referral' grant, and with it the case in part (each section's own rule); declining, a
 * withdrawal or the case's closure end its sight of the referral and of the case.
 */

type ReferralEB = ExpressionBuilder<DB & { r: DB['referrals'] }, 'r'>;

/**
 * The provider's sight of a referral: while it is pending (to answer it), then through the grant
 * its acceptance gave (declining, a withdrawal or the case's closure end it).
 */
function providerSight(eb: ReferralEB) {
  return eb.or([
    eb('r.status', '=', 'pending'),
    eb.exists(
      eb.selectFrom('child_access as a').select(sql`1`.as('one'))
        .whereRef('a.country', '=', 'r.country')
        // source_id is text (it names records of several kinds).
        .where(sql<boolean>`a.source_id = r.id::text`)
        .whereRef('a.organisation_id', '=', 'r.provider_org_id')
        .where('a.reason', '=', 'referral').where('a.revoked_at', 'is', null),
    ),
  ]);
}

/**
 * Referrals on cases in the reader's reach (the referring unit), or made to the reader's
 * organisation while it has sight of them: a provider reads a pending referral without reaching
 * the case, which it reaches only once it has accepted.
 */
export function referralQuery(door: Door, tx: Tx) {
  const actor = door.actor;
  return caseSelect(door, tx)
    .innerJoin('referrals as r', (j) => j.onRef('r.country', '=', 'k.country').onRef('r.case_id', '=', 'k.id'))
    .innerJoin('organisations as prov', 'prov.id', 'r.provider_org_id')
    .leftJoin('users as referrer', 'referrer.id', 'r.referred_by')
    .select([
      'r.id as r_id', 'r.provider_org_id', 'r.service', 'r.request', 'r.consent_child', 'r.consent_caregiver',
      'r.best_interests_reason', 'r.status as r_status', 'r.referred_at', 'r.respond_by', 'r.complete_by',
      'r.responded_at', 'r.decline_reason', 'r.completed_at', 'r.outcome', 'r.withdrawn_reason', 'r.withdrawn_code',
      'r.version as r_version', 'prov.name as provider_name', 'referrer.display_name as referred_by_name',
    ])
    .select((eb) => providerSight(eb).as('provider_sight'))
    .where((eb) => {
      const inReach = caseInReach(actor)(eb as unknown as Parameters<ReturnType<typeof caseInReach>>[0]);
      if (actor.kind !== 'user') return inReach;
      return eb.or([inReach, eb.and([eb('r.provider_org_id', '=', actor.organisationId), providerSight(eb)])]);
    });
}
type ReferralRow = Awaited<ReturnType<ReturnType<typeof referralQuery>['executeTakeFirstOrThrow']>>;

/** How the reader stands to one referral: its provider (with sight of it), the referring unit, or neither. */
export function relation(door: Door, row: ReferralRow) {
  const actor = door.actor;
  const provider = actor.kind === 'user' && row.provider_org_id === actor.organisationId && Boolean(row.provider_sight);
  const referrer = isCaseUnitReason(row.access_reason as CaseAccessReason);
  return { provider, referrer };
}

function allowedActions(door: Door, row: ReferralRow, rel = relation(door, row)): ReferralAction[] {
  return REFERRAL_WORKFLOW[row.r_status as ReferralStatus].filter((a) => (REFERRAL_ACTION_ACTOR[a] === 'provider' ? rel.provider : rel.referrer));
}

/**
 * Whether the reader sees a referral (its provider, or the referring unit), for records that
 * hang off it (attachments): its country, child and the reason, or null — in a Door's transaction.
 */
export async function referralSight(door: Door, tx: Tx, referralId: string): Promise<{ country: string; childId: string; reason: string; referrer: boolean } | null> {
  const row = await referralQuery(door, tx).where('r.id', '=', referralId).executeTakeFirst();
  if (!row) return null;
  const rel = relation(door, row);
  if (!rel.provider && !rel.referrer) return null;
  return { country: row.country, childId: row.child_id, reason: rel.referrer ? String(row.access_reason) : 'referral', referrer: rel.referrer };
}

export function isReferralOverdue(row: { status: string; respond_by: Date | string; complete_by: Date | string | null }, now = new Date()): boolean {
  if (row.status === 'pending') return new Date(row.respond_by).getTime() < now.getTime();
  if (row.status === 'accepted' && row.complete_by) return new Date(row.complete_by).getTime() < now.getTime();
  return false;
}

function referralView(door: Door, row: ReferralRow, services: ReferralServiceView[], rel = relation(door, row)): ReferralView {
  return {
    id: row.r_id,
    caseId: row.id,
    child: { id: row.child_id, givenName: row.given_name, familyName: row.family_name, sex: row.sex, birthDate: row.birth_date == null ? null : String(row.birth_date) },
    unitId: row.unit_id,
    unitName: row.unit_name,
    providerOrgId: row.provider_org_id,
    providerName: row.provider_name,
    service: row.service as ReferralView['service'],
    request: row.request,
    consentChild: row.consent_child,
    consentCaregiver: row.consent_caregiver,
    bestInterestsReason: row.best_interests_reason,
    status: row.r_status as ReferralStatus,
    referredAt: iso(row.referred_at),
    referredByName: row.referred_by_name ?? null,
    respondBy: iso(row.respond_by),
    completeBy: row.complete_by ? iso(row.complete_by) : null,
    respondedAt: row.responded_at ? iso(row.responded_at) : null,
    declineReason: row.decline_reason,
    completedAt: row.completed_at ? iso(row.completed_at) : null,
    outcome: row.outcome,
    withdrawnReason: row.withdrawn_reason,
    withdrawnCode: row.withdrawn_code,
    services,
    overdue: isReferralOverdue({ status: row.r_status, respond_by: row.respond_by, complete_by: row.complete_by }),
    allowed: allowedActions(door, row, rel),
    version: row.r_version,
  };
}

async function servicesOf(tx: Tx, rows: ReferralRow[]): Promise<Map<string, ReferralServiceView[]>> {
  const out = new Map<string, ReferralServiceView[]>();
  if (rows.length === 0) return out;
  const services = await tx
    .selectFrom('referral_services as s')
    .leftJoin('users as u', 'u.id', 's.recorded_by')
    .select(['s.id', 's.referral_id', 's.delivered_on', 's.description', 's.sessions', 's.created_at', 'u.display_name as recorded_by_name'])
    .where('s.country', '=', rows[0]!.country)
    .where('s.referral_id', 'in', rows.map((r) => r.r_id))
    .orderBy('s.delivered_on').orderBy('s.created_at')
    .execute();
  for (const s of services) {
    const list = out.get(s.referral_id) ?? [];
    list.push({ id: s.id, deliveredOn: String(s.delivered_on), description: s.description, sessions: s.sessions, recordedByName: s.recorded_by_name ?? null, createdAt: iso(s.created_at) });
    out.set(s.referral_id, list);
  }
  return out;
}

/** Visible rows as views, each read audited with the reason that granted it (ids only). */
async function viewsOf(door: Door, tx: Tx, audit: ((e: AuditDraft[]) => Promise<void>) | null, rows: ReferralRow[]): Promise<ReferralView[]> {
  const visible = rows.filter((r) => { const rel = relation(door, r); return rel.provider || rel.referrer; });
  const services = await servicesOf(tx, visible);
  if (audit && visible.length > 0) {
    await audit(visible.map((r) => ({
      chain: r.country, action: 'read', entity: 'referral', entityId: r.r_id, childId: r.child_id,
      reason: relation(door, r).referrer ? (r.access_reason as string) : 'referral', outcome: 'ok' as const,
    })));
  }
  return visible.map((r) => referralView(door, r, services.get(r.r_id) ?? []));
}

export async function listCaseReferrals(door: Door, caseId: string): Promise<{ items: ReferralView[] }> {
  // readCase: 404 when the case is out of reach, and the section read audited once.
  return readCase(door, caseId, 'referral', async ({ tx, kase }) => {
    const rows = await referralQuery(door, tx).where('k.country', '=', kase.country).where('k.id', '=', kase.id).orderBy('r.referred_at', 'desc').orderBy('r.id').execute();
    return { items: await viewsOf(door, tx, null, rows) };
  });
}

export async function listReferrals(door: Door, query: ReferralListQuery): Promise<{ items: ReferralView[] }> {
  const actor = door.actor;
  if (actor.kind !== 'user') return { items: [] };
  return door.read(async (tx, audit) => {
    let q = referralQuery(door, tx).where('r.country', '=', actor.country);
    q = query.direction === 'incoming' ? q.where('r.provider_org_id', '=', actor.organisationId) : q.where('k.unit_id', '=', actor.organisationId);
    if (query.status) q = q.where('r.status', '=', query.status);
    const sort = sortOf(query.sort ?? '-referredAt');
    const rows = await q.orderBy(sort.key === 'status' ? 'r.status' : sort.key === 'respondBy' ? 'r.respond_by' : 'r.referred_at', sort.direction).orderBy('r.id').limit(500).execute();
    // Incoming lists only what the reader is the provider of; outgoing only what their unit made.
    const mine = rows.filter((r) => (query.direction === 'incoming' ? relation(door, r).provider : relation(door, r).referrer));
    return { items: await viewsOf(door, tx, audit, mine) };
  });
}

export async function getReferral(door: Door, referralId: string): Promise<ReferralView> {
  const view = await door.read(async (tx, audit) => {
    const rows = await referralQuery(door, tx).where('r.id', '=', referralId).execute();
    return (await viewsOf(door, tx, audit, rows))[0] ?? null;
  });
  if (!view) {
    await door.auditAlone([{ action: 'read', entity: 'referral', entityId: referralId, outcome: 'denied' }]);
    throw new NotFoundError('referral');
  }
  return view;
}

/** Makes a referral: a case action ('refer'). The provider sees the referral; the child's record and the case only once it accepts. */
/** `opts.referredAt` dates the referral in the past (demo data only: a referral long unanswered). */
export async function makeReferral(door: Door, caseId: string, input: ReferralInput, opts: { referredAt?: Date } = {}): Promise<ReferralView> {
  const consented = input.consentChild === 'given' && input.consentCaregiver === 'given';
  if (!consented && !input.bestInterestsReason) {
    throw new InputError('Sharing needs consent or a best-interests reason', [{ path: 'bestInterestsReason', message: 'is required unless the child and the caregiver both consent' }]);
  }
  const id = await withCase(door, caseId, 'refer', async (ctx) => {
    const { kase, tx } = ctx;
    const org = await tx.selectFrom('organisations').select(['id', 'country', 'active']).where('id', '=', input.providerOrgId).executeTakeFirst();
    if (!org || !org.active || org.country !== kase.country || org.id === kase.unit_id) {
      throw new InputError('The provider is not valid', [{ path: 'providerOrgId', message: 'must be an active organisation of this country other than the unit' }]);
    }
    const now = opts.referredAt ?? new Date();
    const respondBy = dueAfterDays(now, deadlinesFor(kase.country).referralResponseDays, await unitTimeZone(tx, kase.unit_id));
    const row = await tx
      .insertInto('referrals')
      .values({
        country: kase.country, case_id: kase.id, provider_org_id: org.id, service: input.service, request: input.request,
        consent_child: input.consentChild, consent_caregiver: input.consentCaregiver,
        best_interests_reason: input.bestInterestsReason || null,
        referred_at: now, referred_by: actorUserId(door), author_org_id: authorOrg(door, kase), respond_by: respondBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // No grant yet: until it accepts, the provider reads the referral only (referralQuery).
    await ctx.event('referral_made', { entity: 'referral', entityId: row.id, detail: { service: input.service } });
    return row.id;
  }, { detail: { service: input.service } });
  return getReferral(door, id);
}

type ReferralContext = { tx: Tx; ref: ReferralRow; now: Date; audit: (entries: AuditDraft[]) => Promise<void> };

/**
 * The guard of the referral's own workflow, like withCase: the referral in reach, locked (404
 * otherwise, the denial audited); the action the reader's side (403 otherwise); allowed by the
 * status (409 with `allowed`); at the version the reader saw (409). Then `work`, the version,
 * the audit entry and the case's timeline step, in one transaction.
 */
async function withReferral(
  door: Door, referralId: string, action: ReferralAction, kind: CaseEventKind,
  work: (ctx: ReferralContext) => Promise<Record<string, string | number | boolean> | void>, opts: { version?: number } = {},
): Promise<ReferralView> {
  type Outcome = { ok: ReferralView } | { denied: true } | { refused: true } | { notAllowed: ReferralAction[] } | { stale: true };
  const outcome: Outcome = await door.transaction(async (tx, audit) => {
    const ref = await referralQuery(door, tx).where('r.id', '=', referralId).forUpdate('r').executeTakeFirst();
    const rel = ref ? relation(door, ref) : null;
    if (!ref || !rel || (!rel.provider && !rel.referrer)) return { denied: true as const };
    const side = REFERRAL_ACTION_ACTOR[action];
    const entry = { chain: ref.country, action: `referral_${action}`, entity: 'referral', entityId: ref.r_id, childId: ref.child_id, reason: rel.referrer ? (ref.access_reason as string) : 'referral' };
    if (side === 'provider' ? !rel.provider : !rel.referrer) {
      await audit([{ ...entry, outcome: 'refused', detail: { status: ref.r_status } }]);
      return { refused: true as const };
    }
    if (!REFERRAL_WORKFLOW[ref.r_status as ReferralStatus].includes(action)) {
      await audit([{ ...entry, outcome: 'refused', detail: { status: ref.r_status } }]);
      return { notAllowed: allowedActions(door, ref) };
    }
    if (opts.version !== undefined && opts.version !== ref.r_version) return { stale: true as const };
    const detail = (await work({ tx, ref, now: new Date(), audit })) ?? {};
    // Recording a service is not an edit of the referral: another reader's open form stays current.
    if (action !== 'record_service') {
      await tx.updateTable('referrals').set({ version: sql<number>`version + 1` }).where('country', '=', ref.country).where('id', '=', ref.r_id).execute();
    }
    await recordCaseEvent(door, tx, { country: ref.country, id: ref.id }, kind, { entity: 'referral', entityId: ref.r_id, detail: { service: ref.service, ...detail } });
    await audit([{ ...entry, outcome: 'ok', detail: { from: ref.r_status, ...detail } }]);
    // The answer is built here, as the reader stood before the action: a provider who declined
    // has no sight of the referral any more, yet is owed the outcome of what they did.
    // (Read from the table itself: the reach that let them act may have just ended.)
    const r = await tx.selectFrom('referrals').selectAll().where('country', '=', ref.country).where('id', '=', ref.r_id).executeTakeFirstOrThrow();
    const after: ReferralRow = {
      ...ref, r_status: r.status, r_version: r.version, responded_at: r.responded_at, complete_by: r.complete_by,
      decline_reason: r.decline_reason, completed_at: r.completed_at, outcome: r.outcome, withdrawn_reason: r.withdrawn_reason,
      withdrawn_code: r.withdrawn_code,
    };
    const services = await servicesOf(tx, [after]);
    return { ok: referralView(door, after, services.get(after.r_id) ?? [], rel) };
  });
  if ('denied' in outcome) {
    await door.auditAlone([{ action: `referral_${action}`, entity: 'referral', entityId: referralId, outcome: 'denied' }]);
    throw new NotFoundError('referral');
  }
  if ('refused' in outcome) throw new ForbiddenError('Your organisation does not take this action on this referral');
  if ('notAllowed' in outcome) throw new ConflictError(`This referral does not allow "${action}" now`, { allowed: outcome.notAllowed });
  if ('stale' in outcome) throw new ConflictError('Someone else changed this referral since you opened it; reload it and try again');
  return outcome.ok;
}

function setReferral(tx: Tx, ref: ReferralRow) {
  return tx.updateTable('referrals').where('country', '=', ref.country).where('id', '=', ref.r_id);
}

export function acceptReferral(door: Door, referralId: string, version: number) {
  return withReferral(door, referralId, 'accept', 'referral_accepted', async ({ tx, ref, now, audit }) => {
    const completeBy = dueAfterDays(now, deadlinesFor(ref.country).referralCompletionDays, await unitTimeZone(tx, ref.unit_id));
    await setReferral(tx, ref).set({ status: 'accepted', responded_at: now, responded_by: actorUserId(door), complete_by: completeBy }).execute();
    // Accepting is what gives the provider sight of the child and, in part, of the case.
    await grantInTx(tx, ref.country, ref.child_id, { reason: 'referral', organisationId: ref.provider_org_id, sourceId: ref.r_id });
    await audit([{ chain: ref.country, action: 'grant', entity: 'child_access', entityId: ref.r_id, childId: ref.child_id, reason: 'referral', outcome: 'ok', detail: { organisationId: ref.provider_org_id } }]);
  }, { version });
}

export function declineReferral(door: Door, referralId: string, input: ReferralDeclineInput) {
  return withReferral(door, referralId, 'decline', 'referral_declined', async ({ tx, ref, now }) => {
    await setReferral(tx, ref).set({ status: 'declined', responded_at: now, responded_by: actorUserId(door), decline_reason: input.reason }).execute();
    await revokeInTx(tx, ref.country, 'referral', ref.r_id);
  }, { version: input.version });
}

export function recordReferralService(door: Door, referralId: string, input: ReferralServiceInput) {
  return withReferral(door, referralId, 'record_service', 'referral_service', async ({ tx, ref }) => {
    await tx.insertInto('referral_services').values({
      country: ref.country, referral_id: ref.r_id, delivered_on: input.deliveredOn, description: input.description,
      sessions: input.sessions ?? null, recorded_by: actorUserId(door), author_org_id: ref.provider_org_id,
    }).execute();
  });
}

export function completeReferral(door: Door, referralId: string, input: ReferralCompleteInput) {
  return withReferral(door, referralId, 'complete', 'referral_completed', async ({ tx, ref, now }) => {
    await setReferral(tx, ref).set({ status: 'completed', completed_at: now, outcome: input.outcome }).execute();
  }, { version: input.version });
}

export function withdrawReferral(door: Door, referralId: string, input: ReferralWithdrawInput) {
  return withReferral(door, referralId, 'withdraw', 'referral_withdrawn', async ({ tx, ref }) => {
    await setReferral(tx, ref).set({ status: 'withdrawn', withdrawn_code: 'unit', withdrawn_reason: input.reason }).execute();
    await revokeInTx(tx, ref.country, 'referral', ref.r_id);
  }, { version: input.version });
}

/**
 * Closing a case withdraws its referrals still open (pending or accepted), inside the closure's
 * transaction (withCase, 'approve_closure'): each is marked withdrawn with the code 'case_closed',
 * the provider's grant for it ends (so it answers 404 to the provider and leaves every task list),
 * a 'referral_withdrawn' step goes on the timeline and the withdrawal and the revoked grant are
 * audited. Returns how many were withdrawn.
 */
export async function withdrawOpenReferralsOnClosure(door: Door, ctx: CaseContext): Promise<number> {
  const { tx, kase } = ctx;
  const open = await tx
    .selectFrom('referrals')
    .select(['id', 'status', 'service', 'provider_org_id'])
    .where('country', '=', kase.country)
    .where('case_id', '=', kase.id)
    .where('status', 'in', [...OPEN_REFERRAL_STATUSES])
    .orderBy('referred_at')
    .orderBy('id')
    .forUpdate()
    .execute();
  for (const r of open) {
    await tx.updateTable('referrals')
      .set({ status: 'withdrawn', withdrawn_code: 'case_closed', withdrawn_reason: null, version: sql<number>`version + 1` })
      .where('country', '=', kase.country).where('id', '=', r.id).execute();
    await revokeInTx(tx, kase.country, 'referral', r.id);
    await ctx.event('referral_withdrawn', { entity: 'referral', entityId: r.id, detail: { service: r.service, from: r.status, withdrawal: 'case_closed' } });
    await ctx.audit([
      { chain: kase.country, action: 'referral_withdraw', entity: 'referral', entityId: r.id, childId: kase.child_id, reason: ctx.reason, outcome: 'ok', detail: { from: r.status, withdrawal: 'case_closed' } },
      { chain: kase.country, action: 'revoke', entity: 'child_access', entityId: r.id, childId: kase.child_id, reason: 'referral', outcome: 'ok', detail: { organisationId: r.provider_org_id, withdrawal: 'case_closed' } },
    ]);
  }
  return open.length;
}
