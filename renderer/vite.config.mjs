// Builds the renderer into renderer/dist (served by web mode and loaded by Electron from disk).
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    // No inline scripts or modulepreload polyfill: the CSP allows only 'self' scripts.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
