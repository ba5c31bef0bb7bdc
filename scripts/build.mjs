#!/usr/bin/env node
// `npm run build` (with --force) and the first step of `npm start` (without: only what is missing
// or stale): the web app into dist/web, the server and the CLI into the rest of dist/.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
for (const script of ['build-web.mjs', 'build-server.mjs']) {
  execFileSync(process.execPath, [path.join(here, script), ...args], { stdio: 'inherit' });
}
