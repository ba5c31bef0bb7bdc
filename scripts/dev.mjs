#!/usr/bin/env node
// `npm run dev`: the server from the TypeScript sources through `tsx watch` (restarted on every
// change; PORT, default 3000) and the web app from vite's dev server (reloaded in place;
// http://localhost:5173, /api proxied to the server). Ctrl-C stops both; so does either ending.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const children = [
  spawn(process.execPath, [require.resolve('tsx/cli'), 'watch', '--clear-screen=false', 'src/cli/main.ts', 'start'], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js')], { cwd: root, stdio: 'inherit' }),
];
let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));
