import { sql } from 'kysely';
import { nameKey } from '../domain/names.ts';
import type { ChildView, NotDuplicate } from './child-schema.ts';
import { ConflictError } from '../errors.ts';
import { baseQuery, view } from './child-records.ts';
import type { AuditDraft, Door, Tx } from '../policy/door.ts';
import { childInReach } from '../policy/reach.ts';

/**
 * One child, one record: a new child whose name (transliterated, in any word order) and birth
 * date are those of a registered child of the same country is refused, unless the caller says
 * why it is another child. Records the caller may see are named (as the caller may see them);
 * a record out of the caller's reach is reported only by its unit's name, and that lookup is
 * written on the record's access history. A child without a birth date is not checked here
 * (the check while typing still offers alike names).
 *
 * Two identical creates at once are serialised on the child's key (an advisory lock held to the
 * end of the transaction), so the second sees the first's record.
 */

export type NewChildCandidate = {
  /** The child's place in a signal's list (absent for a child registered on its own). */
  index?: number;
  givenName: string;
  familyName: string;
  birthDate?: string | null;
  notDuplicate?: NotDuplicate;
};

export type SameChildFound = {
  duplicates: Array<{ index?: number; child: ChildView }>;
  elsewhere: Array<{ index?: number; unitId: string; unitName: string }>;
};

/** The name as a key that ignores script, case, accents and word order. */
export function sameNameKey(givenName: string, familyName: string): string {
  return nameKey(givenName, familyName).split(' ').sort().join(' ');
}

/** The transaction-scoped lock for one child's identity; a namespace keeps it apart from other locks. */
async function lockIdentity(tx: Tx, country: string, key: string, birthDate: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtext('safetynet:child'), hashtext(${`${country}|${birthDate}|${key}`}))`.execute(tx);
}

/**
 * Locks and checks the new children of one create; returns what was found and the audit entries
 * of the lookup (to append in the same transaction). `conflict` is true when a match was found
 * for a child that carries no `notDuplicate`.
 */
export async function checkNewChildren(door: Door, tx: Tx, country: string, candidates: NewChildCandidate[]) {
  const keyed = candidates
    .filter((c): c is NewChildCandidate & { birthDate: string } => !!c.birthDate)
    .map((c) => ({ ...c, key: sameNameKey(c.givenName, c.familyName) }));
  // Locks in one order, so that two signals naming the same two children cannot deadlock.
  const locks = [...new Set(keyed.map((c) => `${c.birthDate}|${c.key}`))].sort();
  for (const lock of locks) {
    const [birthDate, key] = [lock.slice(0, 10), lock.slice(11)];
    await lockIdentity(tx, country, key, birthDate);
  }
  const found: SameChildFound = { duplicates: [], elsewhere: [] };
  const entries: AuditDraft[] = [];
  let conflict = false;
  for (const c of keyed) {
    const visible = (await baseQuery(door, tx).where('c.country', '=', country).where('c.birth_date', '=', c.birthDate).execute())
      .filter((r) => sameNameKey(r.given_name, r.family_name) === c.key);
    for (const r of visible) {
      found.duplicates.push({ ...(c.index === undefined ? {} : { index: c.index }), child: view(door, r) });
      entries.push({ chain: r.country, action: 'read', entity: 'child', entityId: r.id, childId: r.id, reason: r.access_reason, outcome: 'ok', detail: { via: 'duplicate_rule' } });
    }
    const hidden = await elsewhere(door, tx, country, c.key, c.birthDate);
    found.elsewhere.push(...hidden.units.map((u) => ({ ...(c.index === undefined ? {} : { index: c.index }), ...u })));
    entries.push(...hidden.entries);
    if ((visible.length > 0 || hidden.units.length > 0) && !c.notDuplicate) conflict = true;
  }
  return { conflict, found, entries };
}

/**
 * Records of the same child (same name key and birth date) in the country that the caller cannot
 * reach: only their units are returned; each record's history gets a `duplicate_match` entry.
 */
export async function elsewhere(door: Door, tx: Tx, country: string, key: string, birthDate: string) {
  const rows = (
    await tx
      .selectFrom('children as c')
      .innerJoin('organisations as o', 'o.id', 'c.unit_id')
      .select(['c.id', 'c.country', 'c.given_name', 'c.family_name', 'o.id as unit_id', 'o.name as unit_name'])
      .where('c.country', '=', country)
      .where('c.birth_date', '=', birthDate)
      .where('c.anonymised_at', 'is', null)
      .where('c.merged_into', 'is', null)
      .where((eb) => eb.not(childInReach(door.actor)(eb)))
      .execute()
  ).filter((r) => sameNameKey(r.given_name, r.family_name) === key);
  const caller = door.actor.kind === 'user' ? door.actor.organisationId : null;
  const units = new Map<string, string>();
  for (const r of rows) units.set(r.unit_id, r.unit_name);
  const entries: AuditDraft[] = rows.map((r) => ({
    chain: r.country, action: 'duplicate_match', entity: 'child', entityId: r.id, childId: r.id, reason: null, outcome: 'denied' as const,
    detail: { via: 'cross_unit', organisation: caller },
  }));
  return { units: [...units].map(([unitId, unitName]) => ({ unitId, unitName })), entries };
}

/** The 409 of a create refused by the duplicate rule: names fields and units, never a value the caller may not see. */
export function duplicateConflict(found: SameChildFound): ConflictError {
  const message =
    found.duplicates.length > 0
      ? 'A child with this name and birth date is already registered: use that record, or say why this is another child (notDuplicate)'
      : 'A record of a child with this name and birth date may exist in another unit: contact that unit, or say why this is another child (notDuplicate)';
  return new ConflictError(message, { duplicates: found.duplicates, elsewhere: found.elsewhere });
}

/** What the create entry of an overriding create records: the reason and the matched ids. */
export function overrideDetail(found: SameChildFound, index: number | undefined, notDuplicate: NotDuplicate | undefined): Record<string, string | string[]> {
  if (!notDuplicate) return {};
  const mine = <T extends { index?: number }>(xs: T[]) => xs.filter((x) => x.index === index);
  return {
    notDuplicate: notDuplicate.reason,
    sameAs: mine(found.duplicates).map((d) => d.child.id),
    sameInUnits: mine(found.elsewhere).map((e) => e.unitId),
  };
}
