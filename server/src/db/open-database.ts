// Opens the server's database: PostgreSQL through `pg` when a URL is given, otherwise embedded
// PGlite in a data folder. Both behind Kysely's PostgresDialect, so every query is written once.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PglitePool } from './pglite-pool.ts';
import type { DB } from './schema.ts';

export type DatabaseKind = 'postgres' | 'pglite';

/** Stops listening. */
export type Unlisten = () => Promise<void>;

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** LISTEN on a channel: PostgreSQL through its own connection, PGlite in process. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<Unlisten>;
  close(): Promise<void>;
}

async function listenPostgres(url: string, channel: string, onNotify: (payload: string) => void): Promise<Unlisten> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  client.on('notification', (n) => {
    if (n.channel === channel) onNotify(n.payload ?? '');
  });
  client.on('error', () => {}); // a dropped listener only costs pokes; clients still pull on their timer
  await client.query(`listen ${pg.escapeIdentifier(channel)}`);
  return () => client.end();
}

export interface OpenOptions {
  /** postgres://… ; when absent, the embedded database is used. */
  databaseUrl?: string;
  /** Folder of the embedded database; absent = in memory (tests). */
  dataDir?: string;
  /** Connections of the PostgreSQL pool. */
  poolSize?: number;
}

const INT8_OID = 20;

/** bigint columns (money in kopecks, ids, counts) as numbers, the same on both drivers. */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint ${value} exceeds the safe integer range`);
  return n;
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const url = opts.databaseUrl;
    return { db, kind: 'postgres', listen: (channel, onNotify) => listenPostgres(url, channel, onNotify), close: () => db.destroy() };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: opts.dataDir,
    extensions: { pg_trgm },
    parsers: { [INT8_OID]: parseInt8 },
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new PglitePool(pglite) }) });
  return {
    db,
    kind: 'pglite',
    listen: async (channel, onNotify) => {
      const unlisten = await pglite.listen(channel, onNotify);
      return async () => unlisten();
    },
    close: () => db.destroy(),
  };
}
