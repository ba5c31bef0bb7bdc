import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { readManifest } from '../testing/first-load.ts';
import { WEB_DIST } from './app.ts';

/**
 * How the server serves the built web app (dist/web, built by the test setup when missing or
 * stale): hashed files under /assets cached for a year and sent brotli- or gzip-compressed when
 * the browser accepts it; index.html revalidated on each load; the favicon and the web app
 * manifest as themselves (not the app's HTML); no source map, no build manifest; the API's
 * answers still `no-store`.
 */
let t: TestApp;
let entry: string;
let entryBytes: Buffer;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
  entry = readManifest(WEB_DIST)['index.html']!.file;
  entryBytes = fs.readFileSync(path.join(WEB_DIST, entry));
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('the web app as served', () => {
  it('sends a hashed script brotli-compressed, gzip-compressed or plain as the browser accepts, cached for a year', async () => {
    const br = await get(`/${entry}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(entryBytes)).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(entryBytes.length / 3);

    const gzip = await get(`/${entry}`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['cache-control']).toBe(IMMUTABLE);
    expect(zlib.gunzipSync(gzip.rawPayload).equals(entryBytes)).toBe(true);

    const plain = await get(`/${entry}`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    expect(plain.rawPayload.equals(entryBytes)).toBe(true);
  });

  it('sends index.html (the root and any page of the app) to be revalidated, compressed, under the strict CSP', async () => {
    for (const url of ['/', '/tasks', '/children/4d0c6a2e-7c53-4a4e-9a57-0d1f0b5e2a11']) {
      const res = await get(url, { 'accept-encoding': 'br' });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-security-policy'], url).toContain("script-src 'self'");
      const html = res.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(res.rawPayload).toString() : res.body;
      expect(html, url).toContain(`src="/${entry}"`);
      expect(html, url).toContain('<link rel="manifest" href="/manifest.webmanifest"');
      expect(html, url).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"');
    }
  });

  it('serves the favicon, the icons and the web app manifest as themselves', async () => {
    const types: Record<string, RegExp> = {
      '/favicon.ico': /^image\/(vnd\.microsoft\.icon|x-icon)/,
      '/favicon.svg': /^image\/svg\+xml/,
      '/apple-touch-icon.png': /^image\/png/,
      '/manifest.webmanifest': /^application\/manifest\+json/,
    };
    for (const [url, type] of Object.entries(types)) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(type);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).not.toContain('<!doctype html>');
    }
    const manifest = (await get('/manifest.webmanifest')).json();
    expect(manifest).toMatchObject({ name: 'Safetynet', start_url: '/', display: 'standalone', theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/) });
    for (const icon of manifest.icons as Array<{ src: string; type: string }>) {
      const res = await get(icon.src);
      expect(res.statusCode, icon.src).toBe(200);
      expect(res.headers['content-type'], icon.src).toMatch(new RegExp(`^${icon.type.replace('+', '\\+')}`));
    }
  });

  it('answers a missing file, a source map or the build manifest with 404, never the app page', async () => {
    for (const url of [`/${entry}.map`, '/assets/missing-0123abcd.js', '/.vite/manifest.json', '/robots.txt', `/${entry}.br`]) {
      const res = await get(url, { accept: 'text/html,*/*' });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).not.toMatch(/html/);
    }
  });

  it('keeps the API uncached and answers an unknown API path with JSON', async () => {
    const me = await get('/api/v1/auth/me', { 'accept-encoding': 'br, gzip' });
    expect(me.statusCode).toBe(401);
    expect(me.headers['cache-control']).toBe('no-store');
    const unknown = await get('/api/v1/nothing-here');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['cache-control']).toBe('no-store');
    expect(unknown.headers['content-type']).toMatch(/^application\/json/);
  });
});
