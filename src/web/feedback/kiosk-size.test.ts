import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../server/app.ts';
import { type Manifest, gzippedSizes, readManifest, totalGzipped } from '../../testing/first-load.ts';

/**
 * The child's feedback kiosk is light (issue 14 §1): its page (feedback/kiosk.html, an entry of
 * its own in the web build) loads at most 100 KB of gzipped JavaScript, per the build manifest of
 * dist/web (built by the test setup when stale). A framework or a library pulled into the kiosk
 * page pushes it over and fails here.
 */
export const KIOSK_LIMIT = 100 * 1024;
const ENTRY = 'feedback/kiosk.html';
let manifest: Manifest;
beforeAll(() => {
  manifest = readManifest(WEB_DIST);
});

/** The kiosk entry's script and every chunk it imports statically, transitively. */
function kioskFiles(m: Manifest): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = m[key];
    if (!chunk) throw new Error(`The build manifest has no chunk ${key}`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(ENTRY);
  return [...files].sort();
}

describe('the kiosk page', () => {
  it('is an entry of its own whose HTML loads its script as a file (no inline script), with its stylesheet', () => {
    expect(manifest[ENTRY]?.isEntry).toBe(true);
    const html = fs.readFileSync(path.join(WEB_DIST, ENTRY), 'utf8');
    expect(html).toContain(`src="/${manifest[ENTRY]!.file}"`);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    for (const css of manifest[ENTRY]!.css ?? []) expect(html).toContain(`/${css}`);
  });

  it('loads at most 100 KB of gzipped JavaScript, and none of the app (no React)', () => {
    const files = kioskFiles(manifest);
    const total = totalGzipped(WEB_DIST, files);
    const sizes = Object.entries(gzippedSizes(WEB_DIST, files)).map(([f, n]) => `${f} ${(n / 1024).toFixed(1)} KB`).join(', ');
    expect(total, sizes).toBeLessThanOrEqual(KIOSK_LIMIT);
    expect(total).toBeGreaterThan(0);
    expect(files).not.toContain(manifest['index.html']!.file);
    for (const file of files) expect(fs.readFileSync(path.join(WEB_DIST, file), 'utf8'), file).not.toContain('react.transitional.element');
  });
});
