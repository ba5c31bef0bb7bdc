import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, never a downloaded browser; flags for a closed network and root. */
export const CHROMIUM = process.env.SAFETYNET_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
}
