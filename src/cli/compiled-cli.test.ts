import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAIN, STAMP, serverBuildState } from '../../scripts/build-state.mjs';
import { RECORD_TYPE_NAMES } from '../interchange/interchange-cli.ts';

/**
 * The compiled start: `safetynet` runs dist/cli/main.js, built by the project's own script, with no
 * TypeScript at run time, and `--help` loads none of the modules that do the work. Which modules a
 * run loads is seen through a module hook that writes every resolved URL to a file. (How fast it
 * starts is measured in the README, not here.)
 */
const root = path.resolve(import.meta.dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-compiled-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

fs.writeFileSync(
  path.join(tmp, 'hooks.mjs'),
  `import fs from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  fs.appendFileSync(process.env.MODULE_LOG, resolved.url + '\\n');
  return resolved;
}
`,
);
fs.writeFileSync(path.join(tmp, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(new URL(`file://${tmp}/hooks.mjs`).href)});\n`);

/** Runs node with `args` from the repository; returns its output and every module it resolved. */
function run(args: string[]) {
  const log = path.join(tmp, `modules-${Math.random().toString(36).slice(2)}.log`);
  fs.writeFileSync(log, '');
  const out = spawnSync(process.execPath, ['--import', path.join(tmp, 'register.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, MODULE_LOG: log },
  });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr, modules: fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

const HEAVY = ['fastify', '@electric-sql/pglite', 'pg', 'kysely', 'pdfkit', 'exceljs', 'date-fns', 'cli-progress', '@node-rs/argon2'];
const packagesOf = (modules: string[]) => new Set(modules.flatMap((url) => url.match(/\/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ?? []));

describe('the compiled CLI', () => {
  it('is built by the build script, and `safetynet --help` runs it without tsx, loading none of the heavy modules', { timeout: 300_000 }, () => {
    // Builds only when dist/ is missing or older than the sources (CI has just run `npm run build`).
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, stdio: 'pipe' });
    expect(serverBuildState(root)).toBe('current');

    const compiled = run(['bin/safetynet.mjs', '--help']);
    expect(compiled).toMatchObject({ status: 0, stderr: '' });
    expect(compiled.modules).toContain(new URL(`file://${root}/dist/${MAIN}`).href);
    expect(compiled.modules.filter((url) => url.endsWith('.ts') || url.includes('/node_modules/tsx/'))).toEqual([]);
    const loaded = packagesOf(compiled.modules);
    expect(HEAVY.filter((name) => loaded.has(name))).toEqual([]);
    for (const command of ['start', 'migrate', 'users', 'audit', 'backup', 'restore', 'jurisdictions', 'import', 'export', 'generate', 'report', 'verify-cross-border', 'cross-border']) {
      expect(compiled.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }

    // The check sees what it must: the sources through tsx load TypeScript, and the server's start loads fastify.
    const sources = run(['--import', 'tsx', 'src/cli/main.ts', '--help']);
    expect(sources.modules.some((url) => url.endsWith('/src/cli/main.ts'))).toBe(true);
    expect(sources.stdout).toBe(compiled.stdout);
    const server = run(['--input-type=module', '-e', `await import(${JSON.stringify(`${root}/dist/server/start.js`)})`]);
    expect(server.status).toBe(0);
    expect(packagesOf(server.modules).has('fastify')).toBe(true);
  });

  it('says the same from the build as from the sources in the help of a command and in a usage error', { timeout: 120_000 }, () => {
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, stdio: 'pipe' });
    for (const args of [['users', 'add', '--help'], ['report', 'monitoring', '--from', '2020-13-01', '--to', '2020-01-01'], ['nonsense']]) {
      const compiled = run(['bin/safetynet.mjs', ...args]);
      const sources = run(['--import', 'tsx', 'src/cli/main.ts', ...args]);
      expect(compiled.modules.some((url) => url.endsWith('.ts'))).toBe(false);
      expect({ status: compiled.status, stdout: compiled.stdout, stderr: compiled.stderr }).toEqual({ status: sources.status, stdout: sources.stdout, stderr: sources.stderr });
    }
  });

  it('names in its help the record types the interchange registers', async () => {
    await import('../interchange/import.ts');
    const { recordTypeNames } = await import('../interchange/record-types.ts');
    expect([...RECORD_TYPE_NAMES]).toEqual(recordTypeNames());
  });
});

describe('whether the build is current', () => {
  const at = (file: string, seconds: number) => fs.utimesSync(file, seconds, seconds);
  function tree() {
    const dir = fs.mkdtempSync(path.join(tmp, 'tree-'));
    for (const file of ['src/db/migrate.ts', 'src/db/migrations/0001_foundation.sql', 'src/db/migrate.test.ts', 'src/web/main.tsx', 'tsconfig.json']) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), '');
    }
    const walk = (p: string) => {
      at(p, 1_000);
      if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    };
    walk(path.join(dir, 'src'));
    at(path.join(dir, 'tsconfig.json'), 1_000);
    return dir;
  }
  function build(dir: string, seconds: number) {
    fs.mkdirSync(path.join(dir, 'dist/cli'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dist', MAIN), '');
    fs.writeFileSync(path.join(dir, 'dist', STAMP), '');
    at(path.join(dir, 'dist', STAMP), seconds);
  }

  it('is missing without a build, current after one, and stale once a server source, asset or folder changes', () => {
    const dir = tree();
    expect(serverBuildState(dir)).toBe('missing');
    build(dir, 2_000);
    expect(serverBuildState(dir)).toBe('current');
    at(path.join(dir, 'src/db/migrations/0001_foundation.sql'), 3_000);
    expect(serverBuildState(dir)).toBe('stale');
    at(path.join(dir, 'src/db/migrations/0001_foundation.sql'), 1_000);
    at(path.join(dir, 'src/db'), 3_000); // a file added or removed
    expect(serverBuildState(dir)).toBe('stale');
    at(path.join(dir, 'src/db'), 1_000);
    at(path.join(dir, 'tsconfig.json'), 3_000);
    expect(serverBuildState(dir)).toBe('stale');
  });

  it('stays current when only a test or the web app changes, and without sources (the build installed alone)', () => {
    const dir = tree();
    build(dir, 2_000);
    at(path.join(dir, 'src/db/migrate.test.ts'), 3_000);
    at(path.join(dir, 'src/web/main.tsx'), 3_000);
    at(path.join(dir, 'src/web'), 3_000);
    expect(serverBuildState(dir)).toBe('current');
    fs.rmSync(path.join(dir, 'src'), { recursive: true });
    expect(serverBuildState(dir)).toBe('current');
    fs.rmSync(path.join(dir, 'dist', STAMP));
    expect(serverBuildState(dir)).toBe('missing');
  });
});
