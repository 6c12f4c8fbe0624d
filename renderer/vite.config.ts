// The renderer's build: root is renderer/, output goes to out/renderer (served by the browser host,
// loaded from disk by Electron — hence the relative base). electron-vite reuses this file for its
// renderer section. No inline scripts are produced: the CSP is script-src 'self', no eval.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

// pdf.js decodes a PDF's fax images (CCITT G3/G4, JBIG2) and JPEG 2000 with modules it imports by a
// fixed name from its `wasmUrl`; the app uses their plain-JavaScript builds (no WebAssembly, so the
// CSP needs no 'wasm-unsafe-eval') and serves them from 'self' as pdfjs/NAME (fax-pages/pdf-pages.ts).
const PDFJS_DECODERS = ['jbig2_nowasm_fallback.js', 'openjpeg_nowasm_fallback.js'];
function pdfjsDecoders(): Plugin {
  const dir = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'wasm');
  return {
    name: 'pult-pdfjs-decoders',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = /^\/pdfjs\/([a-z0-9_]+\.js)$/.exec(req.url ?? '')?.[1];
        if (!name || !PDFJS_DECODERS.includes(name)) return next();
        res.setHeader('content-type', 'text/javascript; charset=utf-8');
        res.end(readFileSync(join(dir, name)));
      });
    },
    generateBundle() {
      for (const name of PDFJS_DECODERS) this.emitFile({ type: 'asset', fileName: `pdfjs/${name}`, source: readFileSync(join(dir, name)) });
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), pdfjsDecoders()],
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
