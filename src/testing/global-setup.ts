import { execFileSync } from 'node:child_process';
import { prepareTemplate } from './database.ts';

export default async function setup() {
  // The browser tests serve the built web app: build it when it is missing or stale.
  execFileSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' });
  await prepareTemplate();
}
