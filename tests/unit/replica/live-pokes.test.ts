// The server's live fan-out (routes/sync-live.ts with sync/feed-tail.ts and the pull route's batched
// sign-in check, sync/session-batch.ts), over a real socket on embedded PGlite: a change in one
// operator's scope pokes that operator's sockets only, a change for everyone pokes everyone; a
// pull right after a write sees it; many pulls at once are each answered for their own session, and
// a bad token among them is refused without failing the others.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { API, PROTOCOL_HEADER, PROTOCOL_VERSION, SYNC_API, SYNC_PROTOCOL_VERSION, type PullResponse } from '../../../contract/index.ts';
import { buildApp } from '../../../server/src/app.ts';
import { migrateToLatest } from '../../../server/src/db/migrate.ts';
import { openDatabase, type Database } from '../../../server/src/db/open-database.ts';
import { DEMO_PASSWORD, generateSeedData } from '../../../server/src/seed/generate.ts';
import { insertSeedData } from '../../../server/src/seed/insert.ts';
import { recordChanges } from '../../../server/src/sync/record-changes.ts';
import { withSyncedTransaction } from '../../../server/src/sync/synced-transaction.ts';
import { waitFor } from './helpers.ts';

const NOW = new Date('2026-11-01T09:00:00Z');
const headers = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
let database: Database;
let app: FastifyInstance;
let wsUrl: string;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  database = await openDatabase();
  await migrateToLatest(database.db);
  await insertSeedData(database.db, generateSeedData({ seed: 5, customers: 80, now: NOW }), { scrypt: { N: 1024, r: 8, p: 1 }, now: NOW });
  app = await buildApp({ database, log: { level: 'silent' }, settings: { loginMaxAttempts: 10_000 } });
  wsUrl = `${(await app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws')}${SYNC_API.live}`;
}, 120_000);
afterAll(async () => {
  for (const ws of sockets) ws.terminate();
  await app?.close();
  await database?.close();
});

async function signIn(login: string): Promise<{ token: string; agentId: string }> {
  const r = await app.inject({ method: 'POST', url: API.login, headers, payload: { login, password: DEMO_PASSWORD } });
  expect(r.statusCode, r.body).toBe(200);
  const { token, agent } = r.json() as { token: string; agent: { id: string } };
  return { token, agentId: agent.id };
}

function listen(token: string): Promise<{ frames: unknown[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { headers: { ...headers, authorization: `Bearer ${token}` } });
    sockets.push(ws);
    const frames: unknown[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(String(d))));
    ws.once('open', () => resolve({ frames }));
    ws.once('error', reject);
  });
}

const pull = (token: string, after: string) =>
  app.inject({ method: 'POST', url: SYNC_API.pull, headers: { ...headers, authorization: `Bearer ${token}` }, payload: { protocol: SYNC_PROTOCOL_VERSION, after, limit: 500 } });

const head = async () => (await sql<{ v: string }>`select coalesce(max(version), 0)::text as v from sync_feed`.execute(database.db)).rows[0]!.v;

async function write(entity: 'tariff' | 'customer', id: string, n: number): Promise<void> {
  await withSyncedTransaction(database.db, async (trx) => {
    if (entity === 'tariff') await trx.updateTable('tariffs').set({ name: `Тариф ${n}` }).where('id', '=', id).execute();
    else await trx.updateTable('customers').set({ balance: n }).where('id', '=', id).execute();
    await recordChanges(trx, entity, [id]);
  });
}

describe('live fan-out', () => {
  it('pokes only the sockets of agents whose feed changed; everyone for a change for everyone', async () => {
    // A customer some agent holds; a supervisor holds nothing scoped.
    const held = (
      await sql<{ id: string; login: string }>`select f.entity_id as id, a.login from sync_feed f join agents a on a.id = f.audience
        where f.entity = 'customer' and f.op = 'upsert' order by f.entity_id limit 1`.execute(database.db)
    ).rows[0]!;
    const customer = held.id;
    const operator = await signIn(held.login);
    const supervisor = await signIn('supervisor');
    const tariff = (await database.db.selectFrom('tariffs').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const op = await listen(operator.token);
    const sup = await listen(supervisor.token);
    // The first change after the server starts pokes everyone: the tail's first read only finds the feed's end.
    await write('tariff', tariff, 1);
    await waitFor(() => op.frames.length === 1 && sup.frames.length === 1, 5000, 'a first poke for both');
    await write('customer', customer, 777_001);
    await waitFor(() => op.frames.length === 2, 5000, 'a poke for the operator');
    await new Promise((r) => setTimeout(r, 300));
    expect(sup.frames).toHaveLength(1);
    await write('tariff', tariff, 2);
    await waitFor(() => op.frames.length === 3 && sup.frames.length === 2, 5000, 'a poke for both');
    expect(sup.frames[1]).toEqual({ type: 'poke', version: await head() });
  });

  it('a pull right after a write sees it, every time', async () => {
    const { token } = await signIn('manager');
    const tariff = (await database.db.selectFrom('tariffs').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    for (let i = 0; i < 10; i++) {
      const before = await head();
      await write('tariff', tariff, 100 + i);
      const page = (await pull(token, before)).json() as PullResponse;
      expect(page.changes.map((c) => [c.entity, c.op === 'upsert' ? (c.data as { name: string }).name : null])).toEqual([['tariff', `Тариф ${100 + i}`]]);
    }
  });

  it('pulls at once: each answered for its own session, a bad token refused alone', async () => {
    const logins = (await database.db.selectFrom('agents').select('login').orderBy('login').execute()).map((a) => a.login);
    const sessions = await Promise.all(logins.slice(0, 30).map(signIn));
    const before = await head();
    const tariff = (await database.db.selectFrom('tariffs').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    await write('tariff', tariff, 3);
    const bad = randomUUID().replaceAll('-', '').repeat(2);
    const answers = await Promise.all([...sessions.map((s) => pull(s.token, before)), pull(bad, before), ...sessions.map((s) => pull(s.token, before))]);
    expect(answers.map((a) => a.statusCode)).toEqual([...sessions.map(() => 200), 401, ...sessions.map(() => 200)]);
    for (const a of answers.filter((x) => x.statusCode === 200)) expect((a.json() as PullResponse).changes.map((c) => c.entity)).toEqual(['tariff']);
    expect(answers[sessions.length]!.json()).toMatchObject({ error: { code: 'not_authenticated' } });
  });
});
