import { sql } from 'kysely';
import { iso } from '../domain/dates.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { hasRole } from '../policy/actor.ts';
import type { Door } from '../policy/door.ts';
import { BREAK_GLASS_REASON, fieldVisible } from '../policy/field-sharing.ts';
import { accessReason, childInReach } from '../policy/reach.ts';
import type { Task } from '../tasks/task-sources.ts';
import { grantQuery, grantView } from './breakglass.ts';
import type { BreakGlassReviewInput } from './breakglass-schema.ts';

/**
 * Break-glass access, the owning unit's side: its supervisors see every grant on the unit's
 * children (a task for each one waiting), review each once as justified or not with a note
 * (audited), and see per user how often the glass was broken and how the reviews went; the
 * administrator sees the same counts for every unit. A grant of another unit is not found (404).
 */

/** Review within a day of the grant. */
const REVIEW_HOURS = 24;

function supervisor(door: Door) {
  const a = door.actor;
  if (a.kind !== 'user' || !hasRole(a, 'supervisor')) throw new ForbiddenError('Only a supervisor of the unit reviews emergency access');
  return a;
}

export async function unitGrants(door: Door, state: 'pending' | 'reviewed' | 'all') {
  const actor = supervisor(door);
  return door.read(async (tx, audit) => {
    let q = grantQuery(tx).where('g.country', '=', actor.country).where('g.unit_id', '=', actor.organisationId);
    if (state === 'pending') q = q.where('g.review', 'is', null);
    if (state === 'reviewed') q = q.where('g.review', 'is not', null);
    const rows = await q.orderBy('g.granted_at', 'desc').limit(500).execute();
    const ids = [...new Set(rows.map((r) => r.child_id))];
    // The child's name only where the supervisor reaches the child (it may have moved to another unit since).
    const named = ids.length === 0 ? [] : await tx.selectFrom('children as c').select(['c.id', 'c.given_name', 'c.family_name']).select(accessReason(actor))
      .where('c.country', '=', actor.country).where('c.id', 'in', ids).where(childInReach(actor)).execute();
    const names = new Map(named.filter((c) => c.access_reason && fieldVisible('givenName', c.access_reason, actor.sector)).map((c) => [c.id, `${c.given_name} ${c.family_name}`.trim()]));
    if (rows.length > 0) await audit([{ chain: actor.country, action: 'list', entity: 'break_glass_grant', outcome: 'ok', detail: { count: rows.length, state } }]);
    return rows.map((r) => ({ ...grantView(r), childName: names.get(r.child_id) ?? null }));
  });
}

/** Reviews a grant once: 404 for a grant of another unit, 409 (with the grant) when already reviewed. */
export async function reviewGrant(door: Door, grantId: string, input: BreakGlassReviewInput) {
  const actor = supervisor(door);
  const result = await door.transaction(async (tx, audit) => {
    const row = await grantQuery(tx).where('g.country', '=', actor.country).where('g.id', '=', grantId).where('g.unit_id', '=', actor.organisationId).forUpdate('g').executeTakeFirst();
    if (!row) return null;
    if (row.review !== null) return { conflict: grantView(row) };
    await tx.updateTable('break_glass_grants')
      .set({ review: input.verdict, review_note: input.note, reviewed_by: actor.userId, reviewed_at: sql<Date>`now()` })
      .where('country', '=', actor.country).where('id', '=', grantId).where('review', 'is', null).execute();
    await audit([{ chain: row.country, action: 'break_glass_review', entity: 'child', entityId: row.child_id, childId: row.child_id, reason: BREAK_GLASS_REASON, outcome: 'ok',
      detail: { breakGlassGrant: row.id, verdict: input.verdict, requester: row.user_id } }]);
    const after = await grantQuery(tx).where('g.country', '=', actor.country).where('g.id', '=', grantId).executeTakeFirstOrThrow();
    return { done: grantView(after) };
  });
  if (!result) {
    await door.auditAlone([{ action: 'break_glass_review', entity: 'break_glass_grant', entityId: grantId, outcome: 'denied' }]);
    throw new NotFoundError('grant');
  }
  if ('conflict' in result) throw new ConflictError('This emergency access has already been reviewed', { current: result.conflict });
  return result.done;
}

/** Per user who broke the glass: grants, justified, unjustified, waiting. A supervisor: on the unit's children; an admin or the CLI: everywhere. */
export async function perUser(door: Door) {
  const actor = door.actor;
  if (actor.kind === 'user' && !hasRole(actor, 'supervisor', 'admin')) throw new ForbiddenError('Only supervisors and administrators see this');
  // The CLI (a system door) and an administrator see every unit; a supervisor, the unit's children.
  const wholeDeployment = actor.kind === 'system' || hasRole(actor, 'admin');
  return door.read(async (tx, audit) => {
    let q = tx.selectFrom('break_glass_grants as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      .select(['u.id', 'u.display_name', 'u.username', 'o.name as organisation_name'])
      .select((eb) => [
        eb.fn.countAll<string>().as('grants'),
        eb.fn.count<string>('g.id').filterWhere('g.review', '=', 'justified').as('justified'),
        eb.fn.count<string>('g.id').filterWhere('g.review', '=', 'unjustified').as('unjustified'),
        eb.fn.count<string>('g.id').filterWhere('g.review', 'is', null).as('pending'),
      ])
      .groupBy(['u.id', 'u.display_name', 'u.username', 'o.name']);
    if (!wholeDeployment && actor.kind === 'user') q = q.where('g.country', '=', actor.country).where('g.unit_id', '=', actor.organisationId);
    const rows = await q.execute();
    await audit([{ chain: actor.kind === 'user' && !wholeDeployment ? actor.country : 'system', action: 'list', entity: 'break_glass_user', outcome: 'ok', detail: { count: rows.length, scope: wholeDeployment ? 'all' : 'unit' } }]);
    return rows
      .map((r) => ({ userId: r.id, name: r.display_name, username: r.username, organisationName: r.organisation_name,
        grants: Number(r.grants), justified: Number(r.justified), unjustified: Number(r.unjustified), pending: Number(r.pending) }))
      .sort((a, b) => b.unjustified - a.unjustified || b.pending - a.pending || b.grants - a.grants || a.username.localeCompare(b.username));
  });
}

/** The supervisor's task: each grant on the unit's children waiting for review, due a day after it was granted. */
export async function breakGlassTasks(door: Door, _scope: 'mine' | 'unit', now: Date): Promise<Task[]> {
  const actor = door.actor;
  if (actor.kind !== 'user' || !hasRole(actor, 'supervisor')) return [];
  return door.read(async (tx, audit) => {
    const rows = await tx.selectFrom('break_glass_grants').select(['id', 'granted_at'])
      .where('country', '=', actor.country).where('unit_id', '=', actor.organisationId).where('review', 'is', null)
      .orderBy('granted_at').limit(500).execute();
    if (rows.length > 0) await audit([{ chain: actor.country, action: 'task_list', entity: 'break_glass_grant', outcome: 'ok', detail: { count: rows.length } }]);
    return rows.map((r) => {
      const due = new Date(r.granted_at.getTime() + REVIEW_HOURS * 3_600_000);
      return { kind: 'break_glass_review', id: r.id, link: `/break-glass/reviews?grant=${r.id}`, title: 'Review an emergency access to a child of the unit',
        dueAt: iso(due), overdue: due.getTime() < now.getTime(), ownerName: null };
    });
  });
}
