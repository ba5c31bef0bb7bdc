#!/usr/bin/env node
// Compiles the server and the CLI (src/ but src/web and the tests) to JavaScript in dist/, when
// the build is missing or older than its sources (always with --force), so that they run without
// TypeScript at run time. tsc emits without type-checking here (`npm run typecheck` does that):
// a fresh clone's `npm start` stays quick.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_SKIP_DIRS, STAMP, isTest, serverBuildState } from './build-state.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

/** Files the server reads at run time, beside the compiled modules that read them. */
function copyAssets(from, to, top) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (top && SERVER_SKIP_DIRS.includes(entry.name)) continue;
    const src = path.join(from, entry.name);
    if (entry.isDirectory()) copyAssets(src, path.join(to, entry.name), false);
    else if (!/\.tsx?$/.test(entry.name) && !isTest(entry.name)) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(src, path.join(to, entry.name));
    }
  }
}

const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const force = process.argv.includes('--force');
if (!fs.existsSync(tsc)) {
  // An install without the dev dependencies (npm install --omit=dev) has no compiler.
  console.log('TypeScript is not installed: the server is not built, and safetynet runs the sources through tsx.');
} else if (force || serverBuildState(root) !== 'current') {
  console.log('Building the server…');
  // The stamp goes first and comes back last: meanwhile bin/safetynet.mjs runs the sources.
  // Everything of an earlier server build goes too (a removed source leaves no module behind);
  // dist/web is the web app's.
  if (fs.existsSync(dist)) {
    for (const entry of fs.readdirSync(dist)) if (entry !== 'web') fs.rmSync(path.join(dist, entry), { recursive: true, force: true });
  }
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--noCheck'], { cwd: root, stdio: 'inherit' });
  copyAssets(path.join(root, 'src'), dist, true);
  fs.writeFileSync(path.join(dist, STAMP), `${new Date().toISOString()}\n`);
}
