// A message's file through the main process (electron/services/inbox/attachment-bytes.ts), against a
// real HTTP server on loopback standing in for the central server: files come back in chunks with
// the type their first bytes say, with the agent's token and our protocol version sent; too large,
// wrong type, missing, a slow server and a server that is down are refusals with their reason; a
// file asked for again (another chunk, the fax opened again) is not downloaded again, and the cache
// stays within its bounds and forgets everything on a new sign-in.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_CHUNK_BYTES, AttachmentBytes, AttachmentBytesInput } from '../../../contract/attachment-bytes-ipc.ts';
import { PROTOCOL_HEADER } from '../../../contract/server-api.ts';
import { createAttachmentBytes, sniffPageFile } from '../../../electron/services/inbox/attachment-bytes.ts';

const id = (n: number) => `e0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(ATTACHMENT_CHUNK_BYTES + 1000, 0x20), Buffer.from('%%EOF\n')]);
const TIFF = Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), Buffer.alloc(100, 0)]);
const TIFF_BE = Buffer.concat([Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]), Buffer.alloc(100, 0)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const HTML = Buffer.from('<html><script>alert(1)</script></html>');
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(32, 2)]);

const files = new Map<string, { type: string; body: Buffer }>([
  [id(1), { type: 'application/pdf', body: PDF }],
  [id(2), { type: 'image/tiff', body: TIFF }],
  [id(3), { type: 'image/png', body: PNG }],
  [id(4), { type: 'application/pdf', body: HTML }], // says PDF, is a page of script
  [id(5), { type: 'image/gif', body: GIF }],
  [id(6), { type: 'image/tiff', body: Buffer.concat([TIFF, Buffer.alloc(4000)]) }], // over the test's cap
  [id(8), { type: 'image/tiff', body: TIFF_BE }],
]);

let server: Server;
let base = '';
const hits: Array<{ url: string; headers: IncomingHttpHeaders }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push({ url: req.url ?? '', headers: req.headers });
    const m = /^\/api\/channels\/attachments\/([0-9a-f-]+)$/.exec(req.url ?? '');
    if (req.headers.authorization !== 'Bearer tok-1' && req.headers.authorization !== 'Bearer tok-2') return res.writeHead(401).end();
    if (m?.[1] === id(7)) return void setTimeout(() => res.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF), 1500);
    if (m?.[1] === id(9)) {
      // No content-length: the cap holds while reading.
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.write(PDF);
      return res.end(PDF);
    }
    const f = m ? files.get(m[1]!) : undefined;
    if (!f) return res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found","message":"file"}}');
    res.writeHead(200, { 'content-type': f.type, 'content-length': f.body.byteLength }).end(f.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const signedIn = (token = 'tok-1') => () => ({ serverUrl: base, token });

async function whole(svc: ReturnType<typeof createAttachmentBytes>, fileId: string) {
  const parts: Buffer[] = [];
  let size = Infinity;
  let type = '';
  for (let offset = 0; offset < size; offset += ATTACHMENT_CHUNK_BYTES) {
    const r = await svc.get({ id: fileId, offset });
    expect(AttachmentBytes.safeParse(r).success).toBe(true);
    if (!r.ok) return r;
    size = r.size;
    type = r.type;
    parts.push(Buffer.from(r.base64, 'base64'));
  }
  return { type, bytes: Buffer.concat(parts) };
}

describe('a message file through the main process', () => {
  it('brings a PDF in chunks, with the token and protocol version, of the type its bytes say', async () => {
    const svc = createAttachmentBytes({ session: signedIn(), timeoutMs: 1000 });
    const before = hits.length;
    const pdf = await whole(svc, id(1));
    expect(pdf).toEqual({ type: 'application/pdf', bytes: PDF });
    expect(hits.length - before).toBe(1); // two chunks, one download
    const asked = hits.at(-1)!;
    expect(asked.url).toBe(`/api/channels/attachments/${id(1)}`);
    expect(asked.headers.authorization).toBe('Bearer tok-1');
    expect(asked.headers[PROTOCOL_HEADER]).toBeDefined();
    expect(await whole(svc, id(2))).toEqual({ type: 'image/tiff', bytes: TIFF });
    expect(await whole(svc, id(8))).toEqual({ type: 'image/tiff', bytes: TIFF_BE });
    expect(await whole(svc, id(3))).toEqual({ type: 'image/png', bytes: PNG });
  });

  it('refuses what is not a page, too large, missing, slow, and a server that is down', async () => {
    const svc = createAttachmentBytes({ session: signedIn(), timeoutMs: 500, maxBytes: 2000 });
    expect(await svc.get({ id: id(4), offset: 0 })).toEqual({ ok: false, reason: 'not_a_page' });
    expect(await svc.get({ id: id(5), offset: 0 })).toEqual({ ok: false, reason: 'not_a_page' });
    expect(await svc.get({ id: id(6), offset: 0 })).toEqual({ ok: false, reason: 'too_large' });
    expect(await svc.get({ id: id(9), offset: 0 })).toEqual({ ok: false, reason: 'too_large' });
    expect(await svc.get({ id: id(99), offset: 0 })).toEqual({ ok: false, reason: 'not_found' });
    expect(await svc.get({ id: id(7), offset: 0 })).toEqual({ ok: false, reason: 'timeout' });
    const stale = createAttachmentBytes({ session: signedIn('expired'), timeoutMs: 500 });
    expect(await stale.get({ id: id(1), offset: 0 })).toEqual({ ok: false, reason: 'forbidden' });
    const down = createAttachmentBytes({ session: () => ({ serverUrl: 'http://127.0.0.1:1', token: 'tok-1' }), timeoutMs: 500 });
    expect(await down.get({ id: id(1), offset: 0 })).toEqual({ ok: false, reason: 'unreachable' });
    // Refusals are not remembered: the same file is tried again.
    expect(svc.stats()).toMatchObject({ files: 0, bytes: 0 });
  });

  it('keeps files it brought: another chunk or the fax opened again is not downloaded again, even offline', async () => {
    let offline = false;
    const svc = createAttachmentBytes({ session: signedIn(), isOffline: () => offline, timeoutMs: 1000 });
    const before = hits.length;
    // Asked twice at once: one download.
    const [a, b] = await Promise.all([svc.get({ id: id(2), offset: 0 }), svc.get({ id: id(2), offset: 0 })]);
    expect(a).toEqual(b);
    await svc.get({ id: id(2), offset: 0 });
    offline = true;
    expect(await svc.get({ id: id(2), offset: 0 })).toMatchObject({ ok: true, type: 'image/tiff' });
    expect(await svc.get({ id: id(3), offset: 0 })).toEqual({ ok: false, reason: 'unreachable' });
    expect(hits.length - before).toBe(1);
    expect(svc.stats()).toEqual({ downloads: 1, files: 1, bytes: TIFF.byteLength });
    await expect(svc.get({ id: id(2), offset: ATTACHMENT_CHUNK_BYTES })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('stays within its bounds (least recently used out first) and forgets everything on a new sign-in', async () => {
    let token = 'tok-1';
    const svc = createAttachmentBytes({ session: () => ({ serverUrl: base, token }), cacheFiles: 2, timeoutMs: 1000 });
    await svc.get({ id: id(2), offset: 0 });
    await svc.get({ id: id(3), offset: 0 });
    await svc.get({ id: id(2), offset: 0 }); // 2 is now the most recent
    await svc.get({ id: id(8), offset: 0 }); // 3 goes
    expect(svc.stats()).toMatchObject({ downloads: 3, files: 2 });
    await svc.get({ id: id(2), offset: 0 });
    expect(svc.stats().downloads).toBe(3);
    await svc.get({ id: id(3), offset: 0 });
    expect(svc.stats().downloads).toBe(4);
    const bytesCapped = createAttachmentBytes({ session: signedIn(), cacheBytes: PDF.byteLength + 10, timeoutMs: 1000 });
    await bytesCapped.get({ id: id(2), offset: 0 });
    await bytesCapped.get({ id: id(1), offset: 0 });
    expect(bytesCapped.stats()).toMatchObject({ files: 1, bytes: PDF.byteLength });
    token = 'tok-2';
    await svc.get({ id: id(2), offset: 0 });
    expect(svc.stats()).toMatchObject({ downloads: 5, files: 1 });
  });

  it('refuses before sign-in, and the contract only takes a file id and a chunk\'s offset', async () => {
    const svc = createAttachmentBytes({ session: () => null });
    await expect(svc.get({ id: id(1), offset: 0 })).rejects.toMatchObject({ code: 'not_authenticated' });
    expect(AttachmentBytesInput.safeParse({ id: id(1), offset: 0 }).success).toBe(true);
    expect(AttachmentBytesInput.safeParse({ id: '../../etc/passwd', offset: 0 }).success).toBe(false);
    expect(AttachmentBytesInput.safeParse({ id: id(1), offset: 7 }).success).toBe(false);
    expect(AttachmentBytesInput.safeParse({ id: id(1), offset: -ATTACHMENT_CHUNK_BYTES }).success).toBe(false);
    expect(AttachmentBytesInput.safeParse({ id: id(1), offset: 0, url: 'http://x' }).success).toBe(false);
  });

  it('tells page files by their first bytes', () => {
    expect(sniffPageFile(PDF)).toBe('application/pdf');
    expect(sniffPageFile(TIFF)).toBe('image/tiff');
    expect(sniffPageFile(TIFF_BE)).toBe('image/tiff');
    expect(sniffPageFile(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffPageFile(GIF)).toBeNull();
    expect(sniffPageFile(HTML)).toBeNull();
    expect(sniffPageFile(new Uint8Array())).toBeNull();
  });
});
