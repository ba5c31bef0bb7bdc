import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { type Plugin, defineConfig } from 'vite';

/** The libraries of the first load: React, the router, queries, tables, forms, translations. */
const VENDOR = /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|react-hook-form|@hookform|i18next|react-i18next|zod|use-sync-external-store|cookie|set-cookie-parser)[\\/]/;

/** What is worth compressing: text (images are compressed already). */
const COMPRESSIBLE = /\.(js|css|html|svg|webmanifest|json)$/;

/**
 * Every text file of the build also as .br (brotli, best) and .gz (gzip, best) beside it: the
 * server sends one of them when the browser accepts it (@fastify/static `preCompressed`), with
 * no compressing per request. A file under 1 KB, or one compressing no smaller, stays alone.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'safetynet-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.name.startsWith('.') ? [] : e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);
      for (const file of walk(outDir).filter((f) => COMPRESSIBLE.test(f))) {
        const data = fs.readFileSync(file);
        if (data.length < 1024) continue;
        const brotli = zlib.brotliCompressSync(data, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
        });
        const gzip = zlib.gzipSync(data, { level: 9 });
        if (brotli.length < data.length) fs.writeFileSync(`${file}.br`, brotli);
        if (gzip.length < data.length) fs.writeFileSync(`${file}.gz`, gzip);
      }
    },
  };
}

/**
 * The web app. The server serves dist/web with an SPA fallback under a strict CSP
 * (`default-src 'self'`, no inline script or style), so the build must emit only files:
 * no inline module-preload polyfill, styles from a CSS file. Files in src/web/public (favicon,
 * icons, web app manifest) are copied as they are.
 */

export default defineConfig({
  root: 'src/web',
  plugins: [react(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    // Keep every asset a file: a data: URL would need a wider CSP.
    assetsInlineLimit: 0,
    // No source maps in production: none is emitted, so none can be served.
    sourcemap: false,
    // dist/web/.vite/manifest.json: which files each entry and lazy page loads (the first-load
    // test reads it; the server does not serve dot-folders).
    manifest: true,
    rolldownOptions: {
      // Two pages: the app, and the child's feedback kiosk (a light page of its own, src/web/feedback/kiosk.html).
      input: { index: path.resolve(import.meta.dirname, 'src/web/index.html'), kiosk: path.resolve(import.meta.dirname, 'src/web/feedback/kiosk.html') },
      output: {
        // Libraries change less often than the app: a separate file stays cached across releases.
        // Only the libraries every page needs: one a lazy page alone uses (the charts of the
        // report page: recharts, d3 and theirs) stays in that page's own file, loaded with it.
        codeSplitting: {
          groups: [{ name: 'vendor', test: VENDOR, priority: 1 }],
        },
      },
    },
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
});
