// Draws Pult's icon (a blue rounded square with a white «П» — «пульт») and writes every format the
// installers need, with Node alone: icon.png (512×512, Linux and electron-builder's source),
// icons/NxN.png (Linux hicolor sizes), icon.ico (Windows: PNG-compressed 16…256) and icon.icns
// (macOS: PNG-compressed 16…1024). Run: node resources/make-icons.ts
import { crc32, deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('.', import.meta.url));

/** Coverage of the shape at a point of the unit square (0..1). */
function inside(x: number, y: number): 'bg' | 'fg' | null {
  const r = 0.18; // corner radius of the rounded square (with a 3% margin)
  const m = 0.03;
  const cx = Math.min(Math.max(x, m + r), 1 - m - r);
  const cy = Math.min(Math.max(y, m + r), 1 - m - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  // «П»: a top bar and two legs.
  const top = y >= 0.25 && y <= 0.37 && x >= 0.26 && x <= 0.74;
  const leg = y >= 0.25 && y <= 0.76 && ((x >= 0.26 && x <= 0.38) || (x >= 0.62 && x <= 0.74));
  // A small line under it: the console's desk.
  const desk = y >= 0.81 && y <= 0.85 && x >= 0.22 && x <= 0.78;
  return top || leg || desk ? 'fg' : 'bg';
}

function render(size: number): Buffer {
  const ss = 4; // 4×4 supersampling for smooth edges
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let a = 0, r = 0, g = 0, b = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) / size;
          const y = (py + (sy + 0.5) / ss) / size;
          const hit = inside(x, y);
          if (!hit) continue;
          a++;
          if (hit === 'fg') { r += 255; g += 255; b += 255; }
          else { // vertical gradient #2f6fed → #1a4fb8
            const t = y;
            r += 47 + (26 - 47) * t; g += 111 + (79 - 111) * t; b += 237 + (184 - 237) * t;
          }
        }
      }
      const i = (py * size + px) * 4;
      if (a) {
        rgba[i] = Math.round(r / a); rgba[i + 1] = Math.round(g / a); rgba[i + 2] = Math.round(b / a);
        rgba[i + 3] = Math.round((255 * a) / (ss * ss));
      }
    }
  }
  return rgba;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

export function png(size: number): Buffer {
  const rgba = render(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** ICO with PNG entries (Windows Vista+); 256 is written as 0 in the directory. */
function ico(sizes: number[]): Buffer {
  const images = sizes.map(png);
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  let offset = 6 + 16 * sizes.length;
  const entries = sizes.map((s, i) => {
    const e = Buffer.alloc(16);
    e[0] = s >= 256 ? 0 : s;
    e[1] = s >= 256 ? 0 : s;
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(images[i]!.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += images[i]!.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images]);
}

/** ICNS with PNG-compressed entries (macOS 10.7+). */
function icns(): Buffer {
  const types: Array<[string, number]> = [['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]];
  const blocks = types.map(([type, size]) => {
    const data = png(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(blocks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(join(dir, 'icon.png'), png(512));
  mkdirSync(join(dir, 'icons'), { recursive: true });
  for (const s of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(join(dir, 'icons', `${s}x${s}.png`), png(s));
  writeFileSync(join(dir, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256]));
  writeFileSync(join(dir, 'icon.icns'), icns());
  console.log('wrote resources/icon.png, icons/*.png, icon.ico, icon.icns');
}
