// Files for a reply through the main process: chunks taken in order and only up to the declared
// size, the first bytes checked against the declared type (a renamed program is no picture), the
// file posted raw to the server with the agent's token, its name percent-encoded, and the server's
// answers turned into errors the operator can read. Idle uploads are dropped. Offline, a checked
// file is kept (for the replica) under the id the server will later store it under.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MessageAttachment } from '../../../contract/domain/conversation.ts';
import { ServiceError } from '../../../electron/services/errors.ts';
import { bytesMatchType, createReplyUploads, UPLOAD_IDLE_MS } from '../../../electron/services/inbox/reply-upload.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(600_000, 7)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const ANSWER = { id: '33333333-3333-4333-8333-333333333333', fileName: 'Чек №1.png', mimeType: 'image/png', size: PNG.length, sha256: 'c'.repeat(64), refused: null };

interface Seen {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Answers `answer`; the attachment by default, under the id the client named (as the server does). */
function fakeServer(status = 201, answer: unknown = ANSWER) {
  const seen: Seen[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    seen.push({ url, headers, body: Buffer.from(init.body as Uint8Array) });
    const body = answer === ANSWER ? { ...ANSWER, id: headers['x-attachment-id'] } : answer;
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof globalThis.fetch;
  return { seen, fetch };
}

const session = () => ({ serverUrl: 'http://127.0.0.1:9/pult', token: 'tok-123' });

async function send(u: ReturnType<typeof createReplyUploads>, bytes: Buffer, fileName: string, mimeType: 'image/png' | 'application/pdf', chunk = 256 * 1024) {
  const { uploadId } = u.start({ fileName, mimeType, size: bytes.length });
  for (let i = 0, at = 0; at < bytes.length; i++, at += chunk) u.chunk({ uploadId, index: i, data: bytes.subarray(at, at + chunk).toString('base64') });
  return u.finish(uploadId);
}

const code = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e instanceof ServiceError ? e.code : 'not a ServiceError';
  }
  return 'no error';
};

describe('reply file uploads', () => {
  it('post the whole file raw with the token, its type and its name percent-encoded, and give back the attachment', async () => {
    const server = fakeServer();
    const u = createReplyUploads({ session, fetch: server.fetch });
    const got = await send(u, PNG, 'Чек №1.png', 'image/png');
    expect(server.seen).toHaveLength(1);
    const req = server.seen[0]!;
    expect(req.headers['x-attachment-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(MessageAttachment.parse(got)).toEqual({ ...ANSWER, id: req.headers['x-attachment-id'] });
    expect(got.waiting).toBeUndefined();
    expect(req.url).toBe('http://127.0.0.1:9/pult/api/channels/attachments');
    expect(req.headers).toMatchObject({ authorization: 'Bearer tok-123', 'content-type': 'image/png', 'x-file-name': encodeURIComponent('Чек №1.png'), 'x-pult-protocol': '1' });
    expect(req.body.equals(PNG)).toBe(true);
    expect(u.open()).toBe(0);
  });

  it('check the first bytes against the type: a program named .png is not sent', async () => {
    expect(bytesMatchType(PNG, 'image/png')).toBe(true);
    expect(bytesMatchType(PDF, 'application/pdf')).toBe(true);
    expect(bytesMatchType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg')).toBe(true);
    expect(bytesMatchType(Buffer.from('GIF89a'), 'image/gif')).toBe(true);
    expect(bytesMatchType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '), 'image/webp')).toBe(true);
    expect(bytesMatchType(PDF, 'image/png')).toBe(false);
    const server = fakeServer();
    const u = createReplyUploads({ session, fetch: server.fetch });
    expect(await code(send(u, Buffer.from('MZ\x90\x00 this program cannot be run in DOS mode'), 'photo.png', 'image/png'))).toBe('invalid_input');
    expect(await code(send(u, Buffer.from('<svg onload=alert(1)>'), 'doc.pdf', 'application/pdf'))).toBe('invalid_input');
    expect(server.seen).toHaveLength(0);
  });

  it('take chunks only in order and only up to the declared size; a short file is not sent', async () => {
    const server = fakeServer();
    const u = createReplyUploads({ session, fetch: server.fetch });
    const a = u.start({ fileName: 'a.pdf', mimeType: 'application/pdf', size: PDF.length });
    expect(await code(() => u.chunk({ uploadId: a.uploadId, index: 1, data: PDF.toString('base64') }))).toBe('invalid_input');
    expect(await code(() => u.chunk({ uploadId: a.uploadId, index: 0, data: Buffer.concat([PDF, PDF]).toString('base64') }))).toBe('payload_too_large');
    expect(await code(() => u.chunk({ uploadId: a.uploadId, index: 0, data: PDF.toString('base64') }))).toBe('not_found'); // dropped
    const b = u.start({ fileName: 'b.pdf', mimeType: 'application/pdf', size: PDF.length });
    u.chunk({ uploadId: b.uploadId, index: 0, data: PDF.subarray(0, 10).toString('base64') });
    expect(await code(u.finish(b.uploadId))).toBe('invalid_input');
    expect(server.seen).toHaveLength(0);
  });

  it('turn the server\'s refusals into readable errors', async () => {
    expect(await code(send(createReplyUploads({ session, fetch: fakeServer(413, { error: { code: 'payload_too_large', message: 'too large' } }).fetch }), PDF, 'a.pdf', 'application/pdf'))).toBe('payload_too_large');
    expect(await code(send(createReplyUploads({ session, fetch: fakeServer(403, { error: { code: 'forbidden', message: 'no' } }).fetch }), PDF, 'a.pdf', 'application/pdf'))).toBe('forbidden');
    expect(await code(send(createReplyUploads({ session, fetch: fakeServer(201, { id: 'not an attachment' }).fetch }), PDF, 'a.pdf', 'application/pdf'))).toBe('incompatible_server');
    // An attachment under another id than the one asked for is not the file sent.
    expect(await code(send(createReplyUploads({ session, fetch: fakeServer(201, { ...ANSWER }).fetch }), PDF, 'a.pdf', 'application/pdf'))).toBe('incompatible_server');
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    expect(await code(send(createReplyUploads({ session, fetch: down }), PDF, 'a.pdf', 'application/pdf'))).toBe('server_unreachable');
    expect(await code(() => createReplyUploads({ session: () => null }).start({ fileName: 'a.pdf', mimeType: 'application/pdf', size: 1 }))).toBe('not_authenticated');
  });

  it('offline: the checked file is kept under its id and comes back waiting; known offline, the server is not even tried', async () => {
    const kept: Array<{ id: string; fileName: string; mimeType: string; sha256: string; bytes: Uint8Array }> = [];
    const keep = async (f: (typeof kept)[number]) => void kept.push(f);
    let calls = 0;
    const down = (async () => {
      calls++;
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    const got = await send(createReplyUploads({ session, fetch: down, keep }), PDF, 'Скан договора.pdf', 'application/pdf');
    expect(calls).toBe(1);
    expect(got).toMatchObject({ fileName: 'Скан договора.pdf', mimeType: 'application/pdf', size: PDF.length, refused: null, waiting: true });
    expect(got.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ id: got.id, fileName: 'Скан договора.pdf', sha256: got.sha256 });
    expect(Buffer.from(kept[0]!.bytes).equals(PDF)).toBe(true);

    const known = await send(createReplyUploads({ session, fetch: down, keep, offline: () => true }), PNG, 'фото.png', 'image/png');
    expect(calls).toBe(1);
    expect(known.waiting).toBe(true);
    expect(kept).toHaveLength(2);
    // A refusal is no reason to keep anything; nor is a file that is not what it says.
    const refused = createReplyUploads({ session, fetch: fakeServer(403, { error: { code: 'forbidden', message: 'no' } }).fetch, keep });
    expect(await code(send(refused, PDF, 'a.pdf', 'application/pdf'))).toBe('forbidden');
    expect(await code(send(createReplyUploads({ session, fetch: down, keep, offline: () => true }), Buffer.from('MZ'), 'a.pdf', 'application/pdf'))).toBe('invalid_input');
    expect(kept).toHaveLength(2);
  });

  it('hold at most ten files at once and drop one the renderer left idle', () => {
    let now = 0;
    const u = createReplyUploads({ session, fetch: fakeServer().fetch, now: () => now });
    const ids = Array.from({ length: 10 }, () => u.start({ fileName: 'a.pdf', mimeType: 'application/pdf', size: 10 }).uploadId);
    expect(() => u.start({ fileName: 'b.pdf', mimeType: 'application/pdf', size: 10 })).toThrow(ServiceError);
    u.cancel(ids[0]!);
    expect(u.open()).toBe(9);
    now = UPLOAD_IDLE_MS + 1;
    u.start({ fileName: 'c.pdf', mimeType: 'application/pdf', size: 10 });
    expect(u.open()).toBe(1);
  });
});
