// One drawn page of a fax: a PNG in a blob: URL (the CSP allows img-src blob:), its size in pixels.
export interface PageImage {
  url: string;
  width: number;
  height: number;
}

/** Pages beyond this many of one file are not drawn (a hostile file could claim thousands). */
export const PAGES_MAX = 100;
/** The most pixels one drawn page may have (a fax page at 200×200 dpi is about 4 million). */
export const PAGE_PIXELS_MAX = 24_000_000;

export async function canvasToPage(canvas: HTMLCanvasElement): Promise<PageImage> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the page could not be drawn');
  return { url: URL.createObjectURL(blob), width: canvas.width, height: canvas.height };
}

/** Lets the page breathe between two pages of a long file. */
export const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
