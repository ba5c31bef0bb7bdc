#!/usr/bin/env node
// Builds the web app when dist/web is missing or older than its sources, so `npm start` on a
// fresh clone builds what it needs and later starts stay quick.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist/web/index.html');
const sources = ['src/web', 'src/domain', 'vite.config.ts', 'package-lock.json'].map((p) => path.join(root, p));

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((e) => newest(path.join(p, e))));
}

const force = process.argv.includes('--force');
if (force || !fs.existsSync(out) || Math.max(...sources.map(newest)) > fs.statSync(out).mtimeMs) {
  console.log('Building the web app…');
  // Always the production build: run from the test setup, the environment says NODE_ENV=test,
  // which vite would follow into React's development build (larger, slower, and not what ships).
  const env = { ...process.env, NODE_ENV: 'production' };
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env });
}
