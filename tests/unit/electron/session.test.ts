// Signing in against a fake central server (node:http on a loopback port): protocol check, error
// mapping, token in the SecretStore, restore after restart, logout, timeouts.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createServerClient } from '../../../electron/services/session/server-client.ts';
import { createSessionService } from '../../../electron/services/session/session-service.ts';
import { memorySecretStore, type SecretStore } from '../../../electron/services/session/secret-store.ts';
import { silentLog } from '../../../electron/services/log.ts';
import { ServiceError } from '../../../electron/services/errors.ts';
import { AGENT, TOKEN, defaultHandler, healthBody, json, startFakeServer, type FakeServer } from './fixtures.ts';

const server: FakeServer = await startFakeServer();
afterAll(() => server.close());
beforeEach(() => {
  server.handler = defaultHandler;
  server.requests.length = 0;
});

function setup(secrets: SecretStore = memorySecretStore(), timeoutMs = 2000) {
  const events: Array<[string, unknown]> = [];
  const remembered: string[] = [];
  const session = createSessionService({
    client: createServerClient({ timeoutMs }),
    secrets,
    emit: (e, p) => void events.push([e, p]),
    log: silentLog,
    rememberServer: async (u) => void remembered.push(u),
  });
  return { session, secrets, events, remembered };
}

const creds = () => ({ serverUrl: server.url, login: 'operator', password: 'pult-demo' });

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ServiceError);
    return (e as ServiceError).code;
  }
  throw new Error('expected a ServiceError');
}

describe('session service', () => {
  it('signs in: health first, protocol header, token kept in the SecretStore, server remembered', async () => {
    const { session, secrets, remembered } = setup();
    const info = await session.login(creds());
    expect(info).toMatchObject({ serverUrl: server.url, serverVersion: '1.2.3', agent: AGENT });
    expect(server.requests.map((r) => r.url)).toEqual(['/api/health', '/api/auth/login']);
    expect(server.requests[1]!.headers['x-pult-protocol']).toBe('1');
    expect(JSON.parse(server.requests[1]!.body)).toEqual({ login: 'operator', password: 'pult-demo' });
    expect(await secrets.get('session')).toContain(TOKEN);
    expect(await session.get()).toEqual(info);
    expect(session.current()?.token).toBe(TOKEN);
    expect(remembered).toEqual([server.url]);
  });

  it('works with a server under a path prefix', async () => {
    server.handler = (req, body, res) => {
      req.url = req.url?.replace(/^\/pult/, '');
      defaultHandler(req, body, res);
    };
    const { session } = setup();
    await session.login({ ...creds(), serverUrl: `${server.url}/pult/` });
    expect(server.requests[0]!.url).toBe('/pult/api/health');
  });

  it('maps 401 to wrong_credentials and 429 to rate_limited', async () => {
    const { session } = setup();
    expect(await codeOf(session.login({ ...creds(), password: 'nope' }))).toBe('wrong_credentials');
    server.handler = (req, body, res) =>
      req.url === '/api/auth/login' ? json(res, 429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': '30' }) : defaultHandler(req, body, res);
    const err = await session.login(creds()).catch((e: ServiceError) => e);
    expect(err).toMatchObject({ code: 'rate_limited' });
    expect((err as Error).message).toContain('30');
    expect(await session.get()).toBeNull();
  });

  it('a server outside our protocol range, or not a Pult server, is incompatible_server', async () => {
    const { session } = setup();
    server.handler = (req, body, res) => (req.url === '/api/health' ? json(res, 200, healthBody({ min: 2, max: 3 })) : defaultHandler(req, body, res));
    expect(await codeOf(session.login(creds()))).toBe('incompatible_server');
    server.handler = (req, body, res) => (req.url === '/api/health' ? json(res, 200, { hello: 'world' }) : defaultHandler(req, body, res));
    expect(await codeOf(session.login(creds()))).toBe('incompatible_server');
    server.handler = (req, body, res) =>
      req.url === '/api/auth/login' ? json(res, 426, { error: { code: 'incompatible_client', message: 'Update Pult.' } }) : defaultHandler(req, body, res);
    expect(await codeOf(session.login(creds()))).toBe('incompatible_server');
    server.requests.length = 0;
    server.handler = (_req, _body, res) => json(res, 404, {});
    expect(await codeOf(session.login(creds()))).toBe('incompatible_server');
    expect(server.requests.some((r) => r.url === '/api/auth/login')).toBe(false);
  });

  it('a closed port or a server that never answers is server_unreachable (with a timeout)', async () => {
    const { session } = setup(memorySecretStore(), 300);
    expect(await codeOf(session.login({ ...creds(), serverUrl: 'http://127.0.0.1:1' }))).toBe('server_unreachable');
    server.handler = () => {}; // never answers
    const started = Date.now();
    const err = await session.login(creds()).catch((e: ServiceError) => e);
    expect(err).toMatchObject({ code: 'server_unreachable' });
    expect((err as Error).message).toMatch(/within/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a 400 naming a field becomes invalid_input naming input.<field>', async () => {
    server.handler = (req, body, res) =>
      req.url === '/api/auth/login' ? json(res, 400, { error: { code: 'invalid_input', message: 'too long', field: 'login' } }) : defaultHandler(req, body, res);
    const err = await setup().session.login(creds()).catch((e: ServiceError) => e);
    expect(err).toMatchObject({ code: 'invalid_input', field: 'input.login' });
  });

  it('logout forgets the token, tells the server, emits session.ended', async () => {
    const { session, secrets, events } = setup();
    await session.login(creds());
    expect(await session.logout()).toEqual({ ok: true });
    expect(await secrets.get('session')).toBeNull();
    expect(await session.get()).toBeNull();
    const logout = server.requests.find((r) => r.url === '/api/auth/logout');
    expect(logout?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(events).toContainEqual(['session.ended', { reason: 'logout' }]);
    expect(await session.logout()).toEqual({ ok: true }); // idempotent
  });

  it('logout while the server is down still signs out locally', async () => {
    const { session, secrets } = setup(memorySecretStore(), 300);
    await session.login(creds());
    server.handler = () => {};
    expect(await session.logout()).toEqual({ ok: true });
    expect(await secrets.get('session')).toBeNull();
  });

  it('restores a stored session after a restart: checked with /me, kept offline, dropped on 401', async () => {
    const secrets = memorySecretStore();
    await setup(secrets).session.login(creds());

    const restarted = setup(secrets);
    expect((await restarted.session.get())?.agent.login).toBe('operator');
    expect(server.requests.some((r) => r.url === '/api/auth/me')).toBe(true);

    server.handler = () => {}; // offline: keep the session
    expect((await setup(secrets, 300).session.get())?.agent.login).toBe('operator');

    server.handler = (_req, _body, res) => json(res, 401, { error: { code: 'not_authenticated', message: 'expired' } });
    expect(await setup(secrets).session.get()).toBeNull();
    expect(await secrets.get('session')).toBeNull();
  });

  it('ignores a garbled stored session', async () => {
    const secrets = memorySecretStore();
    await secrets.set('session', '{not json');
    expect(await setup(secrets).session.get()).toBeNull();
    expect(await secrets.get('session')).toBeNull();
  });

  it('an expired session ends with session.ended expired', async () => {
    const secrets = memorySecretStore();
    const past = new Date(Date.now() - 1000).toISOString();
    server.handler = (req, body, res) =>
      req.url === '/api/auth/login' ? json(res, 200, { token: TOKEN, expiresAt: past, agent: AGENT }) : defaultHandler(req, body, res);
    const { session, events } = setup(secrets);
    await session.login(creds());
    expect(await session.get()).toBeNull();
    expect(events).toContainEqual(['session.ended', { reason: 'expired' }]);
  });
});
