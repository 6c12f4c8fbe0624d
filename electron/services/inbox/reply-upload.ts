// Files for a reply go to the server through the main process, never from the renderer: the
// renderer sends the file in chunks (a call carries at most MAX_CALL_BYTES of JSON), the bytes are
// checked against the declared size and type — the first bytes must be what the type says, so a
// renamed program is not sent as a "picture" — and posted to /api/channels/attachments with the
// agent's token (post-attachment.ts). The answer's attachment id goes into message.reply's
// attachmentIds. When the server cannot be reached, the checked file is kept in the encrypted
// replica under the same id (`keep`), marked waiting: the reply can be queued with it, and the sync
// uploads it before it pushes the reply (upload-waiting-files.ts).
import { createHash, randomUUID } from 'node:crypto';
import {
  REPLY_FILE_MAX_BYTES,
  REPLY_FILES_MAX,
  type ReplyFileType,
  type UploadChunkInput,
  type UploadStartInput,
  type UploadedFile,
} from '../../../contract/composer-ipc.ts';
import { ServiceError } from '../errors.ts';
import { postAttachment } from './post-attachment.ts';
import type { KeepUploadInput } from './waiting-uploads.ts';
import { sniffRasterImage } from './sniff-raster-image.ts';

export { ATTACHMENTS_PATH } from './post-attachment.ts';
/** A file the renderer started but never finished is dropped after this long. */
export const UPLOAD_IDLE_MS = 10 * 60_000;

export interface ReplyUploadOptions {
  session: () => { serverUrl: string; token: string } | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
  /** Keeps a file the server could not be reached for (the replica's keepUpload); without it the upload fails. */
  keep?: (file: KeepUploadInput) => Promise<void>;
  /** Known to be offline (the connection's status): the file is kept at once, without waiting for a timeout. */
  offline?: () => boolean;
}

interface Upload {
  fileName: string;
  mimeType: ReplyFileType;
  size: number;
  chunks: Buffer[];
  received: number;
  touched: number;
}

/** Whether the first bytes are what the type says (magic numbers of the formats we accept). */
export function bytesMatchType(head: Uint8Array, type: ReplyFileType): boolean {
  if (type === 'application/pdf') return [...'%PDF-'].every((c, i) => head[i] === c.charCodeAt(0));
  return sniffRasterImage(head) === type;
}

export function createReplyUploads(opts: ReplyUploadOptions) {
  const uploads = new Map<string, Upload>();
  const now = opts.now ?? Date.now;

  const dropIdle = () => {
    for (const [id, u] of uploads) if (now() - u.touched > UPLOAD_IDLE_MS) uploads.delete(id);
  };
  const get = (uploadId: string): Upload => {
    const u = uploads.get(uploadId);
    if (!u) throw new ServiceError('not_found', 'no such upload (it was finished, cancelled or dropped after a pause)', 'input.uploadId');
    u.touched = now();
    return u;
  };

  return {
    start(input: UploadStartInput): { uploadId: string } {
      dropIdle();
      if (!opts.session()) throw new ServiceError('not_authenticated', 'sign in to attach files');
      if (uploads.size >= REPLY_FILES_MAX) throw new ServiceError('rate_limited', `at most ${REPLY_FILES_MAX} files are uploaded at once`);
      const uploadId = randomUUID();
      uploads.set(uploadId, { ...input, chunks: [], received: 0, touched: now() });
      return { uploadId };
    },
    chunk(input: UploadChunkInput): { ok: true } {
      const u = get(input.uploadId);
      if (input.index !== u.chunks.length) throw new ServiceError('invalid_input', `expected chunk ${u.chunks.length}, got ${input.index}`, 'input.index');
      const bytes = Buffer.from(input.data, 'base64');
      if (u.received + bytes.byteLength > u.size) {
        uploads.delete(input.uploadId);
        throw new ServiceError('payload_too_large', 'the file is larger than it said', 'input.data');
      }
      u.chunks.push(bytes);
      u.received += bytes.byteLength;
      return { ok: true };
    },
    async finish(uploadId: string): Promise<UploadedFile> {
      const u = get(uploadId);
      uploads.delete(uploadId);
      if (u.received !== u.size) throw new ServiceError('invalid_input', `the file ended after ${u.received} of ${u.size} bytes`, 'input.uploadId');
      const bytes = Buffer.concat(u.chunks, u.size);
      if (!bytesMatchType(bytes.subarray(0, 16), u.mimeType)) throw new ServiceError('invalid_input', `the file is not a ${u.mimeType}`, 'input.mimeType');
      if (bytes.byteLength > REPLY_FILE_MAX_BYTES) throw new ServiceError('payload_too_large', 'the file is over the limit');
      const file = { id: randomUUID(), fileName: u.fileName, mimeType: u.mimeType, bytes };
      try {
        if (opts.keep && opts.offline?.()) throw new ServiceError('server_unreachable', 'offline');
        return await postAttachment({ session: opts.session, ...(opts.fetch ? { fetch: opts.fetch } : {}), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) }, file);
      } catch (e) {
        if (!(e instanceof ServiceError && e.code === 'server_unreachable' && opts.keep)) throw e;
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        await opts.keep({ ...file, sha256 });
        return { id: file.id, fileName: file.fileName, mimeType: file.mimeType, size: bytes.byteLength, sha256, refused: null, waiting: true };
      }
    },
    cancel(uploadId: string): { ok: true } {
      uploads.delete(uploadId);
      return { ok: true };
    },
    /** Uploads open now (for tests and the idle sweep). */
    open: () => uploads.size,
  };
}
export type ReplyUploads = ReturnType<typeof createReplyUploads>;
