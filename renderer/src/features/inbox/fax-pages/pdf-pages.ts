// A PDF's pages drawn by pdf.js to pictures. A customer's PDF is hostile: it is only ever drawn to a
// canvas — no text layer, no annotation layer (links, forms and their actions are never drawn or
// made live), no XFA, no scripting (pdf.js has no scripting outside its viewer, and this build
// evaluates nothing: the CSP has no 'unsafe-eval'). The worker and the decoders of fax images
// (CCITT G3/G4 and JBIG2, used without WebAssembly) are bundled files loaded from 'self'.
import { AnnotationMode, getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { canvasToPage, PAGE_PIXELS_MAX, PAGES_MAX, yieldToPage, type PageImage } from './page-image.ts';

GlobalWorkerOptions.workerSrc = workerUrl;
/** Where the build puts pdf.js's image decoders (renderer/vite.config.ts, pdfjsDecoders). */
const DECODERS_DIR = 'pdfjs/';

export async function* pdfPages(bytes: Uint8Array<ArrayBuffer>, pageWidth: number, signal?: AbortSignal): AsyncGenerator<PageImage, number> {
  const task = getDocument({
    data: bytes.slice(), // pdf.js takes the buffer over
    enableXfa: false,
    useWasm: false,
    useSystemFonts: true,
    wasmUrl: new URL(DECODERS_DIR, document.baseURI).href,
    stopAtErrors: false,
    disableAutoFetch: true,
    disableStream: true,
  });
  try {
    const doc = await task.promise;
    const count = Math.min(doc.numPages, PAGES_MAX);
    for (let n = 1; n <= count; n++) {
      signal?.throwIfAborted();
      const page = await doc.getPage(n);
      const natural = page.getViewport({ scale: 1 });
      let scale = pageWidth / natural.width;
      if (natural.width * natural.height * scale * scale > PAGE_PIXELS_MAX) scale = Math.sqrt(PAGE_PIXELS_MAX / (natural.width * natural.height));
      const viewport = page.getViewport({ scale });
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.floor(viewport.width));
      canvas.height = Math.max(1, Math.floor(viewport.height));
      await page.render({ canvas, viewport, annotationMode: AnnotationMode.DISABLE, background: '#ffffff' }).promise;
      page.cleanup();
      yield await canvasToPage(canvas);
      await yieldToPage();
    }
    return doc.numPages;
  } finally {
    await task.destroy();
  }
}
