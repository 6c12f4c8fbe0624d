// The composer's rules outside React: WhatsApp's 24-hour window from the newest message the
// customer wrote, files checked before any upload, a refused reply's text put back into the draft
// once and whole, and a file sent to the main process in chunks that add up to it.
import { describe, expect, it } from 'vitest';
import { REPLY_FILE_MAX_BYTES, UPLOAD_CHUNK_BYTES, UploadChunkInput, withRestoredText } from '../../../contract/composer-ipc.ts';
import type { PultApi } from '../../../contract/ipc.ts';
import { checkReplyFile, replyFileType, uploadReplyFile } from '../../../renderer/src/features/inbox/composer-files.ts';
import { lastInboundAt, replyWindow, WHATSAPP_WINDOW_MS } from '../../../renderer/src/features/inbox/composer-window.ts';

const NOW = Date.parse('2026-11-26T12:00:00.000Z');
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * 3_600_000).toISOString();

describe('WhatsApp 24-hour window', () => {
  it('is open while the customer wrote within 24 hours, whatever we wrote since', () => {
    const thread = [{ direction: 'in' as const, createdAt: at(30) }, { direction: 'in' as const, createdAt: at(23.9) }, { direction: 'out' as const, createdAt: at(1) }];
    expect(lastInboundAt(thread)).toBe(at(23.9));
    expect(replyWindow('whatsapp', thread, NOW)).toEqual({ kind: 'free' });
  });

  it('closes 24 hours after the customer\'s newest message, and is closed when they never wrote', () => {
    const thread = [{ direction: 'in' as const, createdAt: at(24) }, { direction: 'out' as const, createdAt: at(0.5) }, { direction: 'internal_note' as const, createdAt: at(0.1) }];
    expect(replyWindow('whatsapp', thread, NOW)).toEqual({ kind: 'templates_only', lastInboundAt: at(24) });
    expect(replyWindow('whatsapp', thread, NOW - 1)).toEqual({ kind: 'free' });
    expect(replyWindow('whatsapp', [], NOW)).toEqual({ kind: 'templates_only', lastInboundAt: null });
    expect(WHATSAPP_WINDOW_MS).toBe(86_400_000);
  });

  it('does not apply to other channels', () => {
    for (const channel of ['telegram', 'email', 'fax'] as const) expect(replyWindow(channel, [], NOW)).toEqual({ kind: 'free' });
  });
});

describe('files for a reply', () => {
  const f = (name: string, type: string, size: number) => ({ name, type, size });

  it('accepts pictures and PDF, by type or, without one, by extension', () => {
    expect(replyFileType(f('чек.PDF', '', 1))).toBe('application/pdf');
    expect(replyFileType(f('photo.jpg', 'image/jpeg', 1))).toBe('image/jpeg');
    expect(replyFileType(f('a.webp', '', 1))).toBe('image/webp');
    expect(replyFileType(f('evil.pdf', 'application/x-msdownload', 1))).toBeNull();
    expect(replyFileType(f('logo.svg', 'image/svg+xml', 1))).toBeNull();
    expect(replyFileType(f('setup.exe', '', 1))).toBeNull();
  });

  it('refuses with a reason: wrong type, empty, over the server\'s 50 MB, more than ten', () => {
    expect(checkReplyFile(f('a.png', 'image/png', 10), 0)).toBeNull();
    expect(checkReplyFile(f('a.png', 'image/png', REPLY_FILE_MAX_BYTES), 9)).toBeNull();
    expect(checkReplyFile(f('a.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 10), 0)).toEqual({ key: 'type' });
    expect(checkReplyFile(f('a.png', 'image/png', 0), 0)).toEqual({ key: 'empty' });
    expect(checkReplyFile(f('a.pdf', 'application/pdf', REPLY_FILE_MAX_BYTES + 1), 0)).toEqual({ key: 'tooLarge', maxMb: 50 });
    expect(checkReplyFile(f('a.png', 'image/png', 10), 10)).toEqual({ key: 'tooMany', max: 10 });
  });

  it('go to the main process in ordered chunks that fit a call and add up to the file', async () => {
    const bytes = new Uint8Array(UPLOAD_CHUNK_BYTES * 2 + 123).map((_, i) => (i * 7) % 256);
    const file = new File([bytes], 'скан.pdf', { type: 'application/pdf' });
    const calls: Array<{ method: string; input: Record<string, unknown> }> = [];
    const api = {
      invoke: (async (method: string, input: Record<string, unknown>) => {
        calls.push({ method, input });
        if (method === 'composer.uploadStart') return { uploadId: '11111111-1111-4111-8111-111111111111' };
        if (method === 'composer.uploadFinish') return { id: '22222222-2222-4222-8222-222222222222', fileName: 'скан.pdf', mimeType: 'application/pdf', size: bytes.length, sha256: 'a'.repeat(64), refused: null };
        return { ok: true };
      }) as PultApi['invoke'],
    };
    const progress: number[] = [];
    const done = await uploadReplyFile(api, file, { onProgress: (p) => progress.push(p) });
    expect(done.id).toBe('22222222-2222-4222-8222-222222222222');
    expect(calls[0]).toEqual({ method: 'composer.uploadStart', input: { fileName: 'скан.pdf', mimeType: 'application/pdf', size: bytes.length } });
    const chunks = calls.filter((c) => c.method === 'composer.uploadChunk');
    expect(chunks.map((c) => c.input.index)).toEqual([0, 1, 2]);
    for (const c of chunks) expect(UploadChunkInput.safeParse(c.input).success).toBe(true);
    const joined = Buffer.concat(chunks.map((c) => Buffer.from(c.input.data as string, 'base64')));
    expect(joined.equals(Buffer.from(bytes))).toBe(true);
    expect(progress.at(-1)).toBe(1);
    expect(calls.at(-1)?.method).toBe('composer.uploadFinish');
  });
});

describe('a refused reply back in the draft', () => {
  it('comes back whole after what was typed since, and never twice', () => {
    expect(withRestoredText('', 'Ваш платёж найден.')).toBe('Ваш платёж найден.');
    expect(withRestoredText('Ещё вопрос', '  Ваш платёж найден. ')).toBe('Ещё вопрос\n\nВаш платёж найден.');
    const once = withRestoredText('Ещё вопрос', 'Ваш платёж найден.');
    expect(withRestoredText(once, 'Ваш платёж найден.')).toBe(once);
    expect(withRestoredText('Текст', '   ')).toBe('Текст');
  });
});
