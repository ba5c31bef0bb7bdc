import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * Checkpoints of the audit chains' heads, kept outside the database, so that whoever can rewrite
 * the database (its owner, a superuser) cannot also rewrite them: a file of JSON lines, only ever
 * appended to, `{"chain","seq","hash","at"}`. Each process that opens the configured database
 * writes the heads it finds every second while it runs (the server) and when it closes (every
 * command), a line per chain whose head moved.
 *
 * `audit verify` then holds the log to the latest checkpoint of each chain: the entry it names
 * must be there with the same hash. Since each entry's hash covers the one before, that pins the
 * whole chain up to it: cutting the tail and rewinding the head, or rewriting the chain and
 * recomputing every hash, leaves a checkpoint the log no longer reaches.
 *
 * A restore writes a `{"restored"}` line: the checkpoints before it belong to the log that was
 * replaced, and only those after it count.
 */
export type Checkpoint = { chain: string; seq: number; hash: string; at: string };
type Head = { chain: string; seq: number | string | bigint; hash: string };

export type CheckpointRead = { checkpoints: Map<string, Checkpoint>; restoredAt: string | null };

export class AuditCheckpoints {
  /** The highest entry this process wrote a checkpoint of, per chain. */
  private readonly written = new Map<string, number>();
  /** The chains whose head was found behind, and where, as last told. */
  private readonly told = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(readonly file: string) {}

  /**
   * Appends a line for each head past the one this process last wrote, and answers the heads
   * that went back behind it (a rewound head).
   */
  record(heads: Head[], prefix: object[] = []): Array<{ chain: string; from: number; to: number }> {
    const at = new Date().toISOString();
    const back: Array<{ chain: string; from: number; to: number }> = [];
    const lines = prefix.map((p) => JSON.stringify(p));
    for (const h of heads) {
      const seq = Number(h.seq);
      const before = this.written.get(h.chain) ?? 0;
      // A head that went back is told once, not at every sweep while it stays there.
      if (seq < before && this.told.get(h.chain) !== seq) back.push({ chain: h.chain, from: before, to: seq });
      if (seq < before) this.told.set(h.chain, seq);
      else this.told.delete(h.chain);
      if (seq > before) lines.push(JSON.stringify({ chain: h.chain, seq, hash: h.hash, at }));
    }
    if (lines.length === 0) return back;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    // A line cut short by a crash must not swallow the next one.
    const size = fs.existsSync(this.file) ? fs.statSync(this.file).size : 0;
    const lead = size > 0 && lastByte(this.file, size) !== 0x0a ? '\n' : '';
    fs.appendFileSync(this.file, `${lead}${lines.join('\n')}\n`, { mode: 0o600 });
    for (const h of heads) this.written.set(h.chain, Math.max(Number(h.seq), this.written.get(h.chain) ?? 0));
    return back;
  }

  /** Reads the heads from the database and records those that moved. */
  async sweep(db: Kysely<DB>): Promise<Array<{ chain: string; from: number; to: number }>> {
    const heads = await db.selectFrom('audit_heads').select(['chain', 'seq', 'hash']).orderBy('chain').execute();
    return this.record(heads);
  }

  /** Sweeps every `everyMs` until stop(); problems (a rewound head, a file that cannot be written) go to `report`. */
  start(db: Kysely<DB>, report: (message: string) => void, everyMs = 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.sweep(db)
        .then((back) => {
          for (const b of back) report(`The head of audit chain ${b.chain} went back from entry ${b.from} to ${b.to}: run "safetynet audit verify".`);
        })
        .catch((err: unknown) => report(`Audit checkpoints could not be written to ${this.file}: ${(err as Error).message}`))
        .finally(() => {
          this.sweeping = null;
        });
    }, everyMs);
    this.timer.unref();
  }

  /** Stops sweeping and records the heads one last time. */
  async stop(db: Kysely<DB>): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
    await this.sweep(db);
  }

  /** Marks a restore: earlier checkpoints belong to the replaced log; the restored heads are the first after it. */
  async restored(db: Kysely<DB>): Promise<void> {
    this.written.clear();
    this.told.clear();
    const heads = await db.selectFrom('audit_heads').select(['chain', 'seq', 'hash']).orderBy('chain').execute();
    this.record(heads, [{ restored: new Date().toISOString() }]);
  }

  /** The latest checkpoint of each chain since the last restore (none when the file does not exist). */
  read(): CheckpointRead {
    const checkpoints = new Map<string, Checkpoint>();
    let restoredAt: string | null = null;
    if (!fs.existsSync(this.file)) return { checkpoints, restoredAt };
    for (const line of fs.readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      let parsed: Partial<Checkpoint> & { restored?: string };
      try {
        parsed = JSON.parse(line) as typeof parsed;
      } catch {
        continue; // a line cut short by a crash
      }
      if (typeof parsed.restored === 'string') {
        restoredAt = parsed.restored;
        checkpoints.clear();
        continue;
      }
      const { chain, seq, hash, at } = parsed;
      if (typeof chain !== 'string' || typeof seq !== 'number' || typeof hash !== 'string' || typeof at !== 'string') continue;
      if (seq > (checkpoints.get(chain)?.seq ?? 0)) checkpoints.set(chain, { chain, seq, hash, at });
    }
    return { checkpoints, restoredAt };
  }
}

function lastByte(file: string, size: number): number {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1);
    fs.readSync(fd, buf, 0, 1, size - 1);
    return buf[0]!;
  } finally {
    fs.closeSync(fd);
  }
}

/** Where a configuration's checkpoints go: one file per database, in the data directory unless configured. */
export function checkpointFileFor(config: { dataDir: string; databaseUrl: string | undefined; auditCheckpoints: string | undefined }): string {
  if (config.auditCheckpoints) return path.resolve(config.auditCheckpoints);
  if (!config.databaseUrl) return path.join(config.dataDir, 'audit-checkpoints', 'pglite.jsonl');
  const u = new URL(config.databaseUrl);
  const name = `${u.hostname}-${u.port || 5432}-${decodeURIComponent(u.pathname.slice(1)) || 'postgres'}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return path.join(config.dataDir, 'audit-checkpoints', `${name}.jsonl`);
}
