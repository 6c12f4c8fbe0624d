// Seeds demo data into an empty database. The generator (faker and friends) is loaded only here,
// so a server that is not seeding starts without it.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { insertSeedData, isDatabaseEmpty, type SeedCounts } from './insert.ts';

export const DEFAULT_SEED_CUSTOMERS = 10_000;
export const DEFAULT_SEED = 1;

export async function generateAndInsert(db: Kysely<DB>, opts: { customers: number; seed: number; now?: Date }): Promise<SeedCounts> {
  const { generateSeedData } = await import('./generate.ts');
  const data = generateSeedData({ seed: opts.seed, customers: opts.customers, now: opts.now ?? new Date() });
  return insertSeedData(db, data);
}

/** Seeds when nobody can sign in yet; returns the counts, or null when the database had data. */
export async function seedIfEmpty(db: Kysely<DB>, opts: { customers: number; seed: number }): Promise<SeedCounts | null> {
  if (!(await isDatabaseEmpty(db))) return null;
  return generateAndInsert(db, opts);
}
