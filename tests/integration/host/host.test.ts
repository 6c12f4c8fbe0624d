// The browser host as a real process (`node electron/host/main.ts`), with a tiny fixture renderer
// and a fake central server: the page carries the token and the CSP; the WebSocket refuses a missing
// or wrong token and a foreign Origin; with both right, calls and events work; malformed frames are
// answered and do not kill the connection or the process.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HOST_TOKEN_PARAM, HOST_WS_PATH, HostServerMessage } from '../../../contract/host-wire.ts';
import { MAX_CALL_BYTES } from '../../../contract/ipc.ts';
import { startService, type ServiceProcess } from '../../../scripts/lib/service-process.ts';
import { startFakeServer, type FakeServer } from '../../unit/electron/fixtures.ts';

const root = mkdtempSync(join(tmpdir(), 'pult-host-test-'));
const rendererDir = join(root, 'renderer');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
writeFileSync(
  join(rendererDir, 'index.html'),
  '<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="pult-host-token" content=""><title>Pult</title>' +
    '<script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>',
);
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("pult");\n');

let host: ServiceProcess;
let central: FakeServer;
let token = '';
let origin = '';

beforeAll(async () => {
  central = await startFakeServer();
  host = await startService({
    name: 'host',
    args: ['electron/host/main.ts', '--port', '0', '--renderer-dir', rendererDir, '--user-data-dir', join(root, 'user'), '--server-url', central.url],
    env: { PULT_HEALTH_INTERVAL_MS: '200', PULT_CONFIG: join(root, 'no-preset.json'), PULT_LOG_LEVEL: 'warn' },
  });
  origin = new URL(host.url).origin;
  const html = await (await fetch(host.url)).text();
  token = /<meta name="pult-host-token" content="([^"]*)">/.exec(html)?.[1] ?? '';
});

afterAll(async () => {
  await host?.stop();
  await central?.close();
  rmSync(root, { recursive: true, force: true });
});

const wsUrl = (t: string | null) => `ws://127.0.0.1:${new URL(host.url).port}${HOST_WS_PATH}${t === null ? '' : `?${HOST_TOKEN_PARAM}=${encodeURIComponent(t)}`}`;

/** Resolves with the socket once open, or with the HTTP status of the refusal. */
function connect(t: string | null, headers: Record<string, string> = { origin }): Promise<{ ws?: WebSocket; status?: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(t), { headers });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.once('error', (e) => reject(e));
  });
}

class Client {
  private nextId = 1;
  private pending = new Map<number, (m: HostServerMessage) => void>();
  readonly events: Array<{ event: string; payload: unknown }> = [];
  readonly orphans: HostServerMessage[] = [];
  readonly ws: WebSocket;
  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      const msg = HostServerMessage.parse(JSON.parse(String(data)));
      if (msg.type === 'event') this.events.push({ event: msg.event, payload: msg.payload });
      else if (this.pending.has(msg.id)) {
        this.pending.get(msg.id)!(msg);
        this.pending.delete(msg.id);
      } else this.orphans.push(msg);
    });
  }
  call(method: string, input: unknown) {
    const id = this.nextId++;
    return this.raw(JSON.stringify({ id, method, input }), id);
  }
  raw(frame: string | Buffer, id: number, binary = false): Promise<Extract<HostServerMessage, { type: 'result' }>['result']> {
    return new Promise((resolve) => {
      this.pending.set(id, (m) => resolve((m as Extract<HostServerMessage, { type: 'result' }>).result));
      this.ws.send(frame, { binary });
    });
  }
  async nextOrphan(): Promise<HostServerMessage> {
    for (let i = 0; i < 200 && this.orphans.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const m = this.orphans.shift();
    if (!m) throw new Error('no answer');
    return m;
  }
}

describe('browser host: the page', () => {
  it('serves index.html with the token meta, CSP and security headers, not cached', async () => {
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`ws://127.0.0.1:${new URL(host.url).port}${HOST_WS_PATH}`);
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('serves assets, client-side routes get the app, escapes and strangers do not', async () => {
    const js = await fetch(`${host.url}assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-security-policy')).toBeTruthy();
    expect(await (await fetch(`${host.url}inbox/42`, { headers: { accept: 'text/html' } })).text()).toContain(token);
    expect([403, 404]).toContain((await fetch(`${host.url}..%2f..%2fetc%2fpasswd`)).status);
    expect((await fetch(`${host.url}nope.js`)).status).toBe(404);
    const rebinding = await new Promise<number>((resolve) => {
      import('node:http').then(({ request }) => {
        request(host.url, { headers: { host: `evil.example:${new URL(host.url).port}` } }, (res) => resolve(res.statusCode ?? 0)).end();
      });
    });
    expect(rebinding).toBe(421);
  });
});

describe('browser host: the WebSocket', () => {
  it('refuses a connection without a token', async () => {
    expect((await connect(null)).status).toBe(401);
  });
  it('refuses a wrong token', async () => {
    expect((await connect('wrong')).status).toBe(401);
    expect((await connect(token.slice(0, -1))).status).toBe(401);
  });
  it('refuses another Origin, or none, even with the right token', async () => {
    expect((await connect(token, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await connect(token, { origin: origin.replace('127.0.0.1', 'localhost') })).status).toBe(403);
    expect((await connect(token, {})).status).toBe(403);
  });

  it('with the right token and Origin: calls and events work end to end', async () => {
    const { ws } = await connect(token);
    const c = new Client(ws!);
    expect(await c.call('app.getInfo', {})).toMatchObject({ ok: true, value: { name: 'Pult', host: 'browser' } });
    expect(await c.call('settings.get', {})).toMatchObject({ ok: true, value: { language: 'ru', serverUrl: central.url } });
    expect(await c.call('config.get', {})).toMatchObject({ ok: true, value: { sources: ['--server-url'] } });
    expect(await c.call('connection.getStatus', {})).toMatchObject({ ok: true, value: { state: 'signed_out' } });
    expect(await c.call('session.login', { serverUrl: central.url, login: 'operator', password: 'wrong' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_credentials' },
    });
    expect(await c.call('session.login', { serverUrl: central.url, login: 'operator', password: 'pult-demo' })).toMatchObject({
      ok: true,
      value: { agent: { login: 'operator' } },
    });
    for (let i = 0; i < 100 && !c.events.some((e) => (e.payload as { state?: string }).state === 'online'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(c.events.map((e) => e.event)).toContain('connection.changed');
    expect(c.events.map((e) => (e.payload as { state: string }).state)).toEqual(['connecting', 'online']);
    expect(await c.call('session.get', {})).toMatchObject({ ok: true, value: { agent: { login: 'operator' } } });
    expect(await c.call('shell.openExternal', { url: 'file:///etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'input.url' } });
    expect(await c.call('session.logout', {})).toEqual({ ok: true, value: { ok: true } });
    expect(await c.call('session.get', {})).toEqual({ ok: true, value: null });
    ws!.close();
  });

  it('answers malformed frames with errors and keeps the connection', async () => {
    const { ws } = await connect(token);
    const c = new Client(ws!);
    ws!.send('not json');
    expect(await c.nextOrphan()).toMatchObject({ id: -1, result: { ok: false, error: { code: 'invalid_input', field: 'frame' } } });
    ws!.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await c.nextOrphan()).toMatchObject({ id: -1, result: { ok: false, error: { code: 'invalid_input' } } });
    ws!.send('[1,2]');
    expect(await c.nextOrphan()).toMatchObject({ id: -1, result: { ok: false, error: { code: 'invalid_input', field: 'frame' } } });
    expect(await c.raw(JSON.stringify({ id: 7, method: 'app.getInfo' }), 7)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await c.raw(JSON.stringify({ id: 8, method: 'app.getInfo', input: {}, extra: 1 }), 8)).toMatchObject({ ok: false, error: { field: 'frame.extra' } });
    expect(await c.raw(JSON.stringify({ id: 9, method: 'x'.repeat(200), input: {} }), 9)).toMatchObject({ ok: false, error: { field: 'frame.method' } });
    expect(await c.call('no.such', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await c.call('settings.update', JSON.parse('{"__proto__":{"x":1}}'))).toMatchObject({ ok: false, error: { field: 'input.__proto__' } });
    expect(await c.call('settings.update', { language: 'de' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'input.language' } });
    const huge = JSON.stringify({ id: 10, method: 'settings.update', input: { theme: 'x'.repeat(MAX_CALL_BYTES * 2) } });
    expect(await c.raw(huge, 10)).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    const tenMb = JSON.stringify({ id: 11, method: 'app.getInfo', input: { a: 'я'.repeat(5 * 1024 * 1024) } });
    expect(await c.raw(tenMb, 11)).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(ws!.readyState).toBe(WebSocket.OPEN);
    expect(await c.call('app.getInfo', {})).toMatchObject({ ok: true });
    ws!.close();
    expect(host.child.exitCode).toBeNull();
  });
});
