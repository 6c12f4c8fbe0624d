// The targeted scope refresh keeps the full one's collision bookkeeping (sync_touch): a wrap-up that
// brings customer X into an operator's scope (a new conversation with X) races a writer changing
// X. The writer's feed update cannot see the refresh's uncommitted row for the operator, so without
// the collision the operator would keep X's old data; with it, the second to commit fails with
// 40001 and retries on a snapshot that has the other's work. Both orders are played.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../../server/src/db/schema.ts';
import { recordChanges } from '../../../server/src/sync/record-changes.ts';
import { refreshScope, refreshScopeOfRowsIn } from '../../../server/src/sync/scope.ts';
import { withSyncedTransaction } from '../../../server/src/sync/synced-transaction.ts';
import { AGENT_IDS, CUSTOMER_IDS } from './fixtures.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';
import { testDbKind } from './test-db.ts';

const NOW = new Date('2025-01-20T12:00:00.000Z');
const SCOPE = { now: NOW, scopeDays: 14 };
const pglite = testDbKind() === 'pglite';
const reason = 'PGlite has one connection, so two transactions cannot be open at once: skipped';

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ poolSize: 6, now: NOW });
});
afterAll(async () => {
  await h?.close();
});

/** A phone conversation of the operator with the customer, and the targeted refresh for it. */
async function bringIn(trx: Transaction<DB>, customerId: string): Promise<string> {
  const id = randomUUID();
  await trx.insertInto('conversations').values({
    id, channel: 'phone', customer_id: customerId, external_address: '+74842567890', subject: 'Звонок', status: 'open', category: null,
    assignee_id: AGENT_IDS.operator, created_at: NOW, updated_at: NOW,
  }).execute();
  await refreshScopeOfRowsIn(trx, AGENT_IDS.operator, [{ entity: 'conversation', ids: [id] }], SCOPE);
  return id;
}

async function setBalance(trx: Transaction<DB>, customerId: string, balance: number): Promise<void> {
  await trx.updateTable('customers').set({ balance }).where('id', '=', customerId).execute();
  await recordChanges(trx, 'customer', [customerId]);
}

/**
 * Until some session of this database waits for a lock (the second transaction blocked on the
 * first), or a bound: without the collision the second never waits, commits, and the data shows it.
 */
async function untilOneWaits(db: Kysely<DB>, second: Promise<unknown>): Promise<void> {
  let done = false;
  void second.finally(() => (done = true)).catch(() => undefined);
  // Bounded at about 30 s: under a loaded CI machine the second transaction may take seconds to reach the lock.
  for (let i = 0; i < 3000 && !done; i++) {
    const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
    if (r.rows[0]!.n > 0) return;
    await sleep(10);
  }
}

/** `first` runs until its work is done and holds its transaction open; `second` starts, blocks; `first` commits. */
async function race(first: (trx: Transaction<DB>) => Promise<unknown>, second: (trx: Transaction<DB>) => Promise<unknown>): Promise<number> {
  const db = h.database.db;
  let retries = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const inside = new Promise<void>((r) => (entered = r));
  let attempt = 0;
  const one = withSyncedTransaction(db, async (trx) => {
    await first(trx);
    if (attempt++ === 0) {
      entered();
      await gate;
    }
  }, { onRetry: () => void retries++ });
  await inside;
  const two = withSyncedTransaction(db, second, { onRetry: () => void retries++ });
  await untilOneWaits(db, two);
  release();
  await Promise.all([one, two]);
  return retries;
}

const operatorsRow = async (customerId: string) =>
  (await h.database.db.selectFrom('sync_feed').select(['op', 'data']).where('entity', '=', 'customer').where('entity_id', '=', customerId)
    .where('audience', '=', AGENT_IDS.operator).executeTakeFirst()) as { op: string; data: { balance: number } } | undefined;

describe('a targeted refresh racing a writer of what it brings in (PostgreSQL: needs two connections)', () => {
  it.skipIf(pglite)(`refresh first, writer blocked behind it: the writer retries and updates the operator's new row${pglite ? ` (${reason})` : ''}`, async () => {
    expect(await operatorsRow(CUSTOMER_IDS.semenov)).toBeUndefined();
    const retries = await race((trx) => bringIn(trx, CUSTOMER_IDS.semenov), (trx) => setBalance(trx, CUSTOMER_IDS.semenov, 777));
    expect(await operatorsRow(CUSTOMER_IDS.semenov)).toMatchObject({ op: 'upsert', data: { balance: 777 } });
    expect(retries).toBeGreaterThanOrEqual(1);
    expect(await refreshScope(h.database.db, 'all', SCOPE)).toEqual({ upserts: 0, deletes: 0 });
  });

  it.skipIf(pglite)(`writer first, refresh blocked behind it: the refresh retries and copies the new data${pglite ? ` (${reason})` : ''}`, async () => {
    const customer = CUSTOMER_IDS.petrov;
    expect(await operatorsRow(customer)).toBeUndefined();
    const retries = await race((trx) => setBalance(trx, customer, 4242), (trx) => bringIn(trx, customer));
    expect(await operatorsRow(customer)).toMatchObject({ op: 'upsert', data: { balance: 4242 } });
    expect(retries).toBeGreaterThanOrEqual(1);
    expect(await refreshScope(h.database.db, 'all', SCOPE)).toEqual({ upserts: 0, deletes: 0 });
  });
});
