import { randomUUID } from 'node:crypto';
import type { AdmissionInput, AdmissionView, LinkInput } from './shelter-schema.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors.ts';
import { MissingDeadlinesError, addHours, deadlinesFor, localDay } from '../domain/deadlines.ts';
import { baseQuery, insertChildRow } from '../children/child-records.ts';
import { checkNewChildren, duplicateConflict, type SameChildFound } from '../children/child-duplicates.ts';
import { caseBaseQuery } from '../cases/case-context.ts';
import type { AuditDraft, Door, Tx } from '../policy/door.ts';
import { type AdmissionRow, admissionQuery, admissionViews, isShelterStaff, isUnitMember } from './shelter-reach.ts';
import { occupancy } from './shelter-capacity.ts';
import { placementFromAdmission } from './shelter-placement.ts';
import { protectionUnitFor } from '../organisations/protection-unit.ts';

/**
 * Admissions to the emergency shelter (issue 13 §2), by the shelter's staff: one admission per
 * child, siblings in one group; with the case that referred them, or — the 24/7 emergency
 * admission — before any case exists, to be linked to a case of the responsible unit within the
 * country's `shelterCaseLinkHours`. Over capacity an admission is allowed with a reason: a child
 * in danger at 2 a.m. is not turned away; the beds-free view then shows the shelter as over.
 */

type Resolved = { childId: string | null; index: number; unitId: string; caseId: string | null; newChild: AdmissionInput['children'][number]['newChild'] };

const issue = (path: string, message: string) => new InputError('The admission is not valid', [{ path, message }]);

async function protectionUnitOf(tx: Tx, country: string, municipality: string, path: string): Promise<string> {
  const m = await tx.selectFrom('jurisdictions').select('code').where('code', '=', municipality).where('country', '=', country).where('level', '=', 'municipality').executeTakeFirst();
  if (!m) throw issue(path, 'is not a municipality of your country');
  const unit = await protectionUnitFor(tx, country, municipality);
  if (!unit) throw issue(path, 'has no Child Protection Unit in Safetynet');
  return unit;
}

async function resolveChildren(door: Door, tx: Tx, country: string, input: AdmissionInput): Promise<Resolved[]> {
  const out: Resolved[] = [];
  for (const [index, c] of input.children.entries()) {
    const at = `children.${index}`;
    if (c.childId || c.caseId && !c.newChild) {
      if (c.childId && input.children.findIndex((o) => o.childId === c.childId) !== index) throw issue(`${at}.childId`, 'names the same child twice');
      const kase = c.caseId ? await caseBaseQuery(door, tx).where('k.id', '=', c.caseId).executeTakeFirst() : undefined;
      if (c.caseId && (!kase || (c.childId && kase.child_id !== c.childId))) throw issue(`${at}.caseId`, 'is not a case of this child that the shelter reaches');
      if (kase?.status === 'closed') throw issue(`${at}.caseId`, 'is closed');
      const childId = c.childId ?? kase!.child_id;
      const child = await baseQuery(door, tx).where('c.id', '=', childId).executeTakeFirst();
      if (!child || child.country !== country || !child.unit_id) throw issue(`${at}.${c.childId ? 'childId' : 'caseId'}`, 'names no child the shelter reaches');
      if (out.some((o) => o.childId === child.id)) throw issue(`${at}.${c.childId ? 'childId' : 'caseId'}`, 'names the same child twice');
      out.push({ childId: child.id, index, unitId: kase?.unit_id ?? child.unit_id, caseId: c.caseId ?? null, newChild: undefined });
    } else {
      if (c.caseId) throw issue(`${at}.caseId`, 'a new child has no case yet: admit as an emergency');
      const unitId = await protectionUnitOf(tx, country, c.newChild!.municipalityCode, `${at}.newChild.municipalityCode`);
      out.push({ childId: null, index, unitId, caseId: null, newChild: c.newChild });
    }
  }
  return out;
}

export async function admitChildren(door: Door, input: AdmissionInput, now = new Date()): Promise<{ items: AdmissionView[] }> {
  const actor = door.actor;
  if (actor.kind !== 'user' || !isShelterStaff(actor)) throw new ForbiddenError('Only the staff of a shelter admit children to it');
  const outcome = await door.transaction(async (tx, audit): Promise<{ refused: SameChildFound } | { ids: string[] }> => {
    // The shelter's row is the lock that orders admissions, so two at once cannot both take the last bed.
    const shelter = await tx.selectFrom('organisations as o').innerJoin('jurisdictions as j', 'j.code', 'o.jurisdiction_code')
      .select(['o.id', 'o.country', 'o.beds', 'o.mother_child_places', 'j.timezone']).where('o.id', '=', actor.organisationId).forUpdate('o').executeTakeFirstOrThrow();
    const country = shelter.country;
    const resolved = await resolveChildren(door, tx, country, input);
    const known = resolved.filter((r) => r.childId).map((r) => r.childId!);
    if (known.length > 0) {
      const staying = await tx.selectFrom('shelter_admissions').select('child_id').where('country', '=', country)
        .where('child_id', 'in', known).where('discharged_on', 'is', null).execute();
      const first = resolved.find((r) => staying.some((s) => s.child_id === r.childId));
      if (first) throw issue(`children.${first.index}.${input.children[first.index]!.childId ? 'childId' : 'caseId'}`, 'is already staying in a shelter (a current admission)');
    }
    const fresh = resolved.filter((r) => r.newChild);
    if (fresh.length > 0) {
      const check = await checkNewChildren(door, tx, country, fresh.map((r) => ({ ...r.newChild!, index: r.index })));
      await audit(check.entries);
      if (check.conflict) return { refused: check.found };
    }
    // Capacity: a group with a companion takes a mother-and-child place; children alone take a bed each.
    const used = await occupancy(tx, [shelter.id]);
    const o = used.get(shelter.id) ?? { beds: 0, motherChild: 0 };
    const over = input.companionName
      ? shelter.mother_child_places != null && o.motherChild + 1 > shelter.mother_child_places
      : shelter.beds != null && o.beds + resolved.length > shelter.beds;
    if (over && !input.overCapacityReason) {
      throw issue('overCapacityReason', input.companionName ? 'no mother-and-child place is free: give the reason to admit over capacity' : 'not enough beds are free: give the reason to admit over capacity');
    }
    const config = deadlinesFor(country);
    const admittedAt = new Date(input.admittedAt);
    const emergency = resolved.some((r) => !r.caseId);
    if (emergency && config.shelterCaseLinkHours === undefined) throw new MissingDeadlinesError(country);
    const groupId = randomUUID();
    const ids: string[] = [];
    const entries: AuditDraft[] = [];
    for (const r of resolved) {
      let childId = r.childId;
      if (!childId) {
        const { notDuplicate: _n, ...fields } = r.newChild!;
        childId = await insertChildRow(tx, fields, { country, unitId: r.unitId, ownerId: null, createdBy: actor.userId });
        entries.push({ chain: country, action: 'create', entity: 'child', entityId: childId, childId, reason: 'shelter', outcome: 'ok', detail: { fields: Object.keys(fields).sort(), via: 'shelter_admission' } });
      }
      const row = await tx.insertInto('shelter_admissions').values({
        country, shelter_org_id: shelter.id, child_id: childId, group_id: groupId,
        companion_name: input.companionName ?? null, companion_relation: input.companionRelation ?? null,
        admitted_at: admittedAt, admitted_on: localDay(admittedAt, shelter.timezone), referred_by: input.referredBy, harm_types: input.harmTypes,
        emergency: !r.caseId, responsible_unit_id: r.unitId, case_id: r.caseId, linked_at: r.caseId ? now : null,
        link_due_at: r.caseId ? null : addHours(admittedAt, config.shelterCaseLinkHours!), over_capacity_reason: over ? input.overCapacityReason! : null,
        author_id: actor.userId,
      }).returning(['id', 'country', 'shelter_org_id', 'admitted_on', 'discharged_on', 'author_id']).executeTakeFirstOrThrow();
      if (r.caseId) await placementFromAdmission(door, tx, row, r.caseId);
      ids.push(row.id);
      entries.push({ chain: country, action: 'shelter_admit', entity: 'shelter_admission', entityId: row.id, childId, reason: 'shelter', outcome: 'ok', detail: { emergency: !r.caseId, overCapacity: over, referredBy: input.referredBy } });
    }
    await audit(entries);
    return { ids };
  });
  if ('refused' in outcome) throw duplicateConflict(outcome.refused);
  return { items: await Promise.all(outcome.ids.map((id) => getAdmission(door, id))) };
}

/** Reads one admission in reach (404 otherwise, audited either way). */
export async function getAdmission(door: Door, id: string): Promise<AdmissionView> {
  const out = await door.read(async (tx, audit) => {
    const row = await admissionQuery(door, tx).where('a.id', '=', id).executeTakeFirst();
    if (!row) return null;
    const [view] = await admissionViews(door, tx, [row]);
    await audit([{ chain: row.country, action: 'read', entity: 'shelter_admission', entityId: row.id, childId: row.child_id, reason: view!.withheld.length > 0 ? 'shelter' : 'responsible_unit', outcome: 'ok' }]);
    return view!;
  });
  if (!out) {
    await door.auditAlone([{ action: 'read', entity: 'shelter_admission', entityId: id, outcome: 'denied' }]);
    throw new NotFoundError('admission');
  }
  return out;
}

export async function listAdmissions(door: Door, q: { status: 'current' | 'discharged' | 'unlinked' | 'all'; limit: number; offset: number }) {
  return door.read(async (tx, audit) => {
    let query = admissionQuery(door, tx);
    if (q.status === 'current') query = query.where('a.discharged_on', 'is', null);
    if (q.status === 'discharged') query = query.where('a.discharged_on', 'is not', null);
    if (q.status === 'unlinked') query = query.where('a.case_id', 'is', null);
    const total = (await query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    const rows = await query.orderBy('a.admitted_at', 'desc').orderBy('a.id').limit(q.limit).offset(q.offset).execute();
    const items = await admissionViews(door, tx, rows);
    if (rows.length > 0) {
      await audit(rows.map((r) => ({ chain: r.country, action: 'read', entity: 'shelter_admission', entityId: r.id, childId: r.child_id, reason: isUnitMember(door.actor) ? 'responsible_unit' : 'shelter', outcome: 'ok' as const, detail: { via: 'list' } })));
    }
    return { items, total: Number(total) };
  });
}

/**
 * Runs a change on one admission in reach, locked: out of reach 404 (audited), `allowed` decides
 * whether the reader may (403 otherwise). Answers the admission as it is after the change.
 */
export async function withAdmission(
  door: Door, id: string, action: string, allowed: (row: AdmissionRow) => boolean,
  work: (tx: Tx, row: AdmissionRow) => Promise<Record<string, string | number | boolean | null> | void>,
): Promise<AdmissionView> {
  const out = await door.transaction(async (tx, audit) => {
    const row = await admissionQuery(door, tx).where('a.id', '=', id).forUpdate('a').executeTakeFirst();
    if (!row) return 'denied' as const;
    if (!allowed(row)) {
      await audit([{ chain: row.country, action, entity: 'shelter_admission', entityId: row.id, childId: row.child_id, outcome: 'refused' }]);
      return 'refused' as const;
    }
    const detail = (await work(tx, row)) ?? {};
    await tx.updateTable('shelter_admissions').set((eb) => ({ version: eb('version', '+', 1) })).where('country', '=', row.country).where('id', '=', row.id).execute();
    await audit([{ chain: row.country, action, entity: 'shelter_admission', entityId: row.id, childId: row.child_id, reason: isShelterStaff(door.actor) ? 'shelter' : 'responsible_unit', outcome: 'ok', detail }]);
    return 'ok' as const;
  });
  if (out === 'denied') {
    await door.auditAlone([{ action, entity: 'shelter_admission', entityId: id, outcome: 'denied' }]);
    throw new NotFoundError('admission');
  }
  if (out === 'refused') throw new ForbiddenError('Your role does not allow this on this admission');
  return getAdmission(door, id);
}

/** The responsible unit links an emergency admission to one of its cases of that child: the case's placement is written from it. */
export async function linkAdmission(door: Door, id: string, input: LinkInput, now = new Date()): Promise<AdmissionView> {
  const actor = door.actor;
  const unitOf = (row: AdmissionRow) => actor.kind === 'user' && isUnitMember(actor) && actor.organisationId === row.responsible_unit_id;
  return withAdmission(door, id, 'shelter_link', unitOf, async (tx, row) => {
    if (row.case_id) throw new ConflictError('This admission is already linked to a case', { allowed: [] });
    const kase = await caseBaseQuery(door, tx).where('k.id', '=', input.caseId).executeTakeFirst();
    if (!kase || kase.unit_id !== row.responsible_unit_id || kase.child_id !== row.child_id) {
      throw new InputError('The case is not valid', [{ path: 'caseId', message: "is not a case of this child in your unit" }]);
    }
    if (kase.status === 'closed') throw new InputError('The case is not valid', [{ path: 'caseId', message: 'is closed' }]);
    await tx.updateTable('shelter_admissions').set({ case_id: kase.id, linked_at: now }).where('country', '=', row.country).where('id', '=', row.id).execute();
    await placementFromAdmission(door, tx, row, kase.id);
    return { overdue: row.link_due_at != null && new Date(row.link_due_at).getTime() < now.getTime() };
  });
}
