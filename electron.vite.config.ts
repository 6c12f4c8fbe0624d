// electron-vite builds three bundles into out/: main (electron/main.ts → out/main/main.js, ESM, the
// package.json "main"), preload (preload/index.ts → out/preload/index.cjs: a sandboxed preload must be
// one CommonJS file, so zod and the contract are bundled in) and the renderer, whose own config
// (renderer/vite.config.ts: root renderer/, out/renderer) is reused as is.
import { resolve } from 'node:path';
import { mergeConfig } from 'vite';
import { defineConfig } from 'electron-vite';
import rendererConfig from './renderer/vite.config.ts';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      externalizeDeps: false, // self-contained files: the package needs no node_modules but better-sqlite3
      rollupOptions: {
        // The replica's worker thread is its own entry (electron/services/db/worker.ts).
        input: { main: resolve(root, 'electron/main.ts'), 'replica-worker': resolve(root, 'electron/services/db/worker.ts') },
        // A native addon cannot be bundled: it ships in node_modules, unpacked from the asar.
        external: ['better-sqlite3'],
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  // electron-vite looks for src/renderer/index.html by default; ours is renderer/index.html.
  renderer: mergeConfig(rendererConfig, { build: { rolldownOptions: { input: resolve(root, 'renderer/index.html') } } }),
});
