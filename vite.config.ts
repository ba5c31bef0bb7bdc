import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app. The server serves dist/web with an SPA fallback under a strict CSP
 * (`default-src 'self'`, no inline script or style), so the build must emit only files:
 * no inline module-preload polyfill, styles from a CSS file.
 */
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    // Keep every asset a file: a data: URL would need a wider CSP.
    assetsInlineLimit: 0,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: a separate file stays cached across releases.
        // Charts (recharts and d3) are needed only on the report page: a file of their own.
        codeSplitting: {
          groups: [
            { name: 'charts', test: /node_modules[\\/](recharts|d3-|victory-vendor|decimal\.js-light|internmap|@reduxjs|redux|immer|reselect|es-toolkit|eventemitter3)/, priority: 2 },
            { name: 'vendor', test: /node_modules/, priority: 1 },
          ],
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
