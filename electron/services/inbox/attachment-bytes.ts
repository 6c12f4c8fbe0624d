// A message's file (a fax's pages) for the renderer to draw (contract/attachment-bytes-ipc.ts): the
// main process downloads it from the central server with the agent's token — at most
// ATTACHMENT_MAX_BYTES (the server's own limit) and within a timeout — and gives it only if its first
// bytes are a PDF, a TIFF, a PNG or a JPEG. The file comes to the renderer in chunks; whole files are
// kept in a small cache (bounded by count and bytes, least recently used out first) so that paging
// through a file, or opening the fax again, does not download it again. Refusals are not kept: the
// next try may succeed. The cache belongs to one sign-in: a new token or server empties it.
import {
  ATTACHMENT_CHUNK_BYTES,
  ATTACHMENT_MAX_BYTES,
  type AttachmentBytes,
  type AttachmentBytesInput,
  type AttachmentPageType,
  type AttachmentRefusal,
} from '../../../contract/attachment-bytes-ipc.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../contract/server-api.ts';
import { ServiceError } from '../errors.ts';
import { endpoint } from '../session/server-client.ts';
import { ATTACHMENTS_PATH } from './reply-upload.ts';
import { sniffRasterImage } from './sniff-raster-image.ts';
import { readAtMost } from './read-at-most.ts';

export interface AttachmentBytesOptions {
  session: () => { serverUrl: string; token: string } | null;
  /** When the app knows it is offline, a file not in the cache is refused without trying. */
  isOffline?: () => boolean;
  fetch?: typeof fetch;
  /** The whole download; under the renderer's 60 s call timeout. */
  timeoutMs?: number;
  maxBytes?: number;
  cacheFiles?: number;
  cacheBytes?: number;
}

interface File {
  type: AttachmentPageType;
  bytes: Buffer;
}
type Download = { ok: true; file: File } | { ok: false; reason: AttachmentRefusal };

const starts = (b: Uint8Array, sig: string | number[]) =>
  (typeof sig === 'string' ? [...sig].map((c) => c.charCodeAt(0)) : sig).every((x, i) => b[i] === x);

/** Which page file the bytes are, by their first bytes; null for anything else. */
export function sniffPageFile(b: Uint8Array): AttachmentPageType | null {
  if (starts(b, '%PDF-')) return 'application/pdf';
  if (starts(b, [0x49, 0x49, 0x2a, 0x00]) || starts(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  const raster = sniffRasterImage(b);
  return raster === 'image/png' || raster === 'image/jpeg' ? raster : null;
}

export function createAttachmentBytes(opts: AttachmentBytesOptions) {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const maxBytes = opts.maxBytes ?? ATTACHMENT_MAX_BYTES;
  const cacheFiles = opts.cacheFiles ?? 16;
  const cacheBytes = opts.cacheBytes ?? 2 * ATTACHMENT_MAX_BYTES;
  const cache = new Map<string, File>(); // insertion order = least recently used first
  const inFlight = new Map<string, Promise<Download>>();
  let cachedBytes = 0;
  let owner = '';
  let downloads = 0;

  const remember = (id: string, file: File) => {
    cache.delete(id);
    cache.set(id, file);
    cachedBytes += file.bytes.byteLength;
    for (const [oldId, old] of cache) {
      if (cache.size <= cacheFiles && cachedBytes <= cacheBytes) break;
      if (oldId === id) continue;
      cache.delete(oldId);
      cachedBytes -= old.bytes.byteLength;
    }
  };

  async function download(id: string, s: { serverUrl: string; token: string }): Promise<Download> {
    downloads++;
    const signal = AbortSignal.timeout(opts.timeoutMs ?? 45_000);
    try {
      const res = await doFetch(endpoint(s.serverUrl, `${ATTACHMENTS_PATH}/${encodeURIComponent(id)}`), {
        headers: { accept: '*/*', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${s.token}` },
        redirect: 'error',
        signal,
      });
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        if (res.status === 404) return { ok: false, reason: 'not_found' };
        if (res.status === 401 || res.status === 403) return { ok: false, reason: 'forbidden' };
        if (res.status === 413) return { ok: false, reason: 'too_large' };
        if (res.status === 502 || res.status === 503 || res.status === 504) return { ok: false, reason: 'unreachable' };
        return { ok: false, reason: 'http_error' };
      }
      const bytes = await readAtMost(res, maxBytes);
      if (!bytes) return { ok: false, reason: 'too_large' };
      const type = sniffPageFile(bytes);
      return type ? { ok: true, file: { type, bytes } } : { ok: false, reason: 'not_a_page' };
    } catch {
      return { ok: false, reason: signal.aborted ? 'timeout' : 'unreachable' };
    }
  }

  return {
    async get(input: AttachmentBytesInput): Promise<AttachmentBytes> {
      const s = opts.session();
      if (!s) throw new ServiceError('not_authenticated', 'sign in to see the files of messages');
      const who = `${s.serverUrl}\n${s.token}`;
      if (who !== owner) {
        cache.clear();
        cachedBytes = 0;
        owner = who;
      }
      let file = cache.get(input.id);
      if (file) {
        cache.delete(input.id); // most recently used again
        cache.set(input.id, file);
      } else {
        if (opts.isOffline?.()) return { ok: false, reason: 'unreachable' };
        let pending = inFlight.get(input.id);
        if (!pending) {
          pending = download(input.id, s).finally(() => inFlight.delete(input.id));
          inFlight.set(input.id, pending);
        }
        const got = await pending;
        if (!got.ok) return got;
        file = got.file;
        if (owner === who && !cache.has(input.id)) remember(input.id, file);
      }
      if (input.offset >= file.bytes.byteLength) throw new ServiceError('invalid_input', `the file has ${file.bytes.byteLength} bytes`, 'input.offset');
      const chunk = file.bytes.subarray(input.offset, input.offset + ATTACHMENT_CHUNK_BYTES);
      return { ok: true, type: file.type, size: file.bytes.byteLength, offset: input.offset, base64: chunk.toString('base64') };
    },
    /** For tests: how many downloads were started, and how much the cache holds. */
    stats: () => ({ downloads, files: cache.size, bytes: cachedBytes }),
  };
}
export type AttachmentBytesService = ReturnType<typeof createAttachmentBytes>;
