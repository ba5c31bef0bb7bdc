import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit-log.ts';
import { endUserSessions } from '../auth/sessions.ts';
import { removeSecondFactor } from '../auth/totp.ts';
import type { DB } from '../db/schema.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { type Actor, actorName } from '../policy/actor.ts';

/**
 * An administrator's changes to a user's sign-in: resetting the second factor (the user must set
 * it up again at the next sign-in; every session ends) and linking the user to the identity
 * provider's subject (or unlinking). Both audited on the `system` chain, in the same transaction.
 */
async function audit(db: Kysely<DB>, actor: Actor, action: string, userId: string, detail: Record<string, string | boolean>) {
  await appendAudit(db, [{
    chain: 'system', actorId: actor.kind === 'user' ? actor.userId : null, actorName: actorName(actor),
    action, entity: 'user', entityId: userId, outcome: 'ok', detail,
  }]);
}

export async function resetSecondFactor(db: Kysely<DB>, actor: Actor, userId: string): Promise<void> {
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw new NotFoundError('user');
  await db.transaction().execute(async (tx) => {
    const had = await removeSecondFactor(tx, userId);
    await endUserSessions(tx, userId);
    await audit(tx, actor, 'second_factor_reset', userId, { had });
  });
}

/** Links the user to a subject of the configured provider (null: unlinks). A subject links one user. */
export async function linkOidcSubject(db: Kysely<DB>, actor: Actor, userId: string, issuer: string | null, subject: string | null): Promise<void> {
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw new NotFoundError('user');
  if (subject !== null && issuer === null) throw new ConflictError('Single sign-on is not configured (SAFETYNET_OIDC_ISSUER)');
  if (subject !== null) {
    const other = await db.selectFrom('users').select('id')
      .where('oidc_issuer', '=', issuer).where('oidc_subject', '=', subject).where('id', '!=', userId).executeTakeFirst();
    if (other) throw new ConflictError('Another user is linked to this subject');
  }
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ oidc_issuer: subject === null ? null : issuer, oidc_subject: subject }).where('id', '=', userId).execute();
    // The subject itself is not child data, but it is an identifier: the log says only that it changed.
    await audit(tx, actor, subject === null ? 'oidc_unlink' : 'oidc_link', userId, {});
  });
}
