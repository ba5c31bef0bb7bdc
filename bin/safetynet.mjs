#!/usr/bin/env node
// `safetynet`: runs the compiled CLI, dist/cli/main.js (built by `npm run build`, or by `npm start`
// on its first run). Only a source checkout whose build is missing or older than its sources (after
// an edit or a pull; scripts/build-state.mjs decides) runs the TypeScript sources through tsx
// instead, so that a command never runs stale code; that is slower to start, and `npm run build`
// makes it quick again.
import { fileURLToPath } from 'node:url';
import { serverBuildState } from '../scripts/build-state.mjs';

if (serverBuildState(fileURLToPath(new URL('..', import.meta.url))) === 'current') {
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
