// Every write that feeds the change feed runs here: REPEATABLE READ, feed rows stamped with their
// versions as the last step before COMMIT (under one advisory lock), retried when PostgreSQL refuses
// it for a concurrent update (40001) or a deadlock (40P01). Why: ./README.md.
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { noteFeedCommit } from './feed-tail.ts';

/** pg_advisory_xact_lock key of the feed's stamping step ("PULT" in ASCII). */
export const FEED_LOCK_KEY = 0x50554c54;

const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryable(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

/**
 * Gives this transaction's feed rows (version null) their versions. Call last: the lock is held
 * until COMMIT, so transactions commit in the order of their versions.
 */
/** NOTIFY channel that carries the newest stamped version. */
export const FEED_CHANNEL = 'pult_sync_feed';

export async function stampVersions(trx: Transaction<DB>): Promise<number> {
  return (await stamp(trx)).stamped;
}

/** Stamps; returns how many rows, and the highest version given (null if none). */
async function stamp(trx: Transaction<DB>): Promise<{ stamped: number; version: string | null }> {
  await sql`select pg_advisory_xact_lock(${FEED_LOCK_KEY})`.execute(trx);
  const r = await sql`update sync_feed set version = nextval('sync_feed_version_seq') where version is null`.execute(trx);
  const stamped = Number(r.numAffectedRows ?? 0);
  if (stamped === 0) return { stamped, version: null };
  // Delivered at commit, and only if it commits: live clients are poked to pull (routes/sync-live.ts).
  const n = await sql<{ v: string }>`select pg_notify(${FEED_CHANNEL}, currval('sync_feed_version_seq')::text), currval('sync_feed_version_seq')::text as v`.execute(trx);
  return { stamped, version: n.rows[0]!.v };
}

export interface SyncedOptions {
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  /** Told about each retry (tests count them). */
  onRetry?: (attempt: number, error: unknown) => void;
}

/**
 * Runs fn in a REPEATABLE READ transaction and stamps the feed before commit. fn may run more
 * than once, so it must not have effects outside the transaction.
 */
export async function withSyncedTransaction<T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>, opts: SyncedOptions = {}): Promise<T> {
  const maxAttempts = opts.maxAttempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    try {
      let version: string | null = null;
      const result = await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
        const r = await fn(trx);
        version = (await stamp(trx)).version;
        return r;
      });
      // Committed: a pull that comes after this must see it, NOTIFY or not (feed-tail.ts).
      if (version !== null) noteFeedCommit(db, version);
      return result;
    } catch (e) {
      if (!isRetryable(e) || attempt >= maxAttempts) throw e;
      opts.onRetry?.(attempt, e);
      // Jittered backoff so the transactions that collided do not collide again in step.
      await sleep(Math.random() * Math.min(200, 5 * 2 ** attempt));
    }
  }
}
