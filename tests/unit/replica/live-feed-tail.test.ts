// The server's in-memory feed tail (server/src/sync/feed-tail.ts), which answers the pulls a poke
// sets off: within it, every page equals the database's for every agent, cursor and limit; it
// refuses cursors outside it and, until it has read them, every cursor once a commit is known; a
// read names whose feed changed. On embedded PGlite, like the server's own sync suite's default.
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../server/src/db/migrate.ts';
import { openDatabase, type Database } from '../../../server/src/db/open-database.ts';
import type { DB } from '../../../server/src/db/schema.ts';
import { generateSeedData } from '../../../server/src/seed/generate.ts';
import { insertSeedData } from '../../../server/src/seed/insert.ts';
import { createFeedTail, type FeedTail } from '../../../server/src/sync/feed-tail.ts';
import { pullPage } from '../../../server/src/sync/pull.ts';
import { recordChanges } from '../../../server/src/sync/record-changes.ts';
import { withSyncedTransaction } from '../../../server/src/sync/synced-transaction.ts';

const NOW = new Date('2026-11-01T09:00:00Z');
let database: Database;
let db: Kysely<DB>;
const tails: FeedTail[] = [];

beforeAll(async () => {
  database = await openDatabase();
  db = database.db;
  await migrateToLatest(db);
  await insertSeedData(db, generateSeedData({ seed: 3, customers: 60, now: NOW }), { scrypt: { N: 1024, r: 8, p: 1 }, now: NOW });
}, 120_000);
afterAll(async () => {
  for (const t of tails) t.stop();
  await database.close();
});

/** A tail at the feed's current end (its first read finds it). */
async function startedTail(): Promise<FeedTail> {
  const tail = createFeedTail(db);
  tails.push(tail);
  tail.start();
  expect(await tail.refresh()).toEqual({ top: await head(), audiences: 'all' });
  return tail;
}

const head = async () => (await sql<{ v: string }>`select coalesce(max(version), 0)::text as v from sync_feed`.execute(db)).rows[0]!.v;

/** Customers held by agents (scoped rows), and the agents holding each. */
async function heldCustomers(): Promise<Array<{ id: string; agents: string[] }>> {
  const r = await sql<{ id: string; agents: string[] }>`
    select entity_id as id, array_agg(audience::text order by audience) as agents from sync_feed
     where entity = 'customer' and audience is not null and op = 'upsert' group by entity_id order by entity_id limit 3`.execute(db);
  return r.rows;
}

async function renameTariff(id: string, name: string): Promise<void> {
  await withSyncedTransaction(db, async (trx) => {
    await trx.updateTable('tariffs').set({ name }).where('id', '=', id).execute();
    await recordChanges(trx, 'tariff', [id]);
  });
}

async function setBalance(id: string, balance: number): Promise<void> {
  await withSyncedTransaction(db, async (trx) => {
    await trx.updateTable('customers').set({ balance }).where('id', '=', id).execute();
    await recordChanges(trx, 'customer', [id]);
  });
}

describe('feed tail', () => {
  it('answers exactly what the database would, for every agent, cursor and limit within it', async () => {
    const tail = await startedTail();
    const base = BigInt(await head());
    const tariffs = (await db.selectFrom('tariffs').select('id').orderBy('id').execute()).map((t) => t.id);
    const customers = await heldCustomers();
    // Global and scoped rows, and rows changed twice (the older copy must not be served).
    for (let i = 0; i < 12; i++) {
      await renameTariff(tariffs[i % 2]!, `Тариф ${i}`);
      await setBalance(customers[i % customers.length]!.id, 1000 + i);
    }
    await tail.refresh();
    const top = BigInt(await head());
    const agents = [...new Set(customers.flatMap((c) => c.agents))].slice(0, 3);
    agents.push((await db.selectFrom('agents').select('id').where('role', '=', 'supervisor').executeTakeFirstOrThrow()).id);
    for (const agent of agents) {
      for (let after = base; after <= top; after += 3n) {
        for (const limit of [1, 4, 500]) {
          expect(tail.page(agent, String(after), limit), `${agent} after ${after} limit ${limit}`).toEqual(await pullPage(db, agent, String(after), limit));
        }
      }
    }
  });

  it('refuses cursors outside it, and every cursor between a commit and the read that brings it', async () => {
    const tail = await startedTail();
    const top = await head();
    const [tariff] = (await db.selectFrom('tariffs').select('id').orderBy('id').limit(1).execute()).map((t) => t.id);
    const agent = (await db.selectFrom('agents').select('id').executeTakeFirstOrThrow()).id;
    expect(tail.page(agent, top, 500)).toEqual({ changes: [], next: top, hasMore: false, remaining: 0 });
    expect(tail.page(agent, String(BigInt(top) - 1n), 500)).toBeNull(); // below where it started
    expect(tail.page(agent, String(BigInt(top) + 1n), 500)).toBeNull(); // above what it has read
    // The writer tells the tail of its commit at once: a pull right after the write must see it.
    await renameTariff(tariff!, 'Тариф после записи');
    expect(tail.page(agent, top, 500)).toBeNull();
    expect((await pullPage(db, agent, top, 500)).changes.map((c) => c.entity)).toEqual(['tariff']);
    await tail.refresh();
    expect(tail.page(agent, top, 500)).toEqual(await pullPage(db, agent, top, 500));
  });

  it('names whose feed changed: everyone for a global row, the holders for a scoped one', async () => {
    const tail = await startedTail();
    const [customer] = await heldCustomers();
    await setBalance(customer!.id, 424242);
    expect(await tail.refresh()).toMatchObject({ top: await head(), audiences: new Set(customer!.agents) });
    const [tariff] = (await db.selectFrom('tariffs').select('id').orderBy('id').limit(1).execute()).map((t) => t.id);
    await renameTariff(tariff!, 'Тариф для всех');
    expect(await tail.refresh()).toMatchObject({ audiences: 'all' });
    expect(await tail.refresh()).toMatchObject({ audiences: new Set() }); // nothing new
  });
});
