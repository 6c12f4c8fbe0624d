// The browser host's HTTP + WebSocket server on 127.0.0.1: serves the built renderer with the CSP
// and security headers, and the IPC router over a WebSocket guarded by ./guard.ts.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { WebSocketServer, type WebSocket } from 'ws';
import { HOST_WS_PATH, type HostServerMessage } from '../../contract/host-wire.ts';
import type { Router } from '../ipc/router.ts';
import type { EventBus } from '../ipc/event-bus.ts';
import type { Log } from '../services/log.ts';
import { SECURITY_HEADERS } from '../services/security/csp.ts';
import { liveCsp, type LiveCsp } from '../services/security/live-csp.ts';
import { checkUpgrade, newToken } from './guard.ts';
import { answerFrame } from './frames.ts';
import { withHostToken } from './index-html.ts';

export interface HostServerOptions {
  rendererDir: string;
  router: Router;
  bus: EventBus;
  log: Log;
  port?: number;
  /** SIP WebSocket servers the page may connect to (IT preset). */
  sipWebsocketUris?: readonly string[];
  /** The operator's saved SIP servers, re-read for each page load (the CSP lists them too). */
  sipAccountUris?: () => Promise<readonly string[]>;
  /** Fixed token (tests); a random one per run otherwise. */
  token?: string;
}

export interface HostServer {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

/** Frames above this are cut by ws itself (connection closed, 1009); smaller oversize frames are answered. */
const WS_MAX_PAYLOAD = 16 * 1024 * 1024;

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  const text = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}

export async function startHostServer(opts: HostServerOptions): Promise<HostServer> {
  const rendererDir = resolve(opts.rendererDir);
  const token = opts.token ?? newToken();
  const app = Fastify({ logger: false, bodyLimit: 1024 });
  let origin = ''; // known once listening
  let csp: LiveCsp | null = null;

  app.addHook('onRequest', async (req, reply) => {
    const host = req.headers.host;
    const expected = new URL(origin).host;
    if (host === expected) return;
    if (host === expected.replace('127.0.0.1', 'localhost')) {
      return reply.redirect(`${origin}${req.url.startsWith('/') ? req.url.slice(1) : ''}`, 308);
    }
    return reply.code(421).type('text/plain').send('wrong Host\n');
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('content-security-policy', csp?.current() ?? "default-src 'none'");
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    return payload;
  });

  const sendIndex = async (reply: FastifyReply) => {
    const path = join(rendererDir, 'index.html');
    if (!existsSync(path)) {
      return reply.code(503).type('text/plain; charset=utf-8').send(`The renderer is not built (${path} is missing): run npm run build.\n`);
    }
    const html = withHostToken(await readFile(path, 'utf8'), token);
    await csp?.refresh();
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  };
  app.get('/', (_req, reply) => sendIndex(reply));
  app.get('/index.html', (_req, reply) => sendIndex(reply));
  await app.register(fastifyStatic, { root: rendererDir, index: false, wildcard: true, dotfiles: 'deny' });
  // Client-side routes (/inbox, /kb/…) get the app; anything else that is missing is a plain 404.
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !/\.[a-z0-9]+$/i.test(req.url.split('?')[0] ?? '') && (req.headers.accept ?? '').includes('text/html')) {
      return sendIndex(reply);
    }
    return reply.code(404).type('text/plain').send('not found\n');
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD });
  const clients = new Set<WebSocket>();
  const send = (ws: WebSocket, msg: HostServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };

  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('error', (e) => opts.log.warn({ err: e }, 'websocket error'));
    ws.on('message', (data, isBinary) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      answerFrame(opts.router, buf, isBinary).then(
        (msg) => send(ws, msg),
        (e: unknown) => opts.log.error({ err: e }, 'frame handling failed'),
      );
    });
  });

  const unsubscribe = opts.bus.subscribe((event, payload) => {
    for (const ws of clients) send(ws, { type: 'event', event, payload });
  });

  app.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const verdict = checkUpgrade({ url: req.url, headers: { origin: req.headers.origin, host: req.headers.host } }, { token, origin });
    if (!verdict.ok) {
      opts.log.warn({ status: verdict.status, reason: verdict.reason, origin: req.headers.origin }, 'websocket refused');
      rejectUpgrade(socket, verdict.status, verdict.reason);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('host did not get a TCP port');
  origin = `http://127.0.0.1:${address.port}`;
  csp = liveCsp({
    presetSipUris: opts.sipWebsocketUris ?? [],
    accountSipUris: opts.sipAccountUris ?? (async () => []),
    extraConnectSrc: [`ws://127.0.0.1:${address.port}${HOST_WS_PATH}`],
    log: opts.log,
  });
  await csp.refresh();

  return {
    url: `${origin}/`,
    origin,
    token,
    async close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      await app.close();
    },
  };
}
