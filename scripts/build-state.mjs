// Whether the compiled server and CLI in dist/ are current: shared by bin/safetynet.mjs (which runs
// the build only when it is) and scripts/build-server.mjs (which rebuilds only when it is not).
//
// dist/ mirrors src/: dist/web is the web app (vite), every other folder of dist/ the server and
// CLI compiled by tsc (tsconfig.build.json) with the files they read at run time (SQL migrations,
// the common-password list, JSON reference data) copied beside them. The build writes
// dist/.server-build last; it is current when no server source is newer than that stamp.
import fs from 'node:fs';
import path from 'node:path';

/** What the server build holds: src/ but the web app, the test helpers and the tests. */
export const SERVER_SKIP_DIRS = ['web', 'testing'];
export const STAMP = '.server-build';
export const MAIN = 'cli/main.js';

export function isTest(name) {
  return /\.test\.tsx?$/.test(name);
}

/**
 * The newest modification time among the server's sources: every file and folder of src/ but
 * the skipped folders and the tests (a folder's time changes when a file is added, removed or
 * renamed), and the build's own configuration.
 */
export function newestServerSource(root) {
  let newest = 0;
  const walk = (dir, top) => {
    const st = fs.statSync(dir);
    newest = Math.max(newest, st.mtimeMs);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (top && SERVER_SKIP_DIRS.includes(entry.name)) continue;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p, false);
      else if (!isTest(entry.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(path.join(root, 'src'), true);
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'scripts/build-server.mjs']) {
    const p = path.join(root, file);
    if (fs.existsSync(p)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * 'current': dist/ holds a build at least as new as the sources (or there are no sources: an
 * installation of the build alone); 'stale': sources changed since; 'missing': no build.
 */
export function serverBuildState(root) {
  const stamp = path.join(root, 'dist', STAMP);
  if (!fs.existsSync(stamp) || !fs.existsSync(path.join(root, 'dist', MAIN))) return 'missing';
  if (!fs.existsSync(path.join(root, 'src'))) return 'current';
  return newestServerSource(root) <= fs.statSync(stamp).mtimeMs ? 'current' : 'stale';
}
