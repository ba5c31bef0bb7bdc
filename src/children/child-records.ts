import { sql } from 'kysely';
import type { ChildrenTable } from '../db/schema.ts';
import { type AccessReason, CHILD_FIELDS, type ChildField, UNIT_REASONS, shareFields } from '../policy/field-sharing.ts';
import { DUPLICATE_THRESHOLD, nameKey, nameSimilarity } from '../domain/names.ts';
import { CHILD_SHARING, type ChildInput, type ChildPatch, type ChildView, type DuplicateQuery, type NewChildInput } from './child-schema.ts';
import type { Sector } from '../domain/taxonomies.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors.ts';
import { hasRole } from '../policy/actor.ts';
import { MergedError, mergedTarget } from './child-merge.ts';
import { checkNewChildren, duplicateConflict, elsewhere, overrideDetail, sameNameKey } from './child-duplicates.ts';
import type { Door, Tx } from '../policy/door.ts';
import { bulkEntriesOf } from '../interchange/interchange-reach.ts';
import { accessReason, childInReach } from '../policy/reach.ts';

/** The child (person) record, reached only through a Door. */

const COLUMN: Record<ChildField, keyof ChildrenTable> = {
  id: 'id',
  givenName: 'given_name',
  familyName: 'family_name',
  sex: 'sex',
  birthDate: 'birth_date',
  birthDateEstimated: 'birth_date_estimated',
  municipalityCode: 'municipality_code',
  languages: 'languages',
  inSchool: 'in_school',
  schoolName: 'school_name',
  address: 'address',
  vulnerabilities: 'vulnerabilities',
  notes: 'notes',
};

function isUnitReason(reason: AccessReason): boolean {
  return (UNIT_REASONS as readonly string[]).includes(reason);
}

function readerSector(door: Door): Sector {
  return door.actor.kind === 'user' ? door.actor.sector : 'social_services';
}

/** Children in the actor's reach, with the reason per row; exported for the other capabilities' queries (run in a Door). */
export function baseQuery(door: Door, tx: Tx) {
  return tx
    .selectFrom('children as c')
    .leftJoin('organisations as unit', 'unit.id', 'c.unit_id')
    .leftJoin('users as owner', 'owner.id', 'c.owner_id')
    .selectAll('c')
    .select(['unit.name as unit_name', 'owner.display_name as owner_name'])
    .select(accessReason(door.actor))
    .where('c.anonymised_at', 'is', null)
    .where('c.merged_into', 'is', null)
    .where(childInReach(door.actor));
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

/** The child as the reader may see it: fields not shared with their sector left out and named (CHILD_SHARING). */
export function view(door: Door, row: Row): ChildView {
  const reason = row.access_reason as AccessReason;
  const whole: Record<string, unknown> = {};
  for (const field of CHILD_FIELDS) whole[field] = row[COLUMN[field]];
  return shareFields(CHILD_SHARING, {
    ...(whole as Pick<ChildView, ChildField>),
    country: row.country,
    unitId: row.unit_id,
    unitName: row.unit_name,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    accessReason: reason,
    withheld: [],
  }, { whole: isUnitReason(reason), sector: readerSector(door) });
}

export async function listChildren(door: Door, opts: { limit: number; offset: number; municipalityCode?: string }) {
  return door.read(async (tx, audit) => {
    let q = baseQuery(door, tx);
    if (opts.municipalityCode) q = q.where('c.municipality_code', '=', opts.municipalityCode);
    const rows = await q.orderBy('c.family_name').orderBy('c.given_name').orderBy('c.id').limit(opts.limit).offset(opts.offset).execute();
    const total = await tx
      .selectFrom('children as c')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('c.anonymised_at', 'is', null)
      .where('c.merged_into', 'is', null)
      .where(childInReach(door.actor))
      .$if(!!opts.municipalityCode, (qb) => qb.where('c.municipality_code', '=', opts.municipalityCode!))
      .executeTakeFirstOrThrow();
    // One entry per child shown: who saw which record, and through which reason.
    if (rows.length > 0) {
      await audit(rows.map((r) => ({ chain: r.country, action: 'list', entity: 'child', entityId: r.id, childId: r.id, reason: r.access_reason, outcome: 'ok' as const })));
    }
    return { items: rows.map((r) => view(door, r)), total: Number(total.n) };
  });
}

export async function getChild(door: Door, id: string): Promise<ChildView> {
  const row = await door.read(async (tx, audit) => {
    const r = await baseQuery(door, tx).where('c.id', '=', id).executeTakeFirst();
    if (r) await audit([{ chain: r.country, action: 'read', entity: 'child', entityId: r.id, childId: r.id, reason: r.access_reason, outcome: 'ok' }]);
    return r;
  });
  if (!row) {
    // A record merged into one the caller reaches answers 410 with the surviving record's id.
    const into = await mergedTarget(door, id);
    await door.auditAlone([{ action: 'read', entity: 'child', entityId: id, outcome: 'denied', ...(into ? { detail: { mergedInto: into } } : {}) }]);
    if (into) throw new MergedError(into);
    throw new NotFoundError('child');
  }
  return view(door, row);
}

function requireUnitWriter(door: Door) {
  if (door.actor.kind === 'system') return;
  if (!hasRole(door.actor, 'caseworker', 'supervisor') || !door.actor.isProtectionUnit) {
    throw new ForbiddenError('Only caseworkers and supervisors of a Child Protection Unit register children');
  }
}

export async function checkMunicipality(tx: Tx, code: string, country: string) {
  const m = await tx.selectFrom('jurisdictions').select(['code', 'country']).where('code', '=', code).where('level', '=', 'municipality').executeTakeFirst();
  if (!m || m.country !== country) {
    throw new InputError('Unknown municipality', [{ path: 'municipalityCode', message: 'is not a municipality of your country' }]);
  }
}

function columnsOf(input: Partial<ChildInput>) {
  const out: Partial<Record<keyof ChildrenTable, unknown>> = {};
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined || !(field in COLUMN)) continue;
    out[COLUMN[field as ChildField]] = value;
  }
  return out;
}

/**
 * Inserts a child's row, in a Door's transaction, for callers that have decided the write is
 * allowed and audit it themselves (registering a child, a signal about a new child, an import).
 */
export async function insertChildRow(
  tx: Tx,
  input: ChildInput,
  target: { country: string; unitId: string | null; ownerId: string | null; createdBy: string | null; ref?: string | null },
): Promise<string> {
  const inserted = await tx
    .insertInto('children')
    .values({
      ...(columnsOf(input) as object),
      country: target.country,
      ref: target.ref ?? null,
      unit_id: target.unitId,
      owner_id: target.ownerId,
      given_name: input.givenName,
      family_name: input.familyName,
      name_key: nameKey(input.givenName, input.familyName),
      sex: input.sex,
      municipality_code: input.municipalityCode,
      created_by: target.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/**
 * Registers a child in the caller's unit; the caller owns the record. A child with the name and
 * birth date of a registered one is refused (409, see child-duplicates.ts) unless `notDuplicate`.
 */
export async function createChild(door: Door, input: NewChildInput, unitOverride?: { unitId: string; country: string; ownerId: string | null }): Promise<ChildView> {
  requireUnitWriter(door);
  const actor = door.actor;
  const target =
    actor.kind === 'user'
      ? { unitId: actor.organisationId, country: actor.country, ownerId: actor.userId as string | null }
      : unitOverride;
  if (!target) throw new Error('A system handle must name the unit a child belongs to');
  const { notDuplicate, ...fields } = input;
  const outcome = await door.transaction(async (tx, audit) => {
    await checkMunicipality(tx, fields.municipalityCode, target.country);
    const check = await checkNewChildren(door, tx, target.country, [{ ...fields, notDuplicate }]);
    // The lookup is audited whether or not the child is then registered.
    await audit(check.entries);
    if (check.conflict) return { refused: check.found, childId: null };
    const childId = await insertChildRow(tx, fields, { ...target, createdBy: actor.kind === 'user' ? actor.userId : null });
    await audit([{ chain: target.country, action: 'create', entity: 'child', entityId: childId, childId, reason: actor.kind === 'user' ? 'owner' : 'system', outcome: 'ok', detail: { fields: Object.keys(fields).sort(), ...overrideDetail(check.found, undefined, notDuplicate) } }]);
    return { refused: null, childId };
  });
  if (outcome.refused) throw duplicateConflict(outcome.refused);
  return getChild(door, outcome.childId!);
}

/** Changes a child's record; only the owning unit may, and only from the current version. */
export async function updateChild(door: Door, id: string, patch: ChildPatch): Promise<ChildView> {
  const { version, ...changes } = patch;
  const outcome = await door.transaction(async (tx, audit) => {
    const current = await baseQuery(door, tx).where('c.id', '=', id).forUpdate('c').executeTakeFirst();
    if (!current) return 'not_found' as const;
    const reason = current.access_reason as AccessReason;
    if (!isUnitReason(reason)) {
      await audit([{ chain: current.country, action: 'update', entity: 'child', entityId: id, childId: id, reason, outcome: 'refused' }]);
      return 'forbidden' as const;
    }
    if (current.version !== version) {
      return { conflict: view(door, current) };
    }
    if (changes.municipalityCode) await checkMunicipality(tx, changes.municipalityCode, current.country);
    const cols = columnsOf(changes);
    if (changes.givenName || changes.familyName) {
      cols.name_key = nameKey(changes.givenName ?? current.given_name, changes.familyName ?? current.family_name);
    }
    await tx
      .updateTable('children')
      .set({ ...(cols as object), version: current.version + 1, updated_at: sql`now()` })
      .where('country', '=', current.country)
      .where('id', '=', id)
      .execute();
    await audit([{ chain: current.country, action: 'update', entity: 'child', entityId: id, childId: id, reason, outcome: 'ok', detail: { fields: Object.keys(changes).sort() } }]);
    return 'ok' as const;
  });
  if (outcome === 'not_found') {
    await door.auditAlone([{ action: 'update', entity: 'child', entityId: id, outcome: 'denied' }]);
    throw new NotFoundError('child');
  }
  if (outcome === 'forbidden') throw new ForbiddenError('Only the Child Protection Unit that owns this record may change it');
  if (typeof outcome === 'object') {
    throw new ConflictError('Someone else changed this record since you opened it', { current: outcome.conflict });
  }
  return getChild(door, id);
}

/**
 * Children in the caller's reach whose name is alike and whose birth date is within a year (or
 * unknown): offered while a worker types, so that a signal about a known child joins its record.
 */
export async function findDuplicates(door: Door, q: DuplicateQuery) {
  const key = nameKey(q.givenName, q.familyName);
  return door.read(async (tx, audit) => {
    let query = baseQuery(door, tx);
    if (q.birthDate) {
      query = query.where((eb) =>
        eb.or([
          eb('c.birth_date', 'is', null),
          eb.between('c.birth_date', sql<string>`(${q.birthDate}::date - 366)`, sql<string>`(${q.birthDate}::date + 366)`),
        ]),
      );
    }
    // The database narrows by birth date and reach; names are compared here, transliterated.
    const rows = await query.limit(5000).execute();
    const scored = rows
      .map((r) => ({ r, score: nameSimilarity(key, r.name_key) + (q.birthDate && r.birth_date === q.birthDate ? 0.05 : 0) }))
      .filter((x) => x.score >= DUPLICATE_THRESHOLD)
      .sort((a, b) => b.score - a.score)
      .slice(0, 10);
    // The same child (same name and birth date) out of reach: only its unit is named.
    const hidden = q.birthDate && door.actor.kind === 'user'
      ? await elsewhere(door, tx, door.actor.country, sameNameKey(q.givenName, q.familyName), q.birthDate)
      : { units: [], entries: [] };
    await audit([
      { action: 'duplicate_check', entity: 'child', outcome: 'ok', detail: { matches: scored.length, elsewhere: hidden.units.length } },
      ...scored.map(({ r }) => ({ chain: r.country, action: 'read', entity: 'child', entityId: r.id, childId: r.id, reason: r.access_reason, outcome: 'ok' as const, detail: { via: 'duplicate_check' } })),
      ...hidden.entries,
    ]);
    return { items: scored.map(({ r, score }) => ({ child: view(door, r), score: Math.min(1, Math.round(score * 100) / 100) })), elsewhere: hidden.units };
  });
}

/** Who read or changed a child's record: for the unit's supervisor (and system handles). */
export async function childAccessHistory(door: Door, id: string, limit = 500) {
  const found = await door.read(async (tx, audit) => {
    const child = await baseQuery(door, tx).where('c.id', '=', id).executeTakeFirst();
    if (!child) return null;
    const reason = child.access_reason as AccessReason;
    if (!(reason === 'unit_supervisor' || reason === 'system' || (reason === 'owner' && hasRole(door.actor, 'supervisor')))) {
      return 'forbidden' as const;
    }
    const own = await tx
      .selectFrom('audit_log')
      .select(['seq', 'at', 'actor_name', 'action', 'reason', 'outcome', 'detail'])
      .where('chain', '=', child.country)
      // The record's own entries, and those of records merged into it.
      .where((eb) => eb.or([eb('child_id', '=', id), eb('child_id', 'in', eb.selectFrom('children').select('id').where('country', '=', child.country).where('merged_into', '=', id))]))
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    // Imports and exports are one entry per batch, linked to each child they carried.
    const entries = [...own, ...(await bulkEntriesOf(tx, child.country, id, limit))]
      .sort((x, y) => Number(y.seq) - Number(x.seq))
      .slice(0, limit);
    await audit([{ chain: child.country, action: 'access_history', entity: 'child', entityId: id, childId: id, reason, outcome: 'ok' }]);
    return entries;
  });
  if (found === null) {
    await door.auditAlone([{ action: 'access_history', entity: 'child', entityId: id, outcome: 'denied' }]);
    throw new NotFoundError('child');
  }
  if (found === 'forbidden') throw new ForbiddenError('Only the supervisor of the unit sees who read this record');
  return {
    items: found.map((e) => ({
      seq: Number(e.seq),
      at: e.at.toISOString(),
      actorName: e.actor_name,
      action: e.action,
      reason: e.reason,
      outcome: e.outcome,
      fields: Array.isArray(e.detail.fields) ? (e.detail.fields as string[]) : [],
    })),
  };
}

/**
 * Grants an organisation (or one of its users) reach to a child through a meeting, referral or
 * signal. Called by those capabilities; the owning unit or a system handle may grant.
 */
export async function grantChildAccess(
  door: Door,
  childId: string,
  grant: { reason: 'meeting' | 'referral' | 'signal'; organisationId: string; userId?: string | null; sourceId: string },
) {
  await door.transaction(async (tx, audit) => {
    const child = await baseQuery(door, tx).where('c.id', '=', childId).executeTakeFirst();
    if (!child || !isUnitReason(child.access_reason as AccessReason)) throw new NotFoundError('child');
    await tx
      .insertInto('child_access')
      .values({ country: child.country, child_id: childId, reason: grant.reason, organisation_id: grant.organisationId, user_id: grant.userId ?? null, source_id: grant.sourceId })
      .onConflict((oc) => oc.columns(['country', 'child_id', 'reason', 'organisation_id', 'source_id']).doUpdateSet({ revoked_at: null }))
      .execute();
    await audit([{ chain: child.country, action: 'grant_access', entity: 'child', entityId: childId, childId, reason: child.access_reason, outcome: 'ok', detail: { grant: grant.reason, organisation: grant.organisationId } }]);
  });
}
