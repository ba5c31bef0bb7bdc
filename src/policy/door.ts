import type { Kysely, Transaction } from 'kysely';
import { type AuditEntry, appendAudit } from '../audit/audit-log.ts';
import { auditWriterFor } from '../audit/audit-writer.ts';
import type { DB } from '../db/schema.ts';
import { awaitReplicaCaughtUp, reportsReplicaOf } from '../db/reports-replica.ts';
import { ForbiddenError } from '../errors.ts';
import { type Actor, type BreakGlassUse, type UserActor, actorName, systemActor } from './actor.ts';
import { unguardedHandle } from './guard.ts';

/**
 * The one door to child data. A Door binds the database to an actor; every capability reads and
 * writes child data through its own functions that take a Door (src/<capability>/), which compile
 * the actor's reach into SQL and append the audit entries in the same transaction as the work.
 * The application's handle refuses any query of a child-data table (src/policy/guard.ts): only a
 * Door's transactions run on the unguarded handle behind it.
 */
export type Door = {
  readonly actor: Actor;
  /** Runs `fn` in one transaction; `audit` appends entries that commit (or roll back) with it. */
  transaction<T>(fn: (tx: Transaction<DB>, audit: AuditFn) => Promise<T>): Promise<T>;
  /**
   * Runs a read in one read-only transaction; the entries given to `audit` are committed right
   * after it, together with other readers' (group commit), and only then is the result returned.
   * A read that fails to be audited fails.
   */
  read<T>(fn: (tx: Transaction<DB>, audit: AuditFn) => Promise<T>): Promise<T>;
  /**
   * Runs a report's read like `read`, but on the reports replica when the deployment has one
   * (src/db/reports-replica.ts: only once it has replayed everything the primary had written);
   * the audit entries still go to the primary. `source` says where the figures came from.
   */
  readReport<T>(fn: (tx: Transaction<DB>, audit: AuditFn, source: ReportSource) => Promise<T>): Promise<T>;
  /** Records an entry on its own, for denied attempts whose transaction rolled back. */
  auditAlone(entries: AuditDraft[]): Promise<void>;
};

export type ReportSource = 'primary' | 'replica';

export type AuditFn = (entries: AuditDraft[]) => Promise<void>;

/** An audit entry before the door fills in who acted. */
export type AuditDraft = Omit<AuditEntry, 'actorId' | 'actorName' | 'chain'> & { chain?: string };

export function chainOf(actor: Actor, country?: string | null): string {
  return country ?? (actor.kind === 'user' ? actor.country : 'system');
}

/** A Door for `actor` on the application's handle `app` (its transactions run unguarded). */
export function openDoor(app: Kysely<DB>, actor: Actor): Door {
  const db = unguardedHandle(app);
  const complete = (entries: AuditDraft[]): AuditEntry[] =>
    entries.map((e) => ({
      ...e,
      chain: e.chain ?? chainOf(actor),
      actorId: actor.kind === 'user' ? actor.userId : null,
      actorName: actorName(actor),
    }));
  /** A read-only transaction on `source`; its audit entries are committed on the primary, by group commit, before the result is given. */
  const readOn = async <T>(source: Kysely<DB>, fn: (tx: Transaction<DB>, audit: AuditFn) => Promise<T>): Promise<T> => {
    const drafts: AuditDraft[] = [];
    const result = await source
      .transaction()
      .setAccessMode('read only')
      .execute((tx) => fn(tx, async (entries) => { drafts.push(...entries); }));
    await auditWriterFor(db).append(complete(drafts));
    return result;
  };
  return {
    actor,
    transaction(fn) {
      return db.transaction().execute((tx) => fn(tx, async (entries) => { await appendAudit(tx, complete(entries)); }));
    },
    read(fn) {
      return readOn(db, (tx, audit) => fn(tx, audit));
    },
    async readReport(fn) {
      const replica = reportsReplicaOf(app);
      if (!replica) return readOn(db, (tx, audit) => fn(tx, audit, 'primary'));
      await awaitReplicaCaughtUp(db, replica);
      return readOn(replica.db, (tx, audit) => fn(tx, audit, 'replica'));
    },
    auditAlone(entries) {
      return auditWriterFor(db).append(complete(entries));
    },
  };
}

/**
 * A read-only Door whose reach is widened by one break-glass grant of its user (reach.ts checks the
 * grant, its child and its expiry in SQL on every row). Any write is refused (403, nothing runs),
 * and every audit entry of its reads carries the grant's id, so each access through it is marked.
 */
export function breakGlassDoor(app: Kysely<DB>, actor: UserActor, use: BreakGlassUse): Door {
  const door = openDoor(app, { ...actor, breakGlass: use });
  const marked = (entries: AuditDraft[]): AuditDraft[] =>
    entries.map((e) => ({ ...e, detail: { ...(e.detail ?? {}), breakGlassGrant: use.grantId } }));
  return {
    actor: door.actor,
    transaction() {
      return Promise.reject(new ForbiddenError('Emergency access is read-only'));
    },
    read(fn) {
      return door.read((tx, audit) => fn(tx, (entries) => audit(marked(entries))));
    },
    readReport() {
      return Promise.reject(new ForbiddenError('Emergency access opens one child, not reports'));
    },
    auditAlone(entries) {
      return door.auditAlone(marked(entries));
    },
  };
}

/** Privileged code (CLI, seeding, jobs) asks for a system door by name; the name is audited. */
export function systemDoor(db: Kysely<DB>, name: string): Door {
  return openDoor(db, systemActor(name));
}

/** The transaction a Door runs its work in (the handle every query of child data receives). */
export type Tx = Parameters<Parameters<Door['transaction']>[0]>[0];
