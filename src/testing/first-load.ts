import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * What a page of the built web app (dist/web) downloads before it shows, read from vite's build
 * manifest (dist/web/.vite/manifest.json, `build.manifest` in vite.config.ts): the script of
 * index.html and every chunk it imports statically, transitively; for a page loaded lazily (a
 * route's `lazy`), also that page's chunk and its static imports. Chunks imported dynamically
 * (another lazy page) are not part of it.
 */
export type ManifestChunk = { file: string; src?: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] };
export type Manifest = Record<string, ManifestChunk>;

/** The first-load bound of the sign-in page and the task list, in bytes of gzipped JavaScript. */
export const FIRST_LOAD_LIMIT = 300 * 1024;

export function readManifest(webDist: string): Manifest {
  const file = path.join(webDist, '.vite/manifest.json');
  if (!fs.existsSync(file)) throw new Error(`No build manifest at ${file}: build the web app (npm run build)`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

/**
 * The JavaScript files (paths under dist/web) the page whose component is the module `page`
 * (a path under src/web, e.g. 'tasks/TasksPage.tsx') loads first. A page not in the manifest is
 * bundled with the entry; one that is (a lazy page) adds its own chunk and what it imports.
 */
export function firstLoadFiles(manifest: Manifest, page?: string): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The build manifest has no chunk ${key}`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit('index.html');
  if (page && manifest[page]) visit(page);
  return [...files].sort();
}

/**
 * The strings of the reader's language: the app waits for them before it shows
 * (src/web/app/i18n.ts), so they are part of every first load — counted here for the largest
 * language, whichever a reader has.
 */
export function languageFiles(manifest: Manifest, webDist: string): string[] {
  const chunks = Object.keys(manifest).filter((key) => /\/domain\/i18n\/resources-\w+\.ts$/.test(key));
  if (chunks.length === 0) throw new Error('The build manifest has no language chunk (src/domain/i18n/resources-<lang>.ts)');
  const sized = chunks.map((key) => manifest[key]!.file).map((file) => ({ file, size: totalGzipped(webDist, [file]) }));
  return [sized.sort((a, b) => b.size - a.size)[0]!.file];
}

/** Each file's size gzipped (level 9, as the build's .gz files), in bytes. */
export function gzippedSizes(webDist: string, files: string[]): Record<string, number> {
  return Object.fromEntries(files.map((file) => [file, zlib.gzipSync(fs.readFileSync(path.join(webDist, file)), { level: 9 }).length]));
}

export function totalGzipped(webDist: string, files: string[]): number {
  return Object.values(gzippedSizes(webDist, files)).reduce((a, b) => a + b, 0);
}
