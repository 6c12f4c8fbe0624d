// The whole feed brought in line with the tables: global rows and every agent's scope. Run by the
// seed, at server start (a database from before the feed existed gets one) and periodically, since
// scope depends on time ("updated in the last scopeDays days") and on writes that do not refresh it.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { refreshGlobalIn } from './global-feed.ts';
import { refreshScopeIn, type ScopeOptions } from './scope.ts';
import { withSyncedTransaction } from './synced-transaction.ts';

export interface RefreshCounts {
  global: { upserts: number; deletes: number };
  scoped: { upserts: number; deletes: number };
}

export async function refreshFeedIn(trx: Transaction<DB>, opts: ScopeOptions): Promise<RefreshCounts> {
  return { global: await refreshGlobalIn(trx), scoped: await refreshScopeIn(trx, 'all', opts) };
}

export function refreshFeed(db: Kysely<DB>, opts: ScopeOptions): Promise<RefreshCounts> {
  return withSyncedTransaction(db, (trx) => refreshFeedIn(trx, opts));
}

/** Refreshes now and every intervalMs (skipping a tick while one runs); returns stop(). Failures go to onError. */
export function startFeedRefresh(db: Kysely<DB>, opts: { intervalMs: number; scopeDays: number; onError: (e: unknown) => void; onDone?: (c: RefreshCounts) => void }): () => Promise<void> {
  let busy: Promise<void> | null = null;
  const run = () => {
    busy ??= refreshFeed(db, { now: new Date(), scopeDays: opts.scopeDays })
      .then(opts.onDone, opts.onError)
      .finally(() => {
        busy = null;
      });
  };
  run();
  const timer = setInterval(run, opts.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await busy;
  };
}
