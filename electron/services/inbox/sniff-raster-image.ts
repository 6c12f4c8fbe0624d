// Which raster picture a file is, by its first bytes (what a sender or a server says its type is
// means nothing): PNG, JPEG, GIF, WebP or BMP; anything else (SVG, HTML, scripts) is none. Reply
// attachments and letters' remote images are both checked with it.
import type { REMOTE_IMAGE_TYPES } from '../../../contract/remote-image-ipc.ts';

type RasterType = (typeof REMOTE_IMAGE_TYPES)[number];

const starts = (b: Uint8Array, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

export function sniffRasterImage(b: Uint8Array): RasterType | null {
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(b, [0x47, 0x49, 0x46, 0x38, 0x37, 0x61]) || starts(b, [0x47, 0x49, 0x46, 0x38, 0x39, 0x61])) return 'image/gif';
  if (starts(b, [0x52, 0x49, 0x46, 0x46]) && starts(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (starts(b, [0x42, 0x4d]) && b.length >= 26) return 'image/bmp';
  return null;
}
