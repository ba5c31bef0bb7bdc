import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { DataDirLockedError, acquireDataDirLock } from './lock.ts';

/**
 * The embedded database's data directory belongs to one process. This file uses PGlite data
 * directories of its own whichever database the suite runs on, and the CLI it spawns is told
 * to use them (DATABASE_URL removed).
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-lock-test-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const newDir = (name: string) => fs.mkdtempSync(path.join(root, `${name}-`));

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  expect(child.status).toBe(0);
  return child.pid!;
}

/** Content and modification time of every file under a directory. */
function fingerprint(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        const st = fs.statSync(p);
        hash.update(`${path.relative(dir, p)}\0${st.size}\0${st.mtimeMs}\0`);
        hash.update(fs.readFileSync(p));
      }
    }
  };
  walk(dir);
  return hash.digest('hex');
}

const lockFile = (dir: string) => path.join(dir, 'safetynet.lock');
const holderOf = (dir: string) => JSON.parse(fs.readFileSync(lockFile(dir), 'utf8')) as { pid: number; host: string; command: string };

describe('acquireDataDirLock', () => {
  it('writes the holder, refuses a second holder, and releases', () => {
    const dir = newDir('unit');
    const release = acquireDataDirLock(dir, 'first');
    expect(holderOf(dir)).toMatchObject({ pid: process.pid, host: os.hostname(), command: 'first' });
    let refused: unknown;
    try {
      acquireDataDirLock(dir, 'second');
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as DataDirLockedError).holder.pid).toBe(process.pid);
    expect((refused as Error).message).toMatch(new RegExp(`in use by process ${process.pid} \\(first,`));
    expect(holderOf(dir).command).toBe('first');
    release();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
    release(); // twice is harmless
    const again = acquireDataDirLock(dir, 'third');
    expect(holderOf(dir).command).toBe('third');
    again();
  });

  it('takes over a lock whose process is dead, and an unreadable lock', () => {
    const dir = newDir('stale');
    const dead = deadPid();
    fs.writeFileSync(lockFile(dir), JSON.stringify({ pid: dead, host: os.hostname(), command: 'crashed', since: '2020-01-01T00:00:00Z' }));
    const release = acquireDataDirLock(dir, 'taker');
    expect(holderOf(dir)).toMatchObject({ pid: process.pid, command: 'taker' });
    release();
    fs.writeFileSync(lockFile(dir), '{"pid": 12'); // half-written
    const release2 = acquireDataDirLock(dir, 'taker2');
    expect(holderOf(dir)).toMatchObject({ pid: process.pid, command: 'taker2' });
    release2();
  });

  it('does not take over a lock held on another host, which it cannot check', () => {
    const dir = newDir('remote');
    fs.writeFileSync(lockFile(dir), JSON.stringify({ pid: deadPid(), host: `not-${os.hostname()}`, command: 'elsewhere', since: '2020-01-01T00:00:00Z' }));
    expect(() => acquireDataDirLock(dir, 'here')).toThrow(DataDirLockedError);
    expect(holderOf(dir).command).toBe('elsewhere');
  });

  it('opens a database whose lock was left by a dead process', async () => {
    const dir = newDir('open-stale');
    fs.writeFileSync(lockFile(dir), JSON.stringify({ pid: deadPid(), host: os.hostname(), command: 'crashed', since: '2020-01-01T00:00:00Z' }));
    const database = await openDatabase({ kind: 'pglite', dataDir: dir, command: 'test-taker' });
    expect(holderOf(dir)).toMatchObject({ pid: process.pid, command: 'test-taker' });
    const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
    expect(rows).toEqual([{ one: 1 }]);
    await database.close();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  }, 60_000);
});

describe('a second process on a data directory in use', () => {
  it('is refused naming the holder, and touches no data file', async () => {
    const dir = newDir('held');
    const holder = await openDatabase({ kind: 'pglite', dataDir: dir, command: 'test-holder' });
    await sql`CREATE TABLE marker (v text)`.execute(holder.db);
    await sql`INSERT INTO marker VALUES ('still here')`.execute(holder.db);
    await sql`CHECKPOINT`.execute(holder.db);
    const before = fingerprint(path.join(dir, 'pgdata'));

    const env: NodeJS.ProcessEnv = { ...process.env, SAFETYNET_DATA_DIR: dir, SAFETYNET_LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/safetynet.mjs', 'migrate'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain(`The data directory ${dir} is in use by process ${process.pid} (test-holder,`);
    expect(fingerprint(path.join(dir, 'pgdata'))).toBe(before);
    expect(holderOf(dir)).toMatchObject({ pid: process.pid, command: 'test-holder' });

    // The holder still works, and the data survives close and reopen.
    const { rows } = await sql<{ v: string }>`SELECT v FROM marker`.execute(holder.db);
    expect(rows).toEqual([{ v: 'still here' }]);
    await holder.close();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
    const reopened = await openDatabase({ kind: 'pglite', dataDir: dir, command: 'test-reopen' });
    try {
      expect((await sql<{ v: string }>`SELECT v FROM marker`.execute(reopened.db)).rows).toEqual([{ v: 'still here' }]);
    } finally {
      await reopened.close();
    }
  }, 120_000);
});
