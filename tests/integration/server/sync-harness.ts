// A server on its own test database for the sync suite: any SeedData (the fixtures by default),
// a pool size for concurrent writers, sign-in by login, and pull/push helpers that check every
// answer against the contract.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import {
  API,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  PullResponse,
  PushResponse,
  SYNC_API,
  SYNC_PROTOCOL_VERSION,
  type PushRequest,
} from '../../../contract/index.ts';
import { buildApp } from '../../../server/src/app.ts';
import { insertSeedData } from '../../../server/src/seed/insert.ts';
import type { SeedData } from '../../../server/src/seed/seed-data.ts';
import { fixtureData, PASSWORD } from './fixtures.ts';
import { TEST_SCRYPT } from './harness.ts';
import type { SyncReplica } from './sync-replica.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

export interface SyncHarness {
  app: FastifyInstance;
  database: TestDatabase;
  post(url: string, token: string | null, body: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  token(login: string): Promise<string>;
  /** One page; fails the test unless it is a 200 matching PullResponse. */
  pull(token: string, after: string, limit?: number): Promise<PullResponse>;
  /** Pages until hasMore is false, into the replica. */
  drain(token: string, replica: SyncReplica, limit?: number): Promise<number>;
  push(token: string, body: Omit<PushRequest, 'protocol'>): Promise<PushResponse>;
  close(): Promise<void>;
}

export async function startSyncHarness(opts: { data?: SeedData; poolSize?: number; now?: Date } = {}): Promise<SyncHarness> {
  const database = await createTestDatabase({ poolSize: opts.poolSize });
  await insertSeedData(database.db, opts.data ?? fixtureData(), { scrypt: TEST_SCRYPT, now: opts.now });
  const app = await buildApp({ database, log: { level: 'silent' } });
  const tokens = new Map<string, string>();
  const h: SyncHarness = {
    app,
    database,
    post: (url, token, body, headers = {}) =>
      app.inject({
        method: 'POST',
        url,
        headers: {
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          // A string is sent as it is (truncated JSON and the like).
          ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        payload: typeof body === 'string' ? body : (body as object),
      }),
    async token(login) {
      const cached = tokens.get(login);
      if (cached) return cached;
      const r = await h.post(API.login, null, { login, password: PASSWORD });
      if (r.statusCode !== 200) throw new Error(`login as ${login}: ${r.statusCode} ${r.body}`);
      const token = (r.json() as { token: string }).token;
      tokens.set(login, token);
      return token;
    },
    async pull(token, after, limit) {
      const r = await h.post(SYNC_API.pull, token, { protocol: SYNC_PROTOCOL_VERSION, after, ...(limit ? { limit } : {}) });
      expect(r.statusCode, r.body).toBe(200);
      return PullResponse.parse(r.json());
    },
    async drain(token, replica, limit) {
      let pages = 0;
      for (;;) {
        const page = await h.pull(token, replica.cursor, limit);
        replica.apply(page);
        pages++;
        if (!page.hasMore) return pages;
      }
    },
    async push(token, body) {
      const r = await h.post(SYNC_API.push, token, { protocol: SYNC_PROTOCOL_VERSION, ...body });
      expect(r.statusCode, r.body).toBe(200);
      return PushResponse.parse(r.json());
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
  return h;
}
