import { createHmac } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

/**
 * How application sessions log in to PostgreSQL. The user in DATABASE_URL owns the schema and
 * runs migrations, backup and restore; the application's own connections log in as another role
 * that may only append to the audit log:
 *
 * - SAFETYNET_APP_DATABASE_URL, when set, is that login (a role the deployment created; migrate
 *   grants it the application's rights).
 * - Otherwise the login is `safetynet_app`, with a password derived from the owner's (an HMAC of
 *   it: every process and every database of the cluster derives the same one, and it does not
 *   reveal the owner's). Opening the database creates the role, or sets its password, when the
 *   owner may create roles and the login does not work yet.
 * - When neither works (the owner may not create roles, the URL has no password, the server
 *   refuses the login), the application works as the owner, and `warning` says why.
 */
export const APP_ROLE = 'safetynet_app';

export type AppLogin = { url: string; role: string | null; warning: string | null };

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The password of `safetynet_app`, derived from the owner's; null when the URL carries none. */
export function appPassword(ownerUrl: string): string | null {
  const password = decodeURIComponent(new URL(ownerUrl).password) || process.env.PGPASSWORD;
  if (!password) return null;
  return createHmac('sha256', password).update(`safetynet application login v1:${APP_ROLE}`).digest('base64url');
}

function withLogin(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** Tries a login; answers null when it works, else the server's reason. */
async function tryLogin(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const asOwner = (reason: string) =>
  `the application works as the database owner, because ${reason}: a session of the application could rewrite the audit chain's head. ` +
  'Let the DATABASE_URL user create roles (CREATEROLE), or create a login role and set SAFETYNET_APP_DATABASE_URL (README, "PGlite or PostgreSQL").';

export async function appLogin(owner: Kysely<DB>, ownerUrl: string, explicitUrl?: string): Promise<AppLogin> {
  if (explicitUrl) return { url: explicitUrl, role: decodeURIComponent(new URL(explicitUrl).username), warning: null };
  const ownerUser = (await sql<{ u: string }>`SELECT current_user AS u`.execute(owner)).rows[0]!.u;
  if (ownerUser === APP_ROLE) return { url: ownerUrl, role: null, warning: asOwner(`DATABASE_URL logs in as ${APP_ROLE} itself`) };
  const password = appPassword(ownerUrl);
  if (!password) return { url: ownerUrl, role: null, warning: asOwner('DATABASE_URL has no password to derive the application login from') };
  const url = withLogin(ownerUrl, APP_ROLE, password);
  if ((await tryLogin(url)) === null) return { url, role: APP_ROLE, warning: null };
  const can = (await sql<{ can: boolean }>`
    SELECT rolsuper OR rolcreaterole AS can FROM pg_roles WHERE rolname = current_user`.execute(owner)).rows[0]?.can;
  if (!can) return { url: ownerUrl, role: null, warning: asOwner(`${ownerUser} may not create roles and the ${APP_ROLE} login does not work`) };
  // Role names are cluster-wide: another process (another database of the cluster) may create
  // the role or set the same password at the same moment; its error is then harmless, and the
  // login below tells.
  const exists = (await sql`SELECT 1 FROM pg_roles WHERE rolname = ${APP_ROLE}`.execute(owner)).rows.length > 0;
  const options = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '${password}'`;
  await sql.raw(`${exists ? 'ALTER' : 'CREATE'} ROLE ${APP_ROLE} ${options}`).execute(owner).catch(() => undefined);
  const refused = await tryLogin(url);
  if (refused === null) return { url, role: APP_ROLE, warning: null };
  return { url: ownerUrl, role: null, warning: asOwner(`the server refuses the ${APP_ROLE} login (${refused})`) };
}
