// Pulls the feed to its end: page after page from the stored cursor, each page applied by the
// replica together with its cursor (apply-page.ts), so stopping anywhere — even kill -9 — resumes
// exactly there. A page over the byte cap is asked for again with half the limit, down to one row.
// Unless the caller fixes the limit, pages grow while they apply quickly and shrink when they do not
// (pageLimit below): a long first sync of cheap rows takes fewer round trips and transactions, and
// whatever else waits for the replica worker meanwhile (a search typed during it) waits boundedly.
import { MAX_PULL_LIMIT, SYNC_PROTOCOL_VERSION } from '../../../contract/sync.ts';
import type { PageResult } from '../db/apply-page.ts';
import type { ReplicaCalls } from '../db/replica-client.ts';
import { ReplicaError } from '../db/replica-error.ts';
import { createProgressMeter, type SyncProgress } from './progress.ts';
import { SyncError } from './sync-error.ts';
import type { SyncHttp } from './sync-http.ts';

export const DEFAULT_PULL_LIMIT = 500;
/** How long applying one page may keep the replica worker busy, roughly. */
export const PAGE_TARGET_MS = 250;
const MIN_ADAPTIVE_LIMIT = 100;

/** The next page's limit after a full page of `limit` rows took `ms` to apply; `cap` after a refusal for size. */
export function pageLimit(limit: number, ms: number, cap: number): number {
  if (ms < PAGE_TARGET_MS / 2) return Math.min(cap, limit * 2);
  if (ms > PAGE_TARGET_MS * 2) return Math.max(MIN_ADAPTIVE_LIMIT, Math.ceil(limit / 2));
  return limit;
}

export interface PullOptions {
  db: Pick<ReplicaCalls, 'cursor' | 'applyPullPage' | 'resetReplica'>;
  http: Pick<SyncHttp, 'pull'>;
  /** A fixed page size; without it pages adapt (from DEFAULT_PULL_LIMIT up to MAX_PULL_LIMIT). */
  limit?: number;
  signal?: AbortSignal;
  now?: () => number;
  onPage?: (page: PageResult, progress: SyncProgress) => void;
}

export interface PullSummary {
  pages: number;
  changes: number;
  written: number;
  cursor: string;
  /** The replica started over because the server's feed was replaced. */
  reset: boolean;
}

export async function pullAll(opts: PullOptions): Promise<PullSummary> {
  const meter = createProgressMeter(opts.now ?? Date.now);
  let limit = opts.limit ?? DEFAULT_PULL_LIMIT;
  let cap = opts.limit === undefined ? MAX_PULL_LIMIT : limit;
  let cursor = await opts.db.cursor();
  let moved = 0;
  let reset = false;
  const summary: PullSummary = { pages: 0, changes: 0, written: 0, cursor, reset: false };
  let rowsThisRun = 0;
  for (;;) {
    opts.signal?.throwIfAborted();
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await opts.http.pull({ protocol: SYNC_PROTOCOL_VERSION, after: cursor, limit }, opts.signal);
    } catch (e) {
      if (e instanceof SyncError && e.code === 'payload_too_large' && limit > 1) {
        limit = cap = Math.ceil(limit / 2);
        continue;
      }
      // Our cursor is ahead of the server's feed: its database was replaced. Start over, once.
      if (e instanceof SyncError && e.code === 'conflict' && e.field === 'after' && !reset) {
        reset = summary.reset = true;
        await opts.db.resetReplica();
        cursor = '0';
        continue;
      }
      throw e;
    }
    let page: PageResult;
    const applying = performance.now();
    try {
      page = await opts.db.applyPullPage({ after: cursor, body });
    } catch (e) {
      if (e instanceof ReplicaError && e.code === 'cursor_moved' && ++moved <= 3) {
        cursor = await opts.db.cursor(); // someone else applied pages meanwhile: continue from there
        continue;
      }
      if (e instanceof ReplicaError && e.code === 'bad_page') throw new SyncError('incompatible_server', e.message);
      throw e;
    }
    if (opts.limit === undefined && page.changes === limit) limit = pageLimit(limit, performance.now() - applying, cap);
    cursor = page.next;
    rowsThisRun += page.changes;
    summary.pages++;
    summary.changes += page.changes;
    summary.written += page.written;
    summary.cursor = cursor;
    opts.onPage?.(page, meter.page(page.firstSync ? page.firstSyncRows : rowsThisRun, page.changes, page.remaining));
    if (!page.hasMore) return summary;
  }
}
