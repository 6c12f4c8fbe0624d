// Builds the server on a test database with the fixture data, and signs in as each role.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, API, type Role } from '../../../contract/index.ts';
import { buildApp, type BuildOptions } from '../../../server/src/app.ts';
import { insertSeedData } from '../../../server/src/seed/insert.ts';
import { fixtureData, LOGINS, PASSWORD } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/** Cheap scrypt for fixtures: the suite signs in often; production hashes use the default cost. */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 };

export interface Harness {
  app: FastifyInstance;
  database: TestDatabase;
  request(opts: { method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  login(login: string, password?: string): Promise<LightMyRequestResponse>;
  tokenFor(role: Role): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(opts: Omit<BuildOptions, 'database'> = {}): Promise<Harness> {
  const database = await createTestDatabase();
  await insertSeedData(database.db, fixtureData(), { scrypt: TEST_SCRYPT });
  const app = await buildApp({ database, log: { level: 'silent' }, ...opts });
  const tokens = new Map<Role, string>();
  const h: Harness = {
    app,
    database,
    request: ({ method = 'GET', url, token, body, headers }) =>
      app.inject({
        method,
        url,
        headers: {
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
    login: (login, password = PASSWORD) => h.request({ method: 'POST', url: API.login, body: { login, password } }),
    async tokenFor(role) {
      const cached = tokens.get(role);
      if (cached) return cached;
      const r = await h.login(LOGINS[role]);
      if (r.statusCode !== 200) throw new Error(`login as ${role}: ${r.statusCode} ${r.body}`);
      const token = (r.json() as { token: string }).token;
      tokens.set(role, token);
      return token;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
  return h;
}
