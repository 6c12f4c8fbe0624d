// Files for a reply go to the server through the main process, never from the renderer: the
// renderer sends the file in chunks (a call carries at most MAX_CALL_BYTES of JSON), the bytes are
// checked against the declared size and type — the first bytes must be what the type says, so a
// renamed program is not sent as a "picture" — and posted to /api/channels/attachments with the
// agent's token. The answer's attachment id goes into message.reply's attachmentIds.
import { randomUUID } from 'node:crypto';
import {
  REPLY_FILE_MAX_BYTES,
  REPLY_FILES_MAX,
  type ReplyFileType,
  type UploadChunkInput,
  type UploadStartInput,
} from '../../../contract/composer-ipc.ts';
import { MessageAttachment } from '../../../contract/domain/conversation.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../contract/server-api.ts';
import { ServiceError } from '../errors.ts';
import { createServerApi } from '../session/server-api.ts';
import { endpoint } from '../session/server-client.ts';
import { sniffRasterImage } from './sniff-raster-image.ts';

export const ATTACHMENTS_PATH = '/api/channels/attachments';
/** A file the renderer started but never finished is dropped after this long. */
export const UPLOAD_IDLE_MS = 10 * 60_000;

export interface ReplyUploadOptions {
  session: () => { serverUrl: string; token: string } | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
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
  const doFetch = opts.fetch ?? globalThis.fetch;
  const failure = createServerApi({ session: opts.session }, 'file upload').failure;

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
    async finish(uploadId: string): Promise<MessageAttachment> {
      const u = get(uploadId);
      uploads.delete(uploadId);
      if (u.received !== u.size) throw new ServiceError('invalid_input', `the file ended after ${u.received} of ${u.size} bytes`, 'input.uploadId');
      const body = Buffer.concat(u.chunks, u.size);
      if (!bytesMatchType(body.subarray(0, 16), u.mimeType)) throw new ServiceError('invalid_input', `the file is not a ${u.mimeType}`, 'input.mimeType');
      if (body.byteLength > REPLY_FILE_MAX_BYTES) throw new ServiceError('payload_too_large', 'the file is over the limit');
      const s = opts.session();
      if (!s) throw new ServiceError('not_authenticated', 'sign in to attach files');
      const timeoutMs = opts.timeoutMs ?? 120_000;
      let res: Response;
      try {
        res = await doFetch(endpoint(s.serverUrl, ATTACHMENTS_PATH), {
          method: 'POST',
          headers: {
            accept: 'application/json',
            [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
            authorization: `Bearer ${s.token}`,
            'content-type': u.mimeType,
            'x-file-name': encodeURIComponent(u.fileName),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch (e) {
        throw new ServiceError('server_unreachable', `cannot upload the file: ${e instanceof Error ? e.message : String(e)}`);
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? (JSON.parse(text) as unknown) : null;
      } catch {
        json = null;
      }
      if (res.status === 413) throw new ServiceError('payload_too_large', 'the server refused the file as too large');
      if (res.status < 200 || res.status > 299) throw failure(res.status, json);
      const parsed = MessageAttachment.safeParse(json);
      if (!parsed.success) throw new ServiceError('incompatible_server', 'unexpected answer to the file upload');
      return parsed.data;
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
