import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type AuditEntry, type ChainHead, appendAudit, appendAuditAfter, chainsOf } from './audit-log.ts';

/**
 * Group commit for the audit entries that are not part of a write: reads and denials.
 *
 * Appending to a chain locks its head row until the transaction commits, so reads that each
 * appended their own entry took turns at one lock and one WAL flush per read. Here the entries
 * queued while one batch is committing go together in the next batch: N concurrent reads cost
 * one transaction, one lock hold and one flush. Nothing waits on a timer: an idle writer commits
 * a lone entry at once.
 *
 * A batch of one chain whose head the writer knows (it wrote last) is one statement: it moves the
 * head only if the head is still there, and inserts the entries with it. When another appender
 * (a write in its own transaction, another process) moved the head, that statement writes
 * nothing and the batch takes the locked path: lock the head, append, commit.
 *
 * A caller's promise settles only once its entries are committed, and the door answers a record
 * only after that: no read is ever answered without being on the log, and a crash loses no entry
 * of a read that was answered.
 */
type Pending = { entries: AuditEntry[]; resolve: () => void; reject: (err: unknown) => void };

/**
 * A batch's bound, so that the caller first in line does not wait on an unbounded statement; a
 * single caller's larger append still goes whole, in one batch of its own.
 */
const MAX_BATCH_ENTRIES = 2000;

export class AuditWriter {
  private queue: Pending[] = [];
  private draining = false;
  /** The head of each chain as this writer last left it. */
  private readonly heads = new Map<string, ChainHead>();
  /** Committed batches and entries, and batches that found the head moved, for tests and the bench. */
  readonly stats = { batches: 0, entries: 0, headMoved: 0 };

  constructor(private readonly db: Kysely<DB>) {}

  append(entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entries, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private takeBatch(): Pending[] {
    let n = 0;
    let size = 0;
    while (n < this.queue.length && (n === 0 || size + this.queue[n]!.entries.length <= MAX_BATCH_ENTRIES)) {
      size += this.queue[n]!.entries.length;
      n += 1;
    }
    return this.queue.splice(0, n);
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        try {
          await this.commit(batch.flatMap((p) => p.entries));
          for (const p of batch) p.resolve();
        } catch (err) {
          // A batch that failed as a whole is retried caller by caller, so that one caller's
          // failure is not its neighbours'.
          if (batch.length === 1) batch[0]!.reject(err);
          else for (const p of batch) await this.commit(p.entries).then(p.resolve, p.reject);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async commit(entries: AuditEntry[]): Promise<void> {
    const chains = chainsOf(entries);
    const known = chains.length === 1 ? this.heads.get(chains[0]!) : undefined;
    const next = known ? await appendAuditAfter(this.db, known, entries) : null;
    if (known && !next) this.stats.headMoved += 1;
    if (!next) {
      for (const c of chains) this.heads.delete(c);
      const heads = await this.db.transaction().execute((tx) => appendAudit(tx, entries));
      for (const h of heads) this.heads.set(h.chain, h);
    } else {
      this.heads.set(next.chain, next);
    }
    this.stats.batches += 1;
    this.stats.entries += entries.length;
  }
}

/** One writer per database handle (per process): batching needs every reader on the same queue. */
const writers = new WeakMap<Kysely<DB>, AuditWriter>();

export function auditWriterFor(db: Kysely<DB>): AuditWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = new AuditWriter(db);
    writers.set(db, writer);
  }
  return writer;
}
