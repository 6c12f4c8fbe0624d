// `npm run seed -- [--customers N] [--seed S] [--data-dir D]`: wipes the database (DATABASE_URL,
// or the embedded one in --data-dir) and fills it with generated demo data; prints what it wrote
// and the demo accounts.
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/open-database.ts';
import { DEFAULT_SEED, DEFAULT_SEED_CUSTOMERS, generateAndInsert } from './first-run.ts';
import { wipeData } from './insert.ts';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: String(DEFAULT_SEED_CUSTOMERS) },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    'data-dir': { type: 'string', default: process.env.PULT_DATA_DIR ?? '.data/server' },
  },
  strict: true,
});
const customers = Number(values.customers);
const seed = Number(values.seed);
if (!Number.isInteger(customers) || customers < 0) throw new Error(`--customers must be a whole number, got ${values.customers}`);
if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got ${values.seed}`);

const databaseUrl = process.env.DATABASE_URL || undefined;
const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: values['data-dir'] });
try {
  await migrateToLatest(database.db);
  const where = databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded database in ${values['data-dir']}`;
  console.log(`seed: wiping and seeding the ${where} with ${customers} customers (seed ${seed})…`);
  const started = Date.now();
  await wipeData(database.db);
  const counts = await generateAndInsert(database.db, { customers, seed });
  console.log(`seed: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(14)} ${n}`);
  const { DEMO_ACCOUNTS } = await import('./generate.ts');
  console.log('demo accounts:');
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.login.padEnd(14)} ${a.password.padEnd(16)} ${a.role}`);
} finally {
  await database.close();
}
