import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three builds from the design card's folders: main (Electron host + core), preload (sandboxed, so
// CommonJS), renderer (React). The server host and CLI run the same TypeScript through tsx instead.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Worker threads are their own entries beside index.js (see core/jobs/spawn-worker.ts).
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/hosts/electron/main.ts'),
          'staging-worker': resolve(__dirname, 'src-main/core/inventory/import/staging-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only require('electron'): bundle the contract and zod into it.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
    plugins: [react()],
  },
});
