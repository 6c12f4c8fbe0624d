// The screen-pop benchmark's central database: the project's own seed (server/src/seed/cli.ts, run
// as a child process) with N customers in an embedded database, then every customer put in the
// demo personal manager's portfolio — the scope that holds customers as such (an operator's holds
// those of their conversations). The server's feed refresh at start (server/src/sync/refresh.ts)
// then gives that manager all N, so their first sync brings them into the replica. Also picks the
// customers who will call: spread over the whole table.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { openDatabase } from '../../server/src/db/open-database.ts';

const REPO = join(import.meta.dirname, '..', '..');
const SEED_TIMEOUT_MS = 15 * 60_000;

/** The demo account the benchmark signs in as (its password is the demo one). */
export const POP_AGENT_LOGIN = 'manager';

export interface PopCustomer {
  id: string;
  fullName: string;
  accountNumber: string;
  phones: string[];
}

export interface SeededDatabase {
  customers: number;
  callers: PopCustomer[];
  seedMs: number;
  portfolioMs: number;
}

/** `node server/src/seed/cli.ts`, bounded, killed on `signal`; rejects with its output when it fails. */
function runSeed(dataDir: string, customers: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['server/src/seed/cli.ts', '--customers', String(customers), '--data-dir', dataDir], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], signal, killSignal: 'SIGKILL' });
    let output = '';
    const keep = (b: Buffer) => { output = (output + b.toString()).slice(-4000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), SEED_TIMEOUT_MS);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`seeding ${customers} customers failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

export async function seedPopDatabase(dataDir: string, customers: number, callers: number, signal: AbortSignal): Promise<SeededDatabase> {
  let t = performance.now();
  await runSeed(dataDir, customers, signal);
  signal.throwIfAborted();
  const seedMs = performance.now() - t;
  const database = await openDatabase({ dataDir });
  try {
    await migrateToLatest(database.db); // a no-op after the seed, unless the tree changed meanwhile
    t = performance.now();
    const agent = await database.db.selectFrom('agents').select(['id', 'role']).where('login', '=', POP_AGENT_LOGIN).executeTakeFirstOrThrow();
    if (agent.role !== 'personal_manager') throw new Error(`${POP_AGENT_LOGIN} is a ${agent.role}, not a personal manager`);
    await database.db.updateTable('customers').set({ personal_manager_id: agent.id }).execute();
    const portfolioMs = performance.now() - t;
    const counts = await sql<{ n: number }>`select count(*)::int as n from customers where personal_manager_id = ${agent.id}`.execute(database.db);
    const held = counts.rows[0]!.n;
    if (held !== customers) throw new Error(`${held} customers in the portfolio, ${customers} seeded`);
    // A fixed spread over the table (hash order), the same customers on every run of one seed.
    const picked = await sql<{ id: string; full_name: string; account_number: string; phones: string[] }>`
      select id::text, full_name, account_number, phones from customers order by md5(id::text) limit ${callers}`.execute(database.db);
    return {
      customers: held,
      callers: picked.rows.map((r) => ({ id: r.id, fullName: r.full_name, accountNumber: r.account_number, phones: r.phones })),
      seedMs,
      portfolioMs,
    };
  } finally {
    await database.close();
  }
}
