// The one place the server suite chooses its database: PULT_TEST_DB=pglite (in-memory PGlite) or
// postgres (a fresh database per call in the cluster that postgres.global.ts started).
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { migrateToLatest } from '../../../server/src/db/migrate.ts';
import { openDatabase, type Database } from '../../../server/src/db/open-database.ts';

export type TestDbKind = 'pglite' | 'postgres';

export function testDbKind(): TestDbKind {
  const kind = process.env.PULT_TEST_DB ?? 'pglite';
  if (kind !== 'pglite' && kind !== 'postgres') throw new Error(`PULT_TEST_DB must be pglite or postgres, got ${kind}`);
  return kind;
}

export interface TestDatabase extends Database {
  /** postgres://… of this database (postgres only), for starting a server process on it. */
  url: string | null;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface TestDatabaseOptions {
  /** PostgreSQL pool connections (default 5); tests of concurrent writers need more. */
  poolSize?: number;
}

/** An empty database with no schema yet. */
export async function createEmptyTestDatabase(opts: TestDatabaseOptions = {}): Promise<TestDatabase> {
  if (testDbKind() === 'pglite') return { ...(await openDatabase()), url: null };
  const name = `pult_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.href, poolSize: opts.poolSize ?? 5 });
  return {
    ...database,
    url: url.href,
    close: async () => {
      await database.close();
      await admin(async (c) => {
        // pg's pool.end() resolves before its connections have finished closing; `with (force)`
        // would kill one mid-close and its 57P01 error would surface in the test process.
        for (let i = 0; i < 100; i++) {
          const r = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (r.rows[0]!.n === 0) break;
          await sleep(20);
        }
        await c.query(`drop database if exists ${name} with (force)`);
      });
    },
  };
}

/** A database with every migration applied. */
export async function createTestDatabase(opts: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const database = await createEmptyTestDatabase(opts);
  await migrateToLatest(database.db);
  return database;
}
