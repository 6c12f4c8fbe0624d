// Sign-in: tokens, sessions that expire, the protocol check, the rate limit and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, HealthResponse, LoginResponse, MeResponse, PROTOCOL_HEADER, ServerErrorBody } from '../../../contract/index.ts';
import { hashPassword, verifyPassword } from '../../../server/src/auth/password.ts';
import { hashToken } from '../../../server/src/auth/tokens.ts';
import { AGENT_IDS, LOGINS, PASSWORD } from './fixtures.ts';
import { startHarness, type Harness } from './harness.ts';
import { testDbKind } from './test-db.ts';

const HOUR = 3_600_000;
let clock = Date.parse('2025-03-01T10:00:00Z');
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ now: () => new Date(clock), settings: { sessionTtlMs: 12 * HOUR } });
});
afterAll(async () => {
  await h?.close();
});

const code = (r: { json(): unknown }) => ServerErrorBody.parse(r.json()).error.code;

describe('health', () => {
  it('states version, protocol range and database kind', async () => {
    const r = await h.app.inject({ url: API.health });
    const body = HealthResponse.parse(r.json());
    expect(body.database).toBe(testDbKind());
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.protocol.min).toBeLessThanOrEqual(body.protocol.max);
  });
});

describe('login', () => {
  it('returns a token, its expiry and the agent with site; stores only the token hash', async () => {
    const r = await h.login(LOGINS.operator);
    expect(r.statusCode).toBe(200);
    const body = LoginResponse.parse(r.json());
    expect(body.agent).toMatchObject({ id: AGENT_IDS.operator, role: 'operator', site: { id: 'msk' } });
    expect(body.agent).not.toHaveProperty('passwordHash');
    expect(Date.parse(body.expiresAt)).toBe(clock + 12 * HOUR);
    const rows = await h.database.db.selectFrom('sessions').selectAll().where('agent_id', '=', AGENT_IDS.operator).execute();
    expect(rows.some((s) => s.token_hash === hashToken(body.token))).toBe(true);
    expect(rows.some((s) => s.token_hash === body.token)).toBe(false);
  });

  it('is case-insensitive in the login', async () => {
    expect((await h.login('SuperVisor')).statusCode).toBe(200);
  });

  it('refuses a wrong password and an unknown login alike (401 wrong_credentials)', async () => {
    const wrong = await h.login(LOGINS.admin, 'not the password');
    const unknown = await h.login('nobody-here');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect([code(wrong), code(unknown)]).toEqual(['wrong_credentials', 'wrong_credentials']);
    expect(ServerErrorBody.parse(wrong.json()).error.message).toBe(ServerErrorBody.parse(unknown.json()).error.message);
  });

  it('names the field of invalid input', async () => {
    const r = await h.request({ method: 'POST', url: API.login, body: { login: 'x' } });
    expect(r.statusCode).toBe(400);
    expect(ServerErrorBody.parse(r.json()).error).toMatchObject({ code: 'invalid_input', field: 'password' });
    const extra = await h.request({ method: 'POST', url: API.login, body: { login: 'x', password: 'y', admin: true } });
    expect(ServerErrorBody.parse(extra.json()).error).toMatchObject({ code: 'invalid_input', field: 'admin' });
  });

  it('refuses malformed JSON with invalid_input', async () => {
    const r = await h.request({ method: 'POST', url: API.login, body: '{"login":', headers: { 'content-type': 'application/json' } });
    expect(r.statusCode).toBe(400);
    expect(code(r)).toBe('invalid_input');
  });

  it('rate-limits attempts per IP and login: the 6th within a minute gets 429 rate_limited', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await h.login('quality', 'wrong')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await h.login('quality', PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(code(limited)).toBe('rate_limited');
    expect(limited.headers['retry-after']).toBeDefined();
    // Another login from the same address is not affected.
    expect((await h.login(LOGINS.personal_manager)).statusCode).toBe(200);
  });
});

describe('protocol header', () => {
  it('refuses a client without x-pult-protocol or with an unsupported version (426 incompatible_client)', async () => {
    for (const value of [undefined, '0', '999', 'abc']) {
      const r = await h.app.inject({
        method: 'POST', url: API.login, payload: { login: LOGINS.operator, password: PASSWORD },
        headers: value === undefined ? {} : { [PROTOCOL_HEADER]: value },
      });
      expect(r.statusCode, String(value)).toBe(426);
      expect(code(r)).toBe('incompatible_client');
    }
  });
});

describe('sessions', () => {
  it('me answers until the session expires, then 401', async () => {
    const { token } = LoginResponse.parse((await h.login(LOGINS.admin)).json());
    const me = await h.request({ url: API.me, token });
    expect(MeResponse.parse(me.json()).agent.role).toBe('admin');
    clock += 12 * HOUR - 1000;
    expect((await h.request({ url: API.me, token })).statusCode).toBe(200);
    clock += 2000;
    const expired = await h.request({ url: API.me, token });
    expect(expired.statusCode).toBe(401);
    expect(code(expired)).toBe('not_authenticated');
  });
});

describe('audit of sign-ins', () => {
  it('records successful and failed logins and logouts without passwords', async () => {
    const { token } = LoginResponse.parse((await h.login('operator')).json());
    await h.login('operator', 'bad password 123');
    await h.request({ method: 'POST', url: API.logout, token });
    const rows = await h.database.db.selectFrom('audit_log').selectAll().where('actor_login', '=', 'operator').orderBy('id').execute();
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['login_succeeded', 'login_failed', 'logout']));
    expect(JSON.stringify(rows)).not.toContain('bad password 123');
    const unknown = await h.database.db.selectFrom('audit_log').selectAll().where('actor_login', '=', 'nobody-here').execute();
    expect(unknown[0]).toMatchObject({ action: 'login_failed', actor_agent_id: null });
  });
});

describe('password hashes', () => {
  it('are salted scrypt with their parameters, verified in constant time', async () => {
    const a = await hashPassword('пароль', { N: 1024, r: 8, p: 1 });
    const b = await hashPassword('пароль', { N: 1024, r: 8, p: 1 });
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('пароль', a)).toBe(true);
    expect(await verifyPassword('Пароль', a)).toBe(false);
    expect(await verifyPassword('пароль', 'garbage')).toBe(false);
  });
});
