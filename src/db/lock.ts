import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite corrupts its data directory when two processes open it, so the process that opens it
 * holds an exclusive lock file. A second process is refused with a message naming the holder,
 * before it touches any data file. A lock left by a dead process is taken over.
 */
export type LockHolder = { pid: number; host: string; command: string; since: string };

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data directory ${dataDir} is in use by process ${holder.pid} (${holder.command}, since ${holder.since}). ` +
        'Only one process may open an embedded database: stop that process, or use the running server ' +
        '(or set DATABASE_URL to use a PostgreSQL server).',
    );
    this.name = 'DataDirLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string, command: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'safetynet.lock');
  const me: LockHolder = { pid: process.pid, host: os.hostname(), command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // Written aside, then linked into place: the lock file appears whole or not at all, and
      // link() fails with EEXIST when another process holds it.
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(me), { mode: 0o600 });
      try {
        fs.linkSync(tmp, file);
      } finally {
        fs.rmSync(tmp, { force: true });
      }
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
          if (current.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder: LockHolder | null = null;
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
      } catch {
        holder = null; // half-written by a process that died while taking it
      }
      if (holder && holder.host === os.hostname() && holder.pid !== process.pid && !alive(holder.pid)) {
        fs.unlinkSync(file); // stale: its process is gone
        continue;
      }
      if (holder === null) {
        fs.unlinkSync(file);
        continue;
      }
      throw new DataDirLockedError(dataDir, holder);
    }
  }
  throw new Error(`Could not lock the data directory ${dataDir}`);
}
