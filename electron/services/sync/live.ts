// The "live" WebSocket: the server sends {"type":"poke","version"} when this agent's feed has new
// changes, and we pull. Dropped connections come back with backoff and full jitter; refusals that
// retrying cannot fix (426 protocol, 401 token, 403, 404 no such endpoint) stop it instead.
import WebSocket from 'ws';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, ServerErrorBody } from '../../../contract/server-api.ts';
import { Poke, SYNC_API } from '../../../contract/sync.ts';
import { silentLog, type Log } from '../log.ts';
import { endpoint } from '../session/server-client.ts';
import { createBackoff, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import { systemClock, type Clock } from './clock.ts';
import { SyncError } from './sync-error.ts';
import type { SyncAuth } from './sync-http.ts';

/** A poke is a few dozen bytes; anything much larger is not one. */
const MAX_FRAME_BYTES = 4096;

export interface LiveOptions extends SyncAuth {
  onPoke(poke: Poke): void;
  /** Connected (again): changes may have been missed meanwhile. */
  onOpen?(): void;
  /** Refused for good; the connection will not retry. */
  onFatal?(error: SyncError): void;
  backoff?: BackoffPolicy;
  clock?: Clock;
  random?: () => number;
  log?: Log;
  /** A connection that lasted this long counts as healthy: the next drop retries fast again. */
  stableMs?: number;
  handshakeTimeoutMs?: number;
}

export interface LiveConnection {
  start(): void;
  stop(): void;
  isOpen(): boolean;
}

export function liveUrl(serverUrl: string): string {
  return endpoint(serverUrl, SYNC_API.live).replace(/^http/i, 'ws');
}

function refusal(status: number, text: string): SyncError | null {
  let said: string | null = null;
  try {
    const body = ServerErrorBody.safeParse(JSON.parse(text));
    said = body.success ? body.data.error.message : null;
  } catch {
    // not JSON: the status says enough
  }
  const msg = (fallback: string) => `${SYNC_API.live}: ${said ?? fallback}`;
  if (status === 426) return new SyncError('incompatible_server', msg(`the server refuses our protocol ${PROTOCOL_VERSION}`), 'never');
  if (status === 401) return new SyncError('not_authenticated', msg('the token is not accepted'), 'never');
  if (status === 403) return new SyncError('forbidden', msg('not allowed'), 'never');
  if (status === 404) return new SyncError('incompatible_server', msg('the server has no live endpoint'), 'never');
  return null;
}

export function createLiveConnection(opts: LiveOptions): LiveConnection {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? silentLog;
  const backoff = createBackoff(opts.backoff ?? DEFAULT_BACKOFF, opts.random);
  const stableMs = opts.stableMs ?? 10_000;
  let socket: WebSocket | null = null;
  let timer: unknown = null;
  let running = false;

  function connect(): void {
    timer = null;
    if (!running) return;
    let openedAt: number | null = null;
    let fatal: SyncError | null = null;
    const ws = new WebSocket(liveUrl(opts.serverUrl), {
      headers: { authorization: `Bearer ${opts.token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      maxPayload: MAX_FRAME_BYTES,
      handshakeTimeout: opts.handshakeTimeoutMs ?? 10_000,
      followRedirects: false,
    });
    socket = ws;
    ws.on('unexpected-response', (_req, res) => {
      // A refused upgrade: read the (small) error body for the reason, then give up this attempt.
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => void (text.length < 4096 && (text += c)));
      res.once('close', () => {
        fatal = refusal(res.statusCode ?? 0, text);
        ws.terminate();
      });
    });
    ws.on('open', () => {
      openedAt = clock.now();
      opts.onOpen?.();
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let json: unknown;
      try {
        json = JSON.parse(String(data));
      } catch {
        json = undefined;
      }
      const poke = Poke.safeParse(json);
      if (poke.success) opts.onPoke(poke.data);
      else log.warn({ frame: String(data).slice(0, 80) }, 'live: ignored a frame that is not a poke');
    });
    ws.on('error', (e) => log.debug({ err: e }, 'live connection error'));
    ws.on('close', () => {
      if (socket === ws) socket = null;
      if (!running) return;
      if (fatal) {
        running = false;
        log.warn({ code: fatal.code }, 'live connection refused for good');
        opts.onFatal?.(fatal);
        return;
      }
      if (openedAt !== null && clock.now() - openedAt >= stableMs) backoff.reset();
      const delay = backoff.next();
      log.debug({ delay, attempt: backoff.attempts() }, 'live connection lost; reconnecting');
      timer = clock.setTimeout(connect, delay);
    });
  }

  return {
    start() {
      if (running) return;
      running = true;
      backoff.reset();
      connect();
    },
    stop() {
      running = false;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      socket?.terminate();
      socket = null;
    },
    isOpen: () => socket?.readyState === WebSocket.OPEN,
  };
}
