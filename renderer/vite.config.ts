// The renderer's build: root is renderer/, output goes to out/renderer (served by the browser host,
// loaded from disk by Electron — hence the relative base). electron-vite reuses this file for its
// renderer section. No inline scripts are produced: the CSP is script-src 'self', no eval.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    // Never inline scripts or tiny assets as data: URLs that a strict CSP would have to allow.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'chrome130',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { strictPort: false },
});
