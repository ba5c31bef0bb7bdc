import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { appendAudit } from '../audit/audit-log.ts';
import { clearAccount, slowedUntil } from '../auth/login-throttle.ts';
import { assertPasswordAcceptable } from '../auth/password-policy.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { endUserSessions } from '../auth/sessions.ts';
import type { DB } from '../db/schema.ts';
import type { Role } from '../domain/roles.ts';
import type { Language, Me, RoleGrantChange, User, UserCreate, UserListQuery, UserPatch } from './users-schema.ts';
import { sortOf } from '../domain/list-sort.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors.ts';
import { type Actor, type UserActor, actorName } from '../policy/actor.ts';
import { childDataRoles, recordGrant } from './role-grants.ts';

/** Users and their credentials. No child data here; changes are audited on the `system` chain. */

function userQuery(db: Kysely<DB>) {
  return db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id', 'u.username', 'u.display_name', 'u.roles', 'u.language', 'u.organisation_id', 'o.name as organisation_name',
      'u.disabled_at', 'u.created_at', 'u.oidc_subject',
      sql<boolean>`exists (select 1 from second_factors f where f.user_id = u.id and f.enabled_at is not null)`.as('second_factor'),
    ]);
}

type UserRowJoined = Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>;

/** Users with their sign-in slow-down (from any address), if one runs. */
async function toUsers(db: Kysely<DB>, rows: UserRowJoined[]): Promise<User[]> {
  const slowed = await slowedUntil(db, rows.map((r) => r.username));
  return rows.map((r) => toUser(r, slowed.get(r.username.toLowerCase()) ?? null));
}

function toUser(r: UserRowJoined, slowed: Date | null): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: r.roles as Role[],
    language: r.language as Language,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    disabled: r.disabled_at !== null,
    lockedUntil: slowed ? slowed.toISOString() : null,
    createdAt: r.created_at.toISOString(),
    secondFactor: r.second_factor,
    oidcSubject: r.oidc_subject,
  };
}

async function auditSystem(db: Kysely<DB>, actor: Actor, action: string, entityId: string, detail: Record<string, string | string[] | boolean>) {
  await appendAudit(db, [{
    chain: 'system', actorId: actor.kind === 'user' ? actor.userId : null, actorName: actorName(actor),
    action, entity: 'user', entityId, outcome: 'ok', detail,
  }]);
}

export async function listUsers(db: Kysely<DB>, opts: UserListQuery) {
  const sort = sortOf(opts.sort ?? 'username');
  const column = sort.key === 'displayName' ? 'u.display_name' : sort.key === 'createdAt' ? 'u.created_at' : 'u.username';
  let locked: string[] = [];
  if (opts.status === 'locked') {
    const all = await db.selectFrom('users').select('username').execute();
    locked = [...(await slowedUntil(db, all.map((u) => u.username))).keys()];
  }
  const filtered = <Q extends SelectQueryBuilder<DB & { u: DB['users'] }, 'u', object>>(query: Q): Q => {
    if (opts.status === 'disabled') return query.where('u.disabled_at', 'is not', null) as Q;
    if (opts.status === 'active') return query.where('u.disabled_at', 'is', null) as Q;
    if (opts.status === 'locked') return (locked.length ? query.where(sql<string>`lower(u.username)`, 'in', locked) : query.where(sql<boolean>`false`)) as Q;
    return query;
  };
  const items = await filtered(userQuery(db)).orderBy(column, sort.direction).orderBy('u.id').limit(opts.limit).offset(opts.offset).execute();
  const total = await filtered(db.selectFrom('users as u').select((eb) => eb.fn.countAll<number>().as('n'))).executeTakeFirstOrThrow();
  return { items: await toUsers(db, items), total: Number(total.n) };
}

export async function getUser(db: Kysely<DB>, id: string): Promise<User> {
  const row = await userQuery(db).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('user');
  return (await toUsers(db, [row]))[0]!;
}

export async function findUserByName(db: Kysely<DB>, username: string): Promise<User | null> {
  const row = await userQuery(db).where(sql`lower(u.username)`, '=', username.toLowerCase()).executeTakeFirst();
  return row ? (await toUsers(db, [row]))[0]! : null;
}

async function requireOrganisation(db: Kysely<DB>, id: string) {
  const org = await db.selectFrom('organisations').select(['id', 'active']).where('id', '=', id).executeTakeFirst();
  if (!org) throw new InputError('Unknown organisation', [{ path: 'organisationId', message: 'no such organisation' }]);
  return org;
}

export async function createUser(db: Kysely<DB>, actor: Actor, input: UserCreate): Promise<User> {
  await requireOrganisation(db, input.organisationId);
  if (await findUserByName(db, input.username)) {
    throw new ConflictError('That username is taken', { issues: [{ path: 'username', message: 'is taken' }] });
  }
  assertPasswordAcceptable(input.password, 'password', { username: input.username, displayName: input.displayName });
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('users')
      .values({
        username: input.username,
        display_name: input.displayName,
        organisation_id: input.organisationId,
        roles: [...new Set(input.roles)],
        password_hash: passwordHash,
        language: input.language,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditSystem(tx, actor, 'user_create', row.id, { roles: input.roles });
    const seesChildren = childDataRoles(input.roles);
    if (seesChildren.length > 0) {
      await recordGrant(tx, actor, { userId: row.id, organisationId: input.organisationId, change: 'created', roles: seesChildren, added: seesChildren });
    }
    return row.id;
  });
  return getUser(db, id);
}

const sameSet = (a: readonly string[], b: readonly string[]) => new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

/**
 * No one raises their own rights: on one's own account an admin may change the display name and
 * the language only. Roles, organisation and enabled state are another admin's to change, and a
 * password is changed on the account page, with the current one.
 */
function refuseSelfChange(actor: Actor, before: { id: string; roles: string[]; organisation_id: string; disabled_at: Date | null }, patch: UserPatch) {
  if (actor.kind !== 'user' || actor.userId !== before.id) return;
  if (patch.roles !== undefined && !sameSet(patch.roles, before.roles)) {
    throw new ForbiddenError('You cannot change your own roles; another admin must do it');
  }
  if (patch.organisationId !== undefined && patch.organisationId !== before.organisation_id) {
    throw new ForbiddenError('You cannot change your own organisation; another admin must do it');
  }
  if (patch.disabled !== undefined && patch.disabled !== (before.disabled_at !== null)) {
    throw new ForbiddenError('You cannot disable or enable your own account');
  }
  if (patch.password !== undefined) {
    throw new ForbiddenError('Change your own password on your account page, with your current password');
  }
}

/** The changes of a patch that give the user access to child data, for the supervisors to see. */
function grantsOf(
  before: { roles: string[]; organisation_id: string; disabled_at: Date | null },
  patch: UserPatch,
): Array<{ change: RoleGrantChange; roles: Role[]; added: Role[] }> {
  const roles = childDataRoles(patch.roles ?? before.roles);
  if (roles.length === 0) return [];
  const grants: Array<{ change: RoleGrantChange; roles: Role[]; added: Role[] }> = [];
  if (patch.organisationId !== undefined && patch.organisationId !== before.organisation_id) {
    grants.push({ change: 'organisation', roles, added: roles });
  } else if (patch.roles !== undefined) {
    const added = roles.filter((r) => !before.roles.includes(r));
    if (added.length > 0) grants.push({ change: 'roles', roles, added });
  }
  if (patch.password !== undefined) grants.push({ change: 'password', roles, added: [] });
  if (patch.disabled === false && before.disabled_at !== null) grants.push({ change: 'enabled', roles, added: [] });
  return grants;
}

export async function updateUser(db: Kysely<DB>, actor: Actor, id: string, patch: UserPatch): Promise<User> {
  const before = await db.selectFrom('users').select(['id', 'username', 'display_name', 'roles', 'organisation_id', 'disabled_at']).where('id', '=', id).executeTakeFirst();
  if (!before) throw new NotFoundError('user');
  refuseSelfChange(actor, before, patch);
  if (patch.organisationId) await requireOrganisation(db, patch.organisationId);
  if (patch.password !== undefined) {
    assertPasswordAcceptable(patch.password, 'password', { username: before.username, displayName: patch.displayName ?? before.display_name });
  }
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
        ...(patch.roles !== undefined && { roles: [...new Set(patch.roles)] }),
        ...(patch.organisationId !== undefined && { organisation_id: patch.organisationId }),
        ...(patch.language !== undefined && { language: patch.language }),
        ...(patch.disabled !== undefined && { disabled_at: patch.disabled ? new Date() : null }),
        ...(passwordHash && { password_hash: passwordHash, password_changed_at: new Date() }),
      })
      .where('id', '=', id)
      .execute();
    // Re-enabling or resetting a password also lifts the account's sign-in slow-down.
    if (patch.disabled === false || passwordHash) await clearAccount(tx, before.username);
    await auditSystem(tx, actor, 'user_update', id, { fields: Object.keys(patch).sort() });
    for (const grant of grantsOf(before, patch)) {
      await recordGrant(tx, actor, { userId: id, organisationId: patch.organisationId ?? before.organisation_id, ...grant });
    }
    // A disabled user, a new password, other roles or another organisation end the user's sessions.
    const rolesChanged = patch.roles !== undefined && !sameSet(patch.roles, before.roles);
    const moved = patch.organisationId !== undefined && patch.organisationId !== before.organisation_id;
    if (patch.disabled || passwordHash || rolesChanged || moved) await endUserSessions(tx, id);
  });
  return getUser(db, id);
}

export async function changeOwnPassword(db: Kysely<DB>, actor: UserActor, current: string, next: string, keepSession: string) {
  const row = await db.selectFrom('users').select(['password_hash', 'display_name']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, current))) {
    throw new InputError('The current password is not right', [{ path: 'currentPassword', message: 'is not right' }]);
  }
  if (current === next) {
    throw new InputError('Choose a new password', [{ path: 'newPassword', message: 'must differ from the current one', code: 'password.same' }]);
  }
  assertPasswordAcceptable(next, 'newPassword', { username: actor.username, displayName: row.display_name });
  const hash = await hashPassword(next);
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ password_hash: hash, password_changed_at: new Date() }).where('id', '=', actor.userId).execute();
    await endUserSessions(tx, actor.userId, keepSession);
    await auditSystem(tx, actor, 'password_change', actor.userId, {});
  });
}

export async function setLanguage(db: Kysely<DB>, actor: UserActor, language: Language) {
  await db.updateTable('users').set({ language }).where('id', '=', actor.userId).execute();
}

export async function meOf(db: Kysely<DB>, actor: UserActor): Promise<Me> {
  const user = await getUser(db, actor.userId);
  const place = await db.selectFrom('jurisdictions').select('timezone').where('code', '=', actor.jurisdictionCode).executeTakeFirstOrThrow();
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    language: user.language,
    organisation: {
      id: actor.organisationId,
      name: actor.organisationName,
      sector: actor.sector,
      jurisdictionCode: actor.jurisdictionCode,
      country: actor.country,
      isProtectionUnit: actor.isProtectionUnit,
      timeZone: place.timezone,
    },
  };
}
