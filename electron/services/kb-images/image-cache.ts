// Article pictures for the renderer: from the replica's cache, else fetched from the server once
// and kept, so an article read online shows its pictures offline later. After each sync the
// pictures new articles refer to are fetched ahead (prefetch), a bounded number per run.
import { API, apiPath, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../contract/server-api.ts';
import { KB_IMAGE_MAX_BYTES, kbImageMime } from '../../../contract/kb-images.ts';
import type { ReplicaCalls } from '../db/replica-client.ts';
import { ServiceError } from '../errors.ts';
import { silentLog, type Log } from '../log.ts';
import { endpoint } from '../session/server-client.ts';

type ImageDb = Pick<ReplicaCalls, 'getImage' | 'putImage' | 'missingImages'>;

export interface ImageCacheOptions {
  session: () => { serverUrl: string; token: string } | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
  log?: Log;
}

export const PREFETCH_PER_RUN = 100;

export function createImageCache(opts: ImageCacheOptions) {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const log = opts.log ?? silentLog;
  let prefetching: Promise<unknown> | null = null;

  /** The picture's bytes from the server, checked: status, declared type, size. */
  async function download(name: string): Promise<{ mime: string; base64: string }> {
    const s = opts.session();
    if (!s) throw new ServiceError('not_authenticated', 'sign in to load pictures');
    const expected = kbImageMime(name);
    let res: Response;
    try {
      res = await doFetch(endpoint(s.serverUrl, apiPath(API.kbImage, { name })), {
        headers: { authorization: `Bearer ${s.token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), accept: expected },
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new ServiceError('server_unreachable', `picture ${name}: ${(e as Error).message}`);
    }
    if (res.status === 404) throw new ServiceError('not_found', `picture ${name} is not on the server`);
    if (res.status !== 200) throw new ServiceError('internal', `picture ${name}: HTTP ${res.status}`);
    const mime = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
    if (mime !== expected) throw new ServiceError('incompatible_server', `picture ${name}: expected ${expected}, got ${mime || 'no type'}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > KB_IMAGE_MAX_BYTES) throw new ServiceError('payload_too_large', `picture ${name} is over ${KB_IMAGE_MAX_BYTES} bytes`);
    return { mime, base64: bytes.toString('base64') };
  }

  return {
    /** A data: URL of the picture, or null when it is neither cached nor reachable now. */
    async image(db: ImageDb, name: string): Promise<{ dataUrl: string; cached: boolean } | null> {
      const stored = await db.getImage(name);
      if (stored) return { dataUrl: `data:${stored.mime};base64,${stored.base64}`, cached: true };
      try {
        const got = await download(name);
        await db.putImage({ name, mime: got.mime as 'image/png', base64: got.base64 });
        return { dataUrl: `data:${got.mime};base64,${got.base64}`, cached: false };
      } catch (e) {
        if (e instanceof ServiceError && (e.code === 'server_unreachable' || e.code === 'not_found')) return null;
        throw e;
      }
    },
    /** Fetches what the articles refer to and the cache lacks; one run at a time. */
    prefetch(db: ImageDb): Promise<unknown> {
      prefetching ??= (async () => {
        const names = await db.missingImages(PREFETCH_PER_RUN);
        let fetched = 0;
        for (const name of names) {
          try {
            const got = await download(name);
            await db.putImage({ name, mime: got.mime as 'image/png', base64: got.base64 });
            fetched++;
          } catch (e) {
            log.warn({ err: e, name }, 'article picture not cached');
            if (e instanceof ServiceError && e.code === 'server_unreachable') break;
          }
        }
        if (names.length) log.info({ fetched, of: names.length }, 'article pictures cached');
      })().finally(() => {
        prefetching = null;
      });
      return prefetching;
    },
  };
}

export type ImageCache = ReturnType<typeof createImageCache>;
