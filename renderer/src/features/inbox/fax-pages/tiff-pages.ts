// A TIFF's pages (a fax: usually multi-page, CCITT G3/G4, often with pixels twice as tall as wide —
// 204×98 dpi — which are drawn in their true proportions) decoded by UTIF to pictures.
import UTIF from 'utif2';
import { canvasToPage, PAGE_PIXELS_MAX, PAGES_MAX, yieldToPage, type PageImage } from './page-image.ts';

const first = (v: unknown): number => {
  const x = Array.isArray(v) ? (v[0] as unknown) : v;
  if (Array.isArray(x)) return Number(x[0]) / Number(x[1] || 1);
  return Number(x);
};

export async function* tiffPages(bytes: Uint8Array<ArrayBuffer>, signal?: AbortSignal): AsyncGenerator<PageImage, number> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  // Thumbnails (NewSubfileType bit 0: a reduced copy of another page) are not pages.
  const ifds = UTIF.decode(buffer).filter((ifd) => (first(ifd.t254) & 1) === 0);
  const count = Math.min(ifds.length, PAGES_MAX);
  for (let n = 0; n < count; n++) {
    signal?.throwIfAborted();
    const ifd = ifds[n]!;
    const w = first(ifd.t256);
    const h = first(ifd.t257);
    if (!(w > 0 && h > 0) || w * h > PAGE_PIXELS_MAX) throw new Error(`page ${n + 1}: ${w}×${h} pixels`);
    UTIF.decodeImage(buffer, ifd);
    const rgba = UTIF.toRGBA8(ifd);
    if (rgba.length !== w * h * 4) throw new Error(`page ${n + 1} could not be decoded`);
    const pixels = document.createElement('canvas');
    pixels.width = w;
    pixels.height = h;
    pixels.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(rgba.buffer as ArrayBuffer, rgba.byteOffset, rgba.length), w, h), 0, 0);
    // Pixels as tall as the resolutions say: a 204×98 dpi page is stretched to its true height.
    const xres = first(ifd.t282);
    const yres = first(ifd.t283);
    const stretch = xres > 0 && yres > 0 && Math.abs(xres / yres - 1) > 0.05 ? Math.min(4, Math.max(0.25, xres / yres)) : 1;
    let page = pixels;
    if (stretch !== 1 && w * h * stretch <= PAGE_PIXELS_MAX) {
      page = document.createElement('canvas');
      page.width = w;
      page.height = Math.round(h * stretch);
      const ctx = page.getContext('2d')!;
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(pixels, 0, 0, page.width, page.height);
    }
    yield await canvasToPage(page);
    await yieldToPage();
  }
  return ifds.length;
}
