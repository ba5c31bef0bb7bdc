import { type ExpressionBuilder, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { iso } from '../domain/dates.ts';
import { NotFoundError } from '../errors.ts';
import { sameNameKey } from '../children/child-duplicates.ts';
import { getChild } from '../children/child-records.ts';
import { refOf } from '../tasks/task-subjects.ts';
import { notify } from '../notifications/notify.ts';
import type { UserActor } from '../policy/actor.ts';
import { type AuditDraft, type Door, type Tx, breakGlassDoor } from '../policy/door.ts';
import { BREAK_GLASS_REASON } from '../policy/field-sharing.ts';
import { childInReach } from '../policy/reach.ts';
import { type BreakGlassGrant, type BreakGlassRecord, type BreakGlassRequest, MAX_MATCHES } from './breakglass-schema.ts';

/**
 * Break-glass access, the requester's side: a request names a child and says why; each matching
 * record out of the requester's reach becomes a grant until `hours` from now, the owning unit's
 * supervisors are notified in the same transaction, and the search and each grant are audited
 * (never the name searched for). A grant opens the child's record read-only through a
 * break-glass door (src/policy/door.ts), whose reach the database checks on every row.
 */

type GrantRow = {
  id: string; child_id: string; reason: string; granted_at: Date; expires_at: Date; review: 'justified' | 'unjustified' | null;
  review_note: string | null; reviewed_at: Date | null; requester_name: string; organisation_name: string; unit_name: string; reviewer_name: string | null;
};

/** Grants with the names of who asked, their organisation, the unit and the reviewer: no child data. */
export function grantQuery(tx: Tx) {
  return tx.selectFrom('break_glass_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .innerJoin('organisations as o', 'o.id', 'g.organisation_id')
    .innerJoin('organisations as unit', 'unit.id', 'g.unit_id')
    .leftJoin('users as r', 'r.id', 'g.reviewed_by')
    .select(['g.id', 'g.country', 'g.child_id', 'g.user_id', 'g.unit_id', 'g.reason', 'g.granted_at', 'g.expires_at', 'g.review', 'g.review_note', 'g.reviewed_at',
      'u.display_name as requester_name', 'o.name as organisation_name', 'unit.name as unit_name', 'r.display_name as reviewer_name']);
}

export function grantView(r: GrantRow, now = new Date()): BreakGlassGrant {
  return {
    id: r.id, childId: r.child_id, requesterName: r.requester_name, organisationName: r.organisation_name, unitName: r.unit_name,
    reason: r.reason, grantedAt: iso(r.granted_at), expiresAt: iso(r.expires_at), active: r.expires_at.getTime() > now.getTime(),
    review: r.review, reviewNote: r.review_note, reviewerName: r.reviewer_name, reviewedAt: iso(r.reviewed_at),
  };
}

function user(door: Door): UserActor {
  if (door.actor.kind !== 'user') throw new NotFoundError('grant');
  return door.actor;
}

/** The supervisors of a unit (active accounts): who is told of a grant on its child and reviews it. */
export function unitSupervisors(tx: Tx, unitId: string) {
  return tx.selectFrom('users').select('id')
    .where('organisation_id', '=', unitId).where('disabled_at', 'is', null)
    .where(sql<boolean>`'supervisor' = ANY(roles)`).execute();
}

export async function requestBreakGlass(door: Door, input: BreakGlassRequest, hours: number, now = new Date()) {
  const actor = user(door);
  const key = sameNameKey(input.givenName, input.familyName);
  return door.transaction(async (tx, audit) => {
    const found = (await tx.selectFrom('children as c')
      .select(['c.id', 'c.country', 'c.unit_id', 'c.given_name', 'c.family_name'])
      .where('c.country', '=', actor.country).where('c.birth_date', '=', input.birthDate)
      .where('c.anonymised_at', 'is', null).where('c.merged_into', 'is', null)
      .orderBy('c.id').execute())
      .filter((r): r is typeof r & { unit_id: string } => r.unit_id !== null && sameNameKey(r.given_name, r.family_name) === key)
      .slice(0, MAX_MATCHES);
    const reachable = found.length === 0 ? [] : await tx.selectFrom('children as c').select('c.id')
      .where('c.country', '=', actor.country).where('c.id', 'in', found.map((r) => r.id))
      .where((eb: ExpressionBuilder<DB & { c: DB['children'] }, 'c'>) => childInReach(actor)(eb)).execute();
    const inReach = new Set(reachable.map((r) => r.id));
    const expiresAt = new Date(now.getTime() + hours * 3_600_000);
    const ids: string[] = [];
    const entries: AuditDraft[] = [];
    for (const child of found.filter((r) => !inReach.has(r.id))) {
      const g = await tx.insertInto('break_glass_grants').values({
        country: child.country, child_id: child.id, user_id: actor.userId, organisation_id: actor.organisationId, unit_id: child.unit_id,
        reason: input.reason, granted_at: now, expires_at: expiresAt,
      }).returning('id').executeTakeFirstOrThrow();
      ids.push(g.id);
      entries.push({ chain: child.country, action: 'break_glass_grant', entity: 'child', entityId: child.id, childId: child.id, reason: BREAK_GLASS_REASON, outcome: 'ok',
        detail: { breakGlassGrant: g.id, expiresAt: iso(expiresAt), unit: child.unit_id } });
      const supervisors = await unitSupervisors(tx, child.unit_id);
      await notify(tx, supervisors.map((s) => ({ userId: s.id, kind: 'break_glass' as const, entity: 'tasks' as const, entityId: null })));
    }
    // The search itself: how many records matched, never the name or birth date asked for.
    await audit([{ chain: actor.country, action: 'break_glass_search', entity: 'child', outcome: 'ok', detail: { matched: found.length, granted: ids.length, inReach: inReach.size } }, ...entries]);
    const grants = ids.length === 0 ? [] : await grantQuery(tx).where('g.country', '=', actor.country).where('g.id', 'in', ids).orderBy('g.id').execute();
    return { grants: grants.map((g) => grantView(g, now)), inReach: [...inReach].sort().map((childId) => ({ childId })) };
  });
}

/** The requester's own grants, newest first. */
export async function myGrants(door: Door): Promise<BreakGlassGrant[]> {
  const actor = user(door);
  return door.read(async (tx, audit) => {
    const rows = await grantQuery(tx).where('g.user_id', '=', actor.userId).orderBy('g.granted_at', 'desc').limit(200).execute();
    if (rows.length > 0) await audit([{ chain: actor.country, action: 'list', entity: 'break_glass_grant', outcome: 'ok', detail: { count: rows.length } }]);
    return rows.map((r) => grantView(r));
  });
}

/**
 * The child's record through one of the caller's grants: the child (as a reader outside the unit
 * sees it) and a summary of the child's cases. 404 for a grant that is not the caller's, and once
 * it has expired (the break-glass door then reaches nothing). Every read is audited with the grant.
 */
export async function grantRecord(app: Parameters<typeof breakGlassDoor>[0], door: Door, grantId: string): Promise<BreakGlassRecord> {
  const actor = user(door);
  const row = await door.read((tx) => grantQuery(tx).where('g.country', '=', actor.country).where('g.id', '=', grantId).where('g.user_id', '=', actor.userId).executeTakeFirst());
  if (!row || row.expires_at.getTime() <= Date.now()) {
    await door.auditAlone([{ action: 'read', entity: 'break_glass_grant', entityId: grantId, outcome: 'denied' }]);
    throw new NotFoundError('grant');
  }
  const glass = breakGlassDoor(app, actor, { grantId: row.id, country: row.country, childId: row.child_id });
  const child = await getChild(glass, row.child_id);
  const cases = await glass.read(async (tx, audit) => {
    const rows = await tx.selectFrom('cases as k')
      .innerJoin('children as c', (j) => j.onRef('c.country', '=', 'k.country').onRef('c.id', '=', 'k.child_id'))
      .innerJoin('organisations as unit', 'unit.id', 'k.unit_id')
      .leftJoin('users as owner', 'owner.id', 'k.owner_id')
      .select(['k.id', 'k.ref', 'k.country', 'k.status', 'k.risk_level', 'k.opened_at', 'k.closed_at', 'unit.name as unit_name', 'owner.display_name as owner_name'])
      .where('k.country', '=', row.country).where('k.child_id', '=', row.child_id)
      .where((eb) => childInReach(glass.actor)(eb as unknown as ExpressionBuilder<DB & { c: DB['children'] }, 'c'>))
      .orderBy('k.opened_at', 'desc').execute();
    if (rows.length > 0) {
      await audit(rows.map((k) => ({ chain: k.country, action: 'read_summary', entity: 'case', entityId: k.id, childId: row.child_id, reason: BREAK_GLASS_REASON, outcome: 'ok' as const })));
    }
    return rows;
  });
  return {
    grant: grantView(row),
    child,
    cases: cases.map((k) => ({
      id: k.id, ref: refOf(k), status: k.status, riskLevel: k.risk_level, openedAt: iso(k.opened_at), closedAt: iso(k.closed_at),
      unitName: k.unit_name, ownerName: k.owner_name,
    })),
  };
}
