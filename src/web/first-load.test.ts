import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../server/app.ts';
import { FIRST_LOAD_LIMIT, type Manifest, firstLoadFiles, gzippedSizes, languageFiles, readManifest, totalGzipped } from '../testing/first-load.ts';

/**
 * The sign-in page and the task list download at most 300 KB of gzipped JavaScript: the script
 * of index.html with its static imports (the task list is part of it), per the build manifest of
 * dist/web, which the test setup builds when it is missing or stale (CI runs `npm run build`).
 * The charts come only with the report page. A new library or a page imported eagerly that pushes
 * the first load past the bound fails here: make the page lazy (src/web/app/lazy-page.tsx).
 */
let manifest: Manifest;
beforeAll(() => {
  manifest = readManifest(WEB_DIST);
});

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const describeLoad = (files: string[]) => Object.entries(gzippedSizes(WEB_DIST, files)).map(([f, s]) => `${f} ${kb(s)}`).join(', ');
/** recharts marks its charts with this class: text found in its code and nowhere else. */
const hasCharts = (files: string[]) => files.some((file) => fs.readFileSync(path.join(WEB_DIST, file), 'utf8').includes('recharts-wrapper'));

describe('the first load of the web app', () => {
  it('is the script of index.html and its static imports', () => {
    const html = fs.readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
    const files = firstLoadFiles(manifest);
    expect(html).toContain(`src="/${manifest['index.html']?.file}"`);
    // Every file the page starts with is preloaded by index.html, and none is left out.
    const preloaded = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\/([^"]+)"/g)].map((m) => m[1]);
    expect([...preloaded, manifest['index.html']?.file].sort()).toEqual(files);
  });

  it('of the sign-in page and of the task list is at most 300 KB of gzipped JavaScript with one language\'s strings, without the charts', () => {
    // One language, not three: the others load only when chosen.
    const languages = Object.keys(manifest).filter((key) => key.includes('/domain/i18n/resources-'));
    expect(languages.length).toBe(3);
    for (const key of languages) expect(firstLoadFiles(manifest)).not.toContain(manifest[key]!.file);
    for (const page of ['auth/LoginPage.tsx', 'tasks/TasksPage.tsx']) {
      expect(fs.existsSync(path.join(import.meta.dirname, page)), page).toBe(true);
      const files = [...firstLoadFiles(manifest, page), ...languageFiles(manifest, WEB_DIST)];
      const total = totalGzipped(WEB_DIST, files);
      expect(total, `${page}: ${kb(total)} (${describeLoad(files)})`).toBeLessThanOrEqual(FIRST_LOAD_LIMIT);
      expect(hasCharts(files), page).toBe(false);
    }
  });

  it('of the report page adds its charts, and the same bound would refuse them on every page', () => {
    const report = firstLoadFiles(manifest, 'reports/MonitoringReportPage.tsx');
    const first = firstLoadFiles(manifest);
    expect(manifest['reports/MonitoringReportPage.tsx']?.isDynamicEntry).toBe(true);
    expect(report.length).toBeGreaterThan(first.length);
    expect(hasCharts(report)).toBe(true);
    const total = totalGzipped(WEB_DIST, report);
    expect(total, describeLoad(report)).toBeGreaterThan(FIRST_LOAD_LIMIT);
  });

  it('has no source maps, nor a reference to one', () => {
    const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name)) : [path.relative(WEB_DIST, path.join(dir, e.name))]);
    const files = walk(WEB_DIST);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    const scripts = files.filter((file) => file.endsWith('.js'));
    expect(scripts).toContain(manifest['index.html']?.file);
    for (const file of scripts) expect(fs.readFileSync(path.join(WEB_DIST, file), 'utf8'), file).not.toMatch(/sourceMappingURL/);
  });
});
