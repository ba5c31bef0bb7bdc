import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Role } from '../domain/roles.ts';
import type { Sector } from '../domain/taxonomies.ts';

/** Who is asking: a signed-in user, or a named system handle (CLI, jobs, migrations). */
export type UserActor = {
  kind: 'user';
  userId: string;
  username: string;
  roles: Role[];
  organisationId: string;
  organisationName: string;
  sector: Sector;
  isProtectionUnit: boolean;
  jurisdictionCode: string;
  country: string;
  /** Set only on a break-glass door (src/breakglass/): the one grant that widens this actor's reach, read-only. */
  breakGlass?: BreakGlassUse;
};

/** An active break-glass grant in use: the child it opens, until the grant's expiry (checked in SQL on every row). */
export type BreakGlassUse = { grantId: string; country: string; childId: string };

export type SystemActor = { kind: 'system'; name: string };
export type Actor = UserActor | SystemActor;

export function systemActor(name: string): SystemActor {
  if (!/^[a-z][a-z0-9:_-]{1,60}$/.test(name)) throw new Error(`Invalid system handle name: ${name}`);
  return { kind: 'system', name };
}

export function actorName(actor: Actor): string {
  return actor.kind === 'user' ? actor.username : `system:${actor.name}`;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.kind === 'user' && actor.roles.some((r) => roles.includes(r));
}

/** Loads an active user's actor; null for an unknown or disabled user. */
export async function loadUserActor(db: Kysely<DB>, userId: string): Promise<UserActor | null> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id', 'u.username', 'u.roles', 'u.disabled_at', 'o.id as org_id', 'o.name as org_name', 'o.sector',
      'o.is_protection_unit', 'o.jurisdiction_code', 'o.country',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row || row.disabled_at) return null;
  return {
    kind: 'user',
    userId: row.id,
    username: row.username,
    roles: row.roles as Role[],
    organisationId: row.org_id,
    organisationName: row.org_name,
    sector: row.sector as Sector,
    isProtectionUnit: row.is_protection_unit,
    jurisdictionCode: row.jurisdiction_code,
    country: row.country,
  };
}
