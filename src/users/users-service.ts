import { type Kysely, sql } from 'kysely';
import { appendAudit } from '../audit/audit-log.ts';
import { burnVerification, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { endUserSessions } from '../auth/sessions.ts';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import type { Role } from '../domain/roles.ts';
import type { Language, Me, User, UserCreate, UserPatch } from '../domain/schemas/users.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import { type Actor, type UserActor, actorName } from '../policy/actor.ts';

/** Users and their credentials. No child data here; changes are audited on the `system` chain. */

function userQuery(db: Kysely<DB>) {
  return db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id', 'u.username', 'u.display_name', 'u.roles', 'u.language', 'u.organisation_id', 'o.name as organisation_name',
      'u.disabled_at', 'u.locked_until', 'u.created_at',
    ]);
}

type UserRowJoined = Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>;

function toUser(r: UserRowJoined): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: r.roles as Role[],
    language: r.language as Language,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    disabled: r.disabled_at !== null,
    lockedUntil: r.locked_until && r.locked_until.getTime() > Date.now() ? r.locked_until.toISOString() : null,
    createdAt: r.created_at.toISOString(),
  };
}

async function auditSystem(db: Kysely<DB>, actor: Actor, action: string, entityId: string, detail: Record<string, string | string[] | boolean>) {
  await appendAudit(db, [{
    chain: 'system', actorId: actor.kind === 'user' ? actor.userId : null, actorName: actorName(actor),
    action, entity: 'user', entityId, outcome: 'ok', detail,
  }]);
}

export async function listUsers(db: Kysely<DB>, opts: { limit: number; offset: number }) {
  const items = await userQuery(db).orderBy('u.username').limit(opts.limit).offset(opts.offset).execute();
  const total = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items: items.map(toUser), total: Number(total.n) };
}

export async function getUser(db: Kysely<DB>, id: string): Promise<User> {
  const row = await userQuery(db).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('user');
  return toUser(row);
}

export async function findUserByName(db: Kysely<DB>, username: string): Promise<User | null> {
  const row = await userQuery(db).where(sql`lower(u.username)`, '=', username.toLowerCase()).executeTakeFirst();
  return row ? toUser(row) : null;
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
    return row.id;
  });
  return getUser(db, id);
}

export async function updateUser(db: Kysely<DB>, actor: Actor, id: string, patch: UserPatch): Promise<User> {
  await getUser(db, id);
  if (patch.organisationId) await requireOrganisation(db, patch.organisationId);
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
        // Re-enabling or resetting a password also lifts a lockout.
        ...((patch.disabled === false || passwordHash) && { failed_logins: 0, locked_until: null }),
        ...(passwordHash && { password_hash: passwordHash, password_changed_at: new Date() }),
      })
      .where('id', '=', id)
      .execute();
    await auditSystem(tx, actor, 'user_update', id, { fields: Object.keys(patch).sort() });
    // A disabled user, a new password or new roles end the user's sessions.
    if (patch.disabled || passwordHash || patch.roles || patch.organisationId) await endUserSessions(tx, id);
  });
  return getUser(db, id);
}

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; locked: false }
  | { ok: false; locked: true; minutes: number };

/**
 * Checks a password. After `loginMaxFailures` failures in a row the account is locked for
 * `lockoutMinutes`; a disabled or unknown user fails like a wrong password.
 */
export async function authenticate(db: Kysely<DB>, config: Config, username: string, password: string): Promise<LoginResult> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at', 'locked_until', 'failed_logins'])
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  if (!user || user.disabled_at) {
    await burnVerification(password);
    return { ok: false, locked: false };
  }
  if (user.locked_until && user.locked_until.getTime() > Date.now()) {
    return { ok: false, locked: true, minutes: Math.ceil((user.locked_until.getTime() - Date.now()) / 60_000) };
  }
  if (await verifyPassword(user.password_hash, password)) {
    await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    return { ok: true, userId: user.id };
  }
  const failures = user.failed_logins + 1;
  const lock = failures >= config.loginMaxFailures;
  await db
    .updateTable('users')
    .set({ failed_logins: lock ? 0 : failures, locked_until: lock ? new Date(Date.now() + config.lockoutMinutes * 60_000) : null })
    .where('id', '=', user.id)
    .execute();
  if (lock) {
    await auditSystem(db, { kind: 'system', name: 'login' }, 'user_locked', user.id, {});
    return { ok: false, locked: true, minutes: config.lockoutMinutes };
  }
  return { ok: false, locked: false };
}

export async function changeOwnPassword(db: Kysely<DB>, actor: UserActor, current: string, next: string, keepSession: string) {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, current))) {
    throw new InputError('The current password is not right', [{ path: 'currentPassword', message: 'is not right' }]);
  }
  if (current === next) {
    throw new InputError('Choose a new password', [{ path: 'newPassword', message: 'must differ from the current one' }]);
  }
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
    },
  };
}
