import { sql } from 'kysely';
import { actorUserId, authorOrg, unitTimeZone, withCase } from '../cases/case-context.ts';
import { isCaseUnitReason } from '../cases/case-reach.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import type { AuditDraft, Door, Tx } from '../policy/door.ts';
import type { InstitutionView, ResidentInput, ResidentRow, ResidentUpdate, ResidentView } from './institution-schema.ts';
import { isInstitutionStaff, isUnitMember } from './institution-reach.ts';
import { type ResidentDbRow, residentRow, residentSelect, residentView } from './resident-view.ts';

/**
 * The residents of residential care institutions. A resident is the child's placement of kind
 * 'residential_institution' at an organisation of sector residential_care, with what the
 * deinstitutionalisation work needs besides (why, parental rights, contact with the family).
 */

export function residentEntry(r: { country: string; id: string; child_id: string; reach: unknown }, action: string, outcome: AuditDraft['outcome'] = 'ok'): AuditDraft {
  return { chain: r.country, action, entity: 'institution_resident', entityId: r.id, childId: r.child_id, reason: String(r.reach), outcome };
}

/** The resident in the reader's reach (locked for a write), or null. */
export async function findResident(door: Door, tx: Tx, id: string, lock = false): Promise<ResidentDbRow | null> {
  let q = residentSelect(door.actor, tx).where('r.id', '=', id);
  if (lock) q = q.forUpdate('r');
  return (await q.executeTakeFirst()) ?? null;
}

/** Reads or writes one resident in reach: out of reach is 404 (audited as denied). */
export async function withResident<T>(door: Door, id: string, action: string, work: (tx: Tx, r: ResidentDbRow, audit: (e: AuditDraft[]) => Promise<void>) => Promise<T>): Promise<T> {
  const out = await door.transaction(async (tx, audit) => {
    const r = await findResident(door, tx, id, true);
    if (!r) return null;
    const result = await work(tx, r, audit);
    await audit([residentEntry(r, action)]);
    return { result };
  });
  if (!out) {
    await door.auditAlone([{ action, entity: 'institution_resident', entityId: id, outcome: 'denied' }]);
    throw new NotFoundError('resident');
  }
  return out.result;
}

export async function viewOf(door: Door, tx: Tx, id: string): Promise<ResidentView> {
  const r = await findResident(door, tx, id);
  if (!r) throw new NotFoundError('resident');
  return residentView(tx, door.actor, r, await unitTimeZone(tx, r.unit_id));
}

export async function getResident(door: Door, id: string): Promise<ResidentView> {
  const out = await door.read(async (tx, audit) => {
    const r = await findResident(door, tx, id);
    if (!r) return null;
    await audit([residentEntry(r, 'read')]);
    return residentView(tx, door.actor, r, await unitTimeZone(tx, r.unit_id));
  });
  if (!out) {
    await door.auditAlone([{ action: 'read', entity: 'institution_resident', entityId: id, outcome: 'denied' }]);
    throw new NotFoundError('resident');
  }
  return out;
}

/** The institutions of the reader's country (a provider of one: its own), with beds and current residents. */
export async function listInstitutions(door: Door): Promise<{ items: InstitutionView[] }> {
  const actor = door.actor;
  if (actor.kind !== 'user') return { items: [] };
  return door.read(async (tx) => {
    let q = tx.selectFrom('organisations as o')
      .select(['o.id', 'o.name', 'o.jurisdiction_code', 'o.beds'])
      .select((eb) => eb.selectFrom('institution_residents as r')
        .innerJoin('placements as p', (j) => j.onRef('p.country', '=', 'r.country').onRef('p.id', '=', 'r.placement_id'))
        .select(sql<number>`count(*)::int`.as('n')).whereRef('p.provider_org_id', '=', 'o.id').where('p.ended_on', 'is', null).as('residents'))
      .where('o.country', '=', actor.country).where('o.sector', '=', 'residential_care').where('o.active', '=', true);
    if (!isUnitMember(actor)) q = q.where('o.id', '=', actor.organisationId);
    const rows = await q.orderBy('o.name').execute();
    return { items: rows.map((o) => ({ id: o.id, name: o.name, jurisdictionCode: o.jurisdiction_code, beds: o.beds ?? null, residents: Number(o.residents ?? 0) })) };
  });
}

/** An institution's residents in the reader's reach (its staff: all of them; a unit: its cases'). */
export async function listResidents(door: Door, institutionId: string, opts: { current?: boolean } = {}): Promise<{ items: ResidentRow[] }> {
  const actor = door.actor;
  const out = await door.read(async (tx, audit) => {
    // An institution of the unit's country, or the staff's own; anything else is absent.
    const inst = await tx.selectFrom('organisations').select(['id', 'country']).where('id', '=', institutionId).where('sector', '=', 'residential_care').executeTakeFirst();
    if (!inst || (actor.kind === 'user' && !(isUnitMember(actor) && inst.country === actor.country) && actor.organisationId !== inst.id)) return null;
    let q = residentSelect(door.actor, tx).where('p.provider_org_id', '=', institutionId)
      .select((eb) => [
        eb.selectFrom('di_care_plans as cp').select('cp.target').whereRef('cp.country', '=', 'r.country').whereRef('cp.resident_id', '=', 'r.id').as('plan_target'),
        eb.selectFrom('di_transitions as t').select('t.target').whereRef('t.country', '=', 'r.country').whereRef('t.resident_id', '=', 'r.id').as('transition_target'),
      ]);
    if (opts.current) q = q.where('p.ended_on', 'is', null);
    const rows = await q.orderBy('p.ended_on', (o) => o.desc().nullsFirst()).orderBy('ch.family_name').orderBy('ch.given_name').limit(500).execute();
    if (rows.length > 0) {
      const first = rows[0]!;
      await audit([{ chain: first.country, action: 'list', entity: 'institution_resident', entityId: institutionId, reason: String(first.reach), outcome: 'ok', detail: { count: rows.length } }]);
    }
    return { items: rows.map((r) => residentRow({ ...r, plan_target: r.plan_target ?? null, transition_target: r.transition_target ?? null })) };
  });
  if (!out) {
    await door.auditAlone([{ action: 'list', entity: 'institution_resident', entityId: institutionId, outcome: 'denied' }]);
    throw new NotFoundError('institution');
  }
  return out;
}

/** Admits the child of a case to an institution: the case's placement and the resident, one fact. */
export async function admitResident(door: Door, caseId: string, input: ResidentInput): Promise<ResidentView> {
  const id = await withCase(door, caseId, 'record_placement', async (ctx) => {
    const { kase, tx } = ctx;
    if (!isCaseUnitReason(ctx.reason)) throw new NotFoundError('case');
    const org = await tx.selectFrom('organisations').select(['id', 'sector', 'active', 'country', 'beds']).where('id', '=', input.institutionId).executeTakeFirst();
    if (!org || !org.active || org.country !== kase.country || org.sector !== 'residential_care') {
      throw new InputError('The institution is not valid', [{ path: 'institutionId', message: 'must be an active residential care institution of this country' }]);
    }
    if (kase.birth_date != null && input.admittedOn < String(kase.birth_date)) {
      throw new InputError('The child cannot be admitted before birth', [{ path: 'admittedOn', message: 'cannot be before the child\'s birth' }]);
    }
    const elsewhere = await tx.selectFrom('institution_residents as r')
      .innerJoin('placements as p', (j) => j.onRef('p.country', '=', 'r.country').onRef('p.id', '=', 'r.placement_id'))
      .innerJoin('cases as k', (j) => j.onRef('k.country', '=', 'r.country').onRef('k.id', '=', 'r.case_id'))
      .select('r.id').where('r.country', '=', kase.country).where('k.child_id', '=', kase.child_id).where('p.ended_on', 'is', null).executeTakeFirst();
    if (elsewhere) throw new InputError('The child already lives in an institution', [{ path: 'institutionId', message: 'the child already has a current residence' }]);
    const current = await tx.selectFrom('placements').select('id').where('country', '=', kase.country).where('case_id', '=', kase.id).where('ended_on', 'is', null).executeTakeFirst();
    if (current) throw new ConflictError('The child already has a current placement; end it first', { allowed: ['end_placement'] });
    if (org.beds != null) {
      const taken = await tx.selectFrom('placements').select(sql<number>`count(*)::int`.as('n')).where('provider_org_id', '=', org.id).where('ended_on', 'is', null).executeTakeFirstOrThrow();
      if (Number(taken.n) >= org.beds) throw new InputError('The institution has no free bed', [{ path: 'institutionId', message: 'every bed of the institution is taken' }]);
    }
    if (input.ref) {
      const dup = await tx.selectFrom('institution_residents').select('id').where('country', '=', kase.country).where('ref', '=', input.ref).executeTakeFirst();
      if (dup) throw new InputError('The reference is taken', [{ path: 'ref', message: 'another resident has this reference' }]);
    }
    const author = { author_id: actorUserId(door), author_org_id: authorOrg(door, kase) };
    const placement = await tx.insertInto('placements').values({
      country: kase.country, case_id: kase.id, kind: 'residential_institution', provider_org_id: org.id, started_on: input.admittedOn, ...author,
    }).returning('id').executeTakeFirstOrThrow();
    const resident = await tx.insertInto('institution_residents').values({
      country: kase.country, case_id: kase.id, placement_id: placement.id, ref: input.ref ?? null,
      admission_reasons: [...new Set(input.admissionReasons)], parental_rights: input.parentalRights, family_contact: input.familyContact, ...author,
    }).returning('id').executeTakeFirstOrThrow();
    await ctx.event('placement_started', { entity: 'placement', entityId: placement.id, detail: { kind: 'residential_institution' } });
    await ctx.audit([{ chain: kase.country, action: 'admit_resident', entity: 'institution_resident', entityId: resident.id, childId: kase.child_id, reason: ctx.reason, outcome: 'ok' }]);
    return resident.id;
  }, { detail: { kind: 'residential_institution' } });
  return door.read((tx) => viewOf(door, tx, id));
}

/** The institution's staff or the unit keep the resident's details up to date. */
export async function updateResident(door: Door, id: string, input: ResidentUpdate): Promise<ResidentView> {
  await withResident(door, id, 'update_resident', async (tx, r) => {
    await tx.updateTable('institution_residents').set({
      admission_reasons: [...new Set(input.admissionReasons)], parental_rights: input.parentalRights, family_contact: input.familyContact, updated_at: sql<Date>`now()`,
    }).where('country', '=', r.country).where('id', '=', r.id).execute();
  });
  return door.read((tx) => viewOf(door, tx, id));
}

/** Who may record a resident's details, assessments and plan: its institution's staff and the unit. */
export function mayRecord(door: Door): boolean {
  return door.actor.kind === 'system' || isUnitMember(door.actor) || isInstitutionStaff(door.actor);
}
