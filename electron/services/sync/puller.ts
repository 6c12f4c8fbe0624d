// Pulls the feed to its end: page after page from the stored cursor, each page applied by the
// replica together with its cursor (apply-page.ts), so stopping anywhere — even kill -9 — resumes
// exactly there. A page over the byte cap is asked for again with half the limit, down to one row.
// Unless the caller fixes the limit, pages grow while they apply quickly and shrink when they do not
// (pageLimit below): a long first sync of cheap rows takes fewer round trips and transactions, and
// whatever else waits for the replica worker meanwhile (a search typed during it) waits boundedly.
//
// With a replica that has a page checker (checkPullPage, replica-client.ts) the pull is a
// pipeline: while the worker applies page N, page N+1 is fetched and checked (JSON, schemas,
// search keys and terms) on the checker's thread — the next cursor is known once a page is checked,
// before it is applied. At most one page is applying and one more checked at any time; each is
// still applied with its own cursor in its own transaction, in order, and a page whose cursor is
// no longer the stored one changes nothing (cursor_moved).
import { MAX_PULL_LIMIT, SYNC_PROTOCOL_VERSION } from '../../../contract/sync.ts';
import type { PageResult } from '../db/apply-page.ts';
import type { CheckedPage } from '../db/page-checker.ts';
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

/** The replica's calls a pull uses; with the last two, pages are checked on the page checker's thread. */
export type PullDb = Pick<ReplicaCalls, 'cursor' | 'applyPullPage' | 'resetReplica'> &
  Partial<Pick<ReplicaCalls, 'applyCheckedPage'>> & {
    checkPullPage?: (input: { after: string; body: Uint8Array<ArrayBuffer> }) => Promise<CheckedPage>;
  };

export interface PullOptions {
  db: PullDb;
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

/** A fetched page on its way into the replica: apply() applies it after `after`. */
interface Fetched {
  /** Known once the page is checked (pipelined), or once it is applied. */
  next: string | null;
  hasMore: boolean | null;
  apply(): Promise<PageResult>;
}

export async function pullAll(opts: PullOptions): Promise<PullSummary> {
  const db = opts.db;
  const meter = createProgressMeter(opts.now ?? Date.now);
  let limit = opts.limit ?? DEFAULT_PULL_LIMIT;
  let cap = opts.limit === undefined ? MAX_PULL_LIMIT : limit;
  let cursor = await db.cursor();
  let moved = 0;
  let reset = false;
  const summary: PullSummary = { pages: 0, changes: 0, written: 0, cursor, reset: false };
  let rowsThisRun = 0;
  const checkPullPage = db.checkPullPage;
  const applyCheckedPage = db.applyCheckedPage;
  const pipelined = checkPullPage !== undefined && applyCheckedPage !== undefined;

  async function fetchPage(after: string, rows: number): Promise<Fetched> {
    const body = await opts.http.pull({ protocol: SYNC_PROTOCOL_VERSION, after, limit: rows }, opts.signal);
    if (!pipelined) return { next: null, hasMore: null, apply: () => db.applyPullPage({ after, body }) };
    const checked = await checkPullPage({ after, body });
    return { next: checked.next, hasMore: checked.hasMore, apply: () => applyCheckedPage({ after, ticket: checked.ticket }) };
  }

  /** The page applying now (its bookkeeping included); true from `settle` means: continue from the stored cursor. */
  let applying: Promise<PageResult> | null = null;
  async function settle(): Promise<{ page: PageResult | null; restart: boolean }> {
    const p = applying;
    applying = null;
    if (!p) return { page: null, restart: false };
    try {
      return { page: await p, restart: false };
    } catch (e) {
      if (e instanceof ReplicaError && e.code === 'cursor_moved' && ++moved <= 3) {
        cursor = await db.cursor(); // someone else applied pages meanwhile: continue from there
        return { page: null, restart: true };
      }
      throw e;
    }
  }

  function start(fetched: Fetched, rows: number): void {
    const started = performance.now();
    applying = fetched.apply().then((page) => {
      if (opts.limit === undefined && page.changes === rows) limit = pageLimit(limit, performance.now() - started, cap);
      if (fetched.next === null) cursor = page.next;
      rowsThisRun += page.changes;
      summary.pages++;
      summary.changes += page.changes;
      summary.written += page.written;
      summary.cursor = page.next;
      opts.onPage?.(page, meter.page(page.firstSync ? page.firstSyncRows : rowsThisRun, page.changes, page.remaining));
      return page;
    });
  }

  try {
    for (;;) {
      opts.signal?.throwIfAborted();
      const rows = limit;
      let fetched: Fetched;
      try {
        fetched = await fetchPage(cursor, rows);
      } catch (e) {
        // What applies meanwhile decides first: its failure, or its cursor, wins over this page's.
        if ((await settle()).restart) continue;
        if (e instanceof SyncError && e.code === 'payload_too_large' && rows > 1) {
          limit = cap = Math.ceil(rows / 2);
          continue;
        }
        // Our cursor is ahead of the server's feed: its database was replaced. Start over, once.
        if (e instanceof SyncError && e.code === 'conflict' && e.field === 'after' && !reset) {
          reset = summary.reset = true;
          await db.resetReplica();
          cursor = '0';
          continue;
        }
        if (e instanceof ReplicaError && e.code === 'bad_page') throw new SyncError('incompatible_server', e.message);
        throw e;
      }
      // The page before must be in before this one starts (each checks the cursor the other leaves).
      const before = await settle();
      if (before.restart) continue;
      if (before.page && !before.page.hasMore) return summary;
      start(fetched, rows);
      if (fetched.next === null) {
        // Not pipelined: the next cursor is known once this page is applied.
        const { page, restart } = await settle();
        if (restart) continue;
        if (page && !page.hasMore) return summary;
      } else {
        cursor = fetched.next;
        if (!fetched.hasMore) {
          const { restart } = await settle();
          if (restart) continue;
          return summary;
        }
      }
    }
  } catch (e) {
    if (e instanceof ReplicaError && e.code === 'bad_page') throw new SyncError('incompatible_server', e.message);
    throw e;
  } finally {
    // A page still applying when the pull gives up is waited for (it is short), never left unheard.
    await (applying as Promise<PageResult> | null)?.catch(() => undefined);
  }
}
