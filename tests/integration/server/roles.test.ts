// Every route, every role: who is let in and who is refused (403 forbidden), and nobody without
// signing in (401 not_authenticated).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, apiPath, ROLES, ServerErrorBody, type Role } from '../../../contract/index.ts';
import { ARTICLE_ID, CUSTOMER_IDS } from './fixtures.ts';
import { startHarness, type Harness } from './harness.ts';

interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  body?: unknown;
  allowed: readonly Role[];
}

const everyone = ROLES;
const routes: RouteCase[] = [
  { name: 'me', method: 'GET', url: API.me, allowed: everyone },
  { name: 'customer search', method: 'GET', url: `${API.customers}?q=${encodeURIComponent('Иванова')}`, allowed: ['operator', 'personal_manager', 'supervisor'] },
  { name: 'customer get', method: 'GET', url: apiPath(API.customer, { id: CUSTOMER_IDS.ivanova }), allowed: ['operator', 'personal_manager', 'supervisor'] },
  {
    name: 'customer patch', method: 'PATCH', url: apiPath(API.customer, { id: CUSTOMER_IDS.ivanova }),
    body: { emails: ['alena@example.ru'] }, allowed: ['operator', 'personal_manager', 'supervisor'],
  },
  { name: 'agents list', method: 'GET', url: API.agents, allowed: ['supervisor', 'admin'] },
  { name: 'articles list', method: 'GET', url: API.articles, allowed: everyone },
  { name: 'article get', method: 'GET', url: apiPath(API.article, { id: ARTICLE_ID }), allowed: everyone },
  { name: 'audit log', method: 'GET', url: API.audit, allowed: ['admin', 'quality_manager'] },
];

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe.each(routes)('$method $name', (route) => {
  it.each(ROLES.map((role) => [role, route.allowed.includes(role)] as const))('%s allowed: %s', async (role, allowed) => {
    const r = await h.request({ method: route.method, url: route.url, body: route.body, token: await h.tokenFor(role) });
    if (allowed) {
      expect(r.statusCode, r.body).toBe(200);
    } else {
      expect(r.statusCode, r.body).toBe(403);
      expect(ServerErrorBody.parse(r.json()).error.code).toBe('forbidden');
    }
  });

  it('refuses a request without a token', async () => {
    const r = await h.request({ method: route.method, url: route.url, body: route.body });
    expect(r.statusCode).toBe(401);
    expect(ServerErrorBody.parse(r.json()).error.code).toBe('not_authenticated');
  });

  it('refuses a made-up token', async () => {
    const r = await h.request({ method: route.method, url: route.url, body: route.body, token: 'x'.repeat(43) });
    expect(r.statusCode).toBe(401);
  });
});

describe('logout', () => {
  it.each(ROLES)('%s can sign out, and the token stops working', async (role) => {
    const login = await h.login((await import('./fixtures.ts')).LOGINS[role]);
    const { token } = login.json() as { token: string };
    expect((await h.request({ method: 'POST', url: API.logout, token })).statusCode).toBe(200);
    expect((await h.request({ url: API.me, token })).statusCode).toBe(401);
  });

  it('refuses without a token', async () => {
    expect((await h.request({ method: 'POST', url: API.logout })).statusCode).toBe(401);
  });
});

describe('health', () => {
  it('answers without signing in or a protocol header', async () => {
    const r = await h.app.inject({ method: 'GET', url: API.health });
    expect(r.statusCode).toBe(200);
  });
});
