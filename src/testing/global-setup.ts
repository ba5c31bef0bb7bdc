import { execFileSync } from 'node:child_process';

export default async function setup() {
  // The browser tests serve the built web app: build it when it is missing or stale.
  execFileSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' });
  // Name this run's template before the module reads it; the test workers inherit the name.
  process.env.SAFETYNET_TEST_RUN ??= String(process.pid);
  const { prepareTemplate, dropTemplate } = await import('./database.ts');
  await prepareTemplate();
  return dropTemplate;
}
