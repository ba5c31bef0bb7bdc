import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A PostgreSQL primary and its hot standby on local ports, for the replica tests: made with the
 * Debian packages' binaries (initdb, pg_ctl, pg_basebackup) under the `postgres` system user when
 * the tests run as root, as .ci/run does. Each lives in its own temporary directory and is
 * stopped and removed by `stop()`.
 */
export type PgPair = {
  primaryUrl: string;
  standbyUrl: string;
  /** A superuser's SQL on the standby (pausing and resuming replay). */
  onStandby(statement: string): string;
  stopStandby(): void;
  startStandby(): void;
  stop(): void;
};

export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const version = fs.readdirSync(root).sort((a, b) => Number(a) - Number(b)).pop();
  if (!version) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql (.ci/run installs them)');
  return path.join(root, version, 'bin');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary as the `postgres` user when we are root (initdb refuses root). */
function run(bin: string, args: string[], input?: string): string {
  const file = path.join(postgresBin(), bin);
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...(input ? { input } : {}) });
}

export async function startPgPair(): Promise<PgPair> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-replica-'));
  fs.chmodSync(dir, 0o777);
  const primary = path.join(dir, 'primary');
  const standby = path.join(dir, 'standby');
  const [p1, p2] = [await freePort(), await freePort()];
  const settings = (port: number) => ['-o', `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off`];
  run('initdb', ['-D', primary, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  run('pg_ctl', ['-D', primary, '-l', path.join(dir, 'primary.log'), '-w', ...settings(p1), 'start']);
  const stopAll = () => {
    for (const d of [standby, primary]) {
      try { run('pg_ctl', ['-D', d, '-m', 'immediate', '-w', 'stop']); } catch { /* not running */ }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('psql', ['-h', '127.0.0.1', '-p', String(p1), '-U', 'postgres', '-qAtc', "ALTER USER postgres PASSWORD 'postgres'"]);
    run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(p1), '-U', 'postgres', '-D', standby, '-R', '-X', 'stream']);
    const startStandby = () => { run('pg_ctl', ['-D', standby, '-l', path.join(dir, 'standby.log'), '-w', ...settings(p2), 'start']); };
    startStandby();
    const url = (port: number) => `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
    return {
      primaryUrl: url(p1),
      standbyUrl: url(p2),
      onStandby: (statement) => run('psql', ['-h', '127.0.0.1', '-p', String(p2), '-U', 'postgres', '-qAtc', statement]),
      stopStandby: () => { run('pg_ctl', ['-D', standby, '-m', 'fast', '-w', 'stop']); },
      startStandby,
      stop: stopAll,
    };
  } catch (err) {
    stopAll();
    throw err;
  }
}
