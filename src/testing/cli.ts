import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../db/database.ts';
import { withDatabase } from './database.ts';

/**
 * The `safetynet` command as an operator runs it, for the CLI tests: a child process of the
 * compiled CLI (bin/safetynet.mjs) on a data directory of its own, and, on the PostgreSQL run, on
 * a new empty database of the suite's server.
 */
export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Runs the CLI with `env`; `stdin` is written and closed (a command waiting for input gets none). */
export function runCli(env: NodeJS.ProcessEnv, args: string[], stdin = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/safetynet.mjs', ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

async function onServer(url: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * Places for CLI runs: each `env()` is a fresh data directory (and, with DATABASE_URL, a fresh
 * empty database named after `label`); `cleanup()` drops the databases and removes the directories.
 */
export function cliPlaces(label: string) {
  const server = process.env.DATABASE_URL;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `safetynet-${label}-`));
  const databases: string[] = [];
  return {
    root,
    async env(): Promise<NodeJS.ProcessEnv> {
      const env: NodeJS.ProcessEnv = { ...process.env, SAFETYNET_DATA_DIR: fs.mkdtempSync(path.join(root, 'data-')), SAFETYNET_LOG_LEVEL: 'silent' };
      delete env.DATABASE_URL;
      delete env.SAFETYNET_NEW_PASSWORD;
      if (server) {
        const name = `safetynet_test_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(6).toString('hex')}`;
        await onServer(server, `CREATE DATABASE ${name}`);
        databases.push(name);
        env.DATABASE_URL = withDatabase(server, name);
      }
      return env;
    },
    async cleanup(): Promise<void> {
      if (server) for (const name of databases) await onServer(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The database a CLI run used, opened by the test as its owner (on PGlite only once the CLI has exited). */
export function openCliDatabase(env: NodeJS.ProcessEnv, command: string): Promise<Database> {
  return env.DATABASE_URL
    ? openDatabase({ kind: 'postgres', url: env.DATABASE_URL, appRole: false })
    : openDatabase({ kind: 'pglite', dataDir: env.SAFETYNET_DATA_DIR!, command });
}
