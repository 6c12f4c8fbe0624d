// The database layer on both engines: migrations, the PGlite connection mutex, seed inserts.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../server/src/db/migrate.ts';
import { insertSeedData, isDatabaseEmpty, wipeData } from '../../../server/src/seed/insert.ts';
import type { SeedData } from '../../../server/src/seed/seed-data.ts';
import { fixtureData } from './fixtures.ts';
import { TEST_SCRYPT } from './harness.ts';
import { createEmptyTestDatabase, type TestDatabase } from './test-db.ts';

let database: TestDatabase | null = null;
afterEach(async () => {
  await database?.close();
  database = null;
});

async function fresh(): Promise<TestDatabase> {
  database = await createEmptyTestDatabase();
  return database;
}

/** The fixture with `n` generated customers, enough to need several INSERT batches. */
function withManyCustomers(n: number): SeedData {
  const data = fixtureData();
  const template = data.customers[2]!;
  for (let i = 0; i < n; i++) {
    const hex = i.toString(16).padStart(12, '0');
    data.customers.push({
      ...template,
      id: `70000000-0000-4000-8000-${hex}`,
      accountNumber: String(50_000_000 + i),
      fullName: `Клиентов Клиент ${i}`,
      phones: [`+7916${String(1_000_000 + i).slice(-7)}`],
    });
  }
  return data;
}

describe('database', () => {
  it('migrates an empty database, and a second run applies nothing', async () => {
    const { db } = await fresh();
    expect(await migrateToLatest(db)).toEqual(['0001-initial', '0002-sync', '0003-troubleshooting-scripts', '0004-article-versions', '0005-kb-images', '0006-promotions-wrap-up', '0007-calls-wrap-up-tasks-states', '0008-connection-requests', '0009-inbox', '0010-email', '0011-canned-responses', '0012-teams-sla']);
    expect(await migrateToLatest(db)).toEqual([]);
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining([
      'agents', 'audit_log', 'calls', 'conversations', 'customer_extra_services', 'customers', 'extra_services',
      'kb_articles', 'kb_article_versions', 'kb_images', 'messages', 'payments', 'promotions', 'sessions', 'sites', 'tariffs', 'wrap_up_codes', 'tasks', 'agent_state_changes', 'connection_requests', 'canned_responses',
    ]));
  });

  it('a query from outside never runs inside another request\'s transaction', async () => {
    const { db } = await fresh();
    await migrateToLatest(db);
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const tx = db.transaction().execute(async (trx) => {
      await trx.insertInto('sites').values({ id: 'a', name: 'A', timezone: 'Europe/Moscow' }).execute();
      inside();
      await new Promise((r) => setTimeout(r, 100));
      throw new Error('roll back');
    });
    await entered;
    // Issued while the transaction is open; must not be rolled back with it.
    const outside = db.insertInto('sites').values({ id: 'b', name: 'B', timezone: 'Europe/Moscow' }).execute();
    await expect(tx).rejects.toThrow('roll back');
    await outside;
    const ids = (await db.selectFrom('sites').select('id').execute()).map((r) => r.id);
    expect(ids).toEqual(['b']);
  });

  it('inserts a seed in batches, in one transaction, and wipes it', async () => {
    const { db } = await fresh();
    await migrateToLatest(db);
    expect(await isDatabaseEmpty(db)).toBe(true);
    const counts = await insertSeedData(db, withManyCustomers(4000), { scrypt: TEST_SCRYPT });
    expect(counts).toMatchObject({ agents: 6, customers: 4003, articles: 2, payments: 1 });
    expect(await isDatabaseEmpty(db)).toBe(false);
    const hash = await db.selectFrom('agents').select('password_hash').limit(1).executeTakeFirstOrThrow();
    expect(hash.password_hash).toMatch(/^scrypt\$/);
    const found = await db.selectFrom('customers').select('id').where('phones', '@>', sql<string[]>`array['+79161003999']::text[]`).execute();
    expect(found).toHaveLength(1);
    await wipeData(db);
    expect(await isDatabaseEmpty(db)).toBe(true);
  });

  it('a failing seed leaves the database empty', async () => {
    const { db } = await fresh();
    await migrateToLatest(db);
    const data = fixtureData();
    data.payments.push({ ...data.payments[0]! }); // duplicate primary key, in the last-but-some table
    await expect(insertSeedData(db, data, { scrypt: TEST_SCRYPT })).rejects.toThrow();
    expect(await isDatabaseEmpty(db)).toBe(true);
  });
});
