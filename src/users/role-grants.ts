import { type Kysely, sql } from 'kysely';
import { appendAudit } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import type { Role } from '../domain/roles.ts';
import type { RoleGrant, RoleGrantChange } from './users-schema.ts';
import { type Actor, type UserActor, actorName } from '../policy/actor.ts';

/**
 * Who gave whom access to child data. Every change that lets a user see child data — a new
 * account with such a role, added roles, a move to another organisation, a password set by
 * someone else, an account enabled again — is recorded here and in the audit log, and shown to
 * the supervisors who answer for that organisation: its own supervisors, and, when it has no
 * supervisor other than the user concerned (a partner's or provider's organisation, a unit
 * being set up), the supervisors of the Child Protection Units of its municipality, or else of its
 * country. No admin can thus give itself or an accomplice child data unseen.
 */
export const CHILD_DATA_ROLES = ['caseworker', 'supervisor', 'partner', 'provider', 'police_support'] as const satisfies readonly Role[];

export const childDataRoles = (roles: readonly string[]): Role[] =>
  CHILD_DATA_ROLES.filter((r) => roles.includes(r));

/** Active protection units with an active supervisor, by a filter on the organisation. */
function unitsWithSupervisor(db: Kysely<DB>, except: string[]) {
  return db
    .selectFrom('organisations as o')
    .select('o.id')
    .where('o.is_protection_unit', '=', true)
    .where('o.active', '=', true)
    .where('o.id', 'not in', except)
    .where((eb) =>
      eb.exists(
        eb.selectFrom('users as s').select('s.id')
          .whereRef('s.organisation_id', '=', 'o.id')
          .where(sql<boolean>`'supervisor' = ANY(s.roles)`)
          .where('s.disabled_at', 'is', null),
      ),
    );
}

/** The organisations whose supervisors are shown a grant to `userId` in `organisationId`. */
async function shownTo(db: Kysely<DB>, organisationId: string, userId: string) {
  const org = await db.selectFrom('organisations').select(['id', 'country', 'jurisdiction_code']).where('id', '=', organisationId).executeTakeFirstOrThrow();
  const own = await db
    .selectFrom('users').select('id')
    .where('organisation_id', '=', org.id)
    .where(sql<boolean>`'supervisor' = ANY(roles)`)
    .where('disabled_at', 'is', null)
    .where('id', '!=', userId)
    .executeTakeFirst();
  if (own) return { country: org.country, ids: [org.id] };
  const local = await unitsWithSupervisor(db, [org.id]).where('o.jurisdiction_code', '=', org.jurisdiction_code).execute();
  const units = local.length > 0 ? local : await unitsWithSupervisor(db, [org.id]).where('o.country', '=', org.country).execute();
  return { country: org.country, ids: [org.id, ...units.map((u) => u.id)] };
}

/** Records a grant (in the caller's transaction): the row the supervisors see, and an audit entry. */
export async function recordGrant(
  tx: Kysely<DB>,
  actor: Actor,
  grant: { userId: string; organisationId: string; change: RoleGrantChange; roles: Role[]; added: Role[] },
): Promise<void> {
  const { country, ids } = await shownTo(tx, grant.organisationId, grant.userId);
  await tx
    .insertInto('role_grants')
    .values({
      country,
      user_id: grant.userId,
      organisation_id: grant.organisationId,
      change: grant.change,
      roles: grant.roles,
      added: grant.added,
      granted_by: actor.kind === 'user' ? actor.userId : null,
      granted_by_name: actorName(actor),
      shown_to: ids,
    })
    .execute();
  await appendAudit(tx, [{
    chain: 'system', actorId: actor.kind === 'user' ? actor.userId : null, actorName: actorName(actor),
    action: 'role_grant', entity: 'user', entityId: grant.userId, outcome: 'ok',
    detail: { change: grant.change, roles: grant.roles, added: grant.added, organisationId: grant.organisationId, shownTo: ids },
  }]);
}

/** The grants shown to a supervisor's organisation, newest first; the reading is audited. */
export async function listRoleGrants(db: Kysely<DB>, actor: UserActor, opts: { limit: number; offset: number }) {
  const base = () =>
    db.selectFrom('role_grants as g').where('g.country', '=', actor.country).where(sql<boolean>`${actor.organisationId}::uuid = ANY(g.shown_to)`);
  const rows = await base()
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .innerJoin('organisations as o', 'o.id', 'g.organisation_id')
    .select([
      'g.id', 'g.change', 'g.roles', 'g.added', 'g.granted_by', 'g.granted_by_name', 'g.granted_at',
      'u.id as user_id', 'u.username', 'u.display_name', 'u.roles as current_roles', 'u.disabled_at',
      'o.id as org_id', 'o.name as org_name',
    ])
    .orderBy('g.granted_at', 'desc')
    .orderBy('g.id')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  const total = await base().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  await appendAudit(db, [{
    chain: 'system', actorId: actor.userId, actorName: actor.username, action: 'role_grants_read', entity: 'organisation',
    entityId: actor.organisationId, outcome: 'ok', detail: { count: rows.length, offset: opts.offset },
  }]);
  const items: RoleGrant[] = rows.map((r) => ({
    id: r.id,
    change: r.change,
    roles: r.roles as Role[],
    added: r.added as Role[],
    grantedAt: r.granted_at.toISOString(),
    grantedBy: { id: r.granted_by, name: r.granted_by_name },
    user: { id: r.user_id, username: r.username, displayName: r.display_name, roles: r.current_roles as Role[], disabled: r.disabled_at !== null },
    organisation: { id: r.org_id, name: r.org_name },
  }));
  return { items, total: Number(total.n) };
}
