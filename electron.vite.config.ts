import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const sharedAlias = { '@shared': resolve(import.meta.dirname, 'shared') };

export default defineConfig({
  main: {
    resolve: { alias: sharedAlias },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          // The evidence image worker: a file of its own beside index.js (see electron/core/evidence/pool.ts).
          'image-worker': resolve(import.meta.dirname, 'electron/core/evidence/image-worker.mjs'),
          // The deliverable export worker (see electron/core/export/worker-client.ts).
          'export-worker': resolve(import.meta.dirname, 'electron/core/export/export-worker.ts'),
          // The load-test import worker (see electron/core/loadtest/worker-client.ts).
          'loadtest-worker': resolve(import.meta.dirname, 'electron/core/loadtest/loadtest-worker.ts'),
        },
        // Native modules and the Electron runtime stay outside the bundle.
        external: ['electron', 'better-sqlite3', 'sharp', '@resvg/resvg-js'],
      },
    },
  },
  preload: {
    resolve: { alias: sharedAlias },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require npm modules: it must be one self-contained CJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    resolve: { alias: sharedAlias },
    plugins: [react()],
    base: './',
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rollupOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
});
