// The sync endpoints over HTTP, the way session/server-client.ts talks to the server: bearer token,
// protocol header, a timeout, no redirects. Bodies are read with a byte cap, so a hostile or broken
// server cannot make us buffer without bound; HTTP failures become SyncErrors.
import { ERROR_CODES, type ErrorCode } from '../../../contract/errors.ts';
import { INCOMPATIBLE_CLIENT, PROTOCOL_HEADER, PROTOCOL_VERSION, ServerErrorBody } from '../../../contract/server-api.ts';
import { PushResponse, SYNC_API, type PullRequest, type PushRequest } from '../../../contract/sync.ts';
import { endpoint } from '../session/server-client.ts';
import { SyncError } from './sync-error.ts';

export const DEFAULT_MAX_PULL_BYTES = 8 * 1024 * 1024;
const MAX_PUSH_RESPONSE_BYTES = 1024 * 1024;

export interface SyncAuth {
  serverUrl: string;
  token: string;
}

export interface SyncHttpOptions extends SyncAuth {
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** A pull page larger than this is refused (payload_too_large) before parsing. */
  maxPullBytes?: number;
}

export interface SyncHttp {
  /**
   * The raw page, as bytes: decoded, parsed and checked in the replica worker, to which they are
   * handed over without a copy — a page of megabytes never becomes a string in the main process.
   */
  pull(req: PullRequest, signal?: AbortSignal): Promise<Uint8Array<ArrayBuffer>>;
  push(req: PushRequest, signal?: AbortSignal): Promise<PushResponse>;
}

export function createSyncHttp(opts: SyncHttpOptions): SyncHttp {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxPullBytes = opts.maxPullBytes ?? DEFAULT_MAX_PULL_BYTES;

  async function post(path: string, body: unknown, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array<ArrayBuffer>> {
    const url = endpoint(opts.serverUrl, path);
    const timeout = AbortSignal.timeout(timeoutMs);
    const all = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          authorization: `Bearer ${opts.token}`,
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        },
        body: JSON.stringify(body),
        signal: all,
        redirect: 'error',
      });
    } catch (e) {
      throw new SyncError('server_unreachable', timeout.aborted ? `no answer from ${url} within ${timeoutMs} ms` : `cannot reach ${url}: ${causeOf(e)}`);
    }
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = await readCapped(res, res.ok ? maxBytes : 64 * 1024);
    } catch (e) {
      if (e instanceof SyncError) throw e;
      throw new SyncError('server_unreachable', `${url}: the answer broke off (${causeOf(e)})`);
    }
    if (!res.ok) throw failure(res.status, utf8(bytes), res.headers, path);
    return bytes;
  }

  return {
    pull: (req, signal) => post(SYNC_API.pull, req, maxPullBytes, signal),
    async push(req, signal) {
      const text = utf8(await post(SYNC_API.push, req, MAX_PUSH_RESPONSE_BYTES, signal));
      const r = PushResponse.safeParse(tolerateNewCodes(parseJson(text)));
      if (!r.success) {
        const issue = r.error.issues[0];
        throw new SyncError('incompatible_server', `unexpected push response: ${issue?.path.join('.') || 'body'}: ${issue?.message}`);
      }
      return r.data;
    },
  };
}

const utf8 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

/**
 * The body, at most maxBytes, in an ArrayBuffer of its own (so that it can be transferred). With a
 * declared length the chunks are copied straight into one buffer of that size as they come: a page
 * of megabytes is allocated once on the main thread, not twice (less for its GC to do).
 */
async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  const tooLarge = () => new SyncError('payload_too_large', `the server's answer is larger than ${maxBytes} bytes`);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  let all = new Uint8Array(Number.isSafeInteger(declared) && declared > 0 ? declared : 64 * 1024);
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    if (total + value.byteLength > all.byteLength) {
      // No length given (or a wrong one): grow by doubling.
      const grown = new Uint8Array(Math.min(maxBytes, Math.max(total + value.byteLength, all.byteLength * 2)));
      grown.set(all.subarray(0, total));
      all = grown;
    }
    all.set(value, total);
    total += value.byteLength;
  }
  return total === all.byteLength ? all : all.slice(0, total);
}

/**
 * A rejection whose code this client does not know (a newer server) still settles its mutation,
 * as `internal` with the server's code in the message; otherwise the whole answer would fail the
 * schema and the outbox would be stuck behind it.
 */
function tolerateNewCodes(json: unknown): unknown {
  const results = (json as { results?: unknown } | null)?.results;
  if (!Array.isArray(results)) return json;
  for (const r of results as Array<{ error?: { code?: unknown; message?: unknown } }>) {
    const e = r?.error;
    if (e && typeof e.code === 'string' && !(ERROR_CODES as readonly string[]).includes(e.code)) {
      e.message = `${e.code}: ${typeof e.message === 'string' ? e.message : ''}`;
      e.code = 'internal';
    }
  }
  return json;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function failure(status: number, text: string, headers: Headers, path: string): SyncError {
  const body = ServerErrorBody.safeParse(parseJson(text));
  const code = body.success ? body.data.error.code : null;
  const msg = `${path}: ${body.success ? body.data.error.message : `HTTP ${status}`}`;
  // 426 / incompatible_client: the server does not speak our protocol. Only an update helps.
  if (status === 426 || code === INCOMPATIBLE_CLIENT || code === 'incompatible_server') return new SyncError('incompatible_server', msg, 'never');
  if (status === 401) return new SyncError('not_authenticated', msg, 'never');
  if (status === 403) return new SyncError('forbidden', msg, 'never');
  // No sync API at all: a server older than this client.
  if (status === 404 || status === 405) return new SyncError('incompatible_server', `${msg} (the server has no sync API)`, 'never');
  if (status === 429) {
    const seconds = Number(headers.get('retry-after'));
    return new SyncError('rate_limited', msg, 'backoff', Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3600) * 1000 : undefined);
  }
  if (status >= 500) return new SyncError('server_unreachable', msg);
  // e.g. 409 conflict on `after`: our cursor is ahead of the server's feed (its database was
  // replaced); the puller resyncs from "0".
  if (code && (ERROR_CODES as readonly string[]).includes(code)) return new SyncError(code as ErrorCode, msg, 'backoff', undefined, body.success ? body.data.error.field : undefined);
  return new SyncError('internal', msg);
}

function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}
