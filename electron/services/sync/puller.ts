// Pulls the feed to its end: page after page from the stored cursor, each page applied by the
// replica together with its cursor (apply-page.ts), so stopping anywhere — even kill -9 — resumes
// exactly there. A page over the byte cap is asked for again with half the limit, down to one row.
// Unless the caller fixes the limit, pages grow while they apply quickly and shrink when they do not
// (pageLimit below): a long first sync of cheap rows takes fewer round trips and transactions, and
// whatever else waits for the replica worker meanwhile (a search typed during it) waits boundedly.
//
// With a replica that has a page checker (checkPullPage, replica-client.ts) the pull is a
// pipeline: the next cursor is known once a page is checked (JSON, schemas, search keys and terms,
// on the checker's thread), before it is applied, so pages are fetched and checked ahead of the
// worker, and each checked page is handed to the worker at once: up to PIPELINE_DEPTH pages wait
// there, in order, so that the worker — the slowest stage of a first sync — starts the next page
// the moment it commits one, while the checker works on the page after. Each page is still applied
// with its own cursor in its own transaction, in order, and a page whose cursor is no longer the
// stored one changes nothing (cursor_moved): so after a page fails, those queued behind it fail too
// and change nothing.
//
// With `fetchChecked` (the engine passes the replica's fetchPullPage) the checker also fetches
// the page, and this side only ever sees its cursor and counts.
import { MAX_PULL_LIMIT, SYNC_PROTOCOL_VERSION, type PullRequest } from '../../../contract/sync.ts';
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
/**
 * Checked pages handed to the worker and not yet applied, at most (the one applying included).
 * Two: the worker always finds the next page waiting, and the checker is at most two pages ahead
 * (each a few megabytes held meanwhile).
 */
export const PIPELINE_DEPTH = 2;

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
  /** Fetches and checks a page elsewhere (page checker); used with db.applyCheckedPage instead of `http`. */
  fetchChecked?: (req: Required<PullRequest>, signal?: AbortSignal) => Promise<CheckedPage>;
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
  const pipelined = (checkPullPage !== undefined || opts.fetchChecked !== undefined) && applyCheckedPage !== undefined;

  async function fetchPage(after: string, rows: number): Promise<Fetched> {
    if (opts.fetchChecked && applyCheckedPage) {
      const checked = await opts.fetchChecked({ protocol: SYNC_PROTOCOL_VERSION, after, limit: rows }, opts.signal);
      return { next: checked.next, hasMore: checked.hasMore, apply: () => applyCheckedPage({ after, ticket: checked.ticket }) };
    }
    const body = await opts.http.pull({ protocol: SYNC_PROTOCOL_VERSION, after, limit: rows }, opts.signal);
    if (!checkPullPage || !applyCheckedPage) return { next: null, hasMore: null, apply: () => db.applyPullPage({ after, body }) };
    const checked = await checkPullPage({ after, body });
    return { next: checked.next, hasMore: checked.hasMore, apply: () => applyCheckedPage({ after, ticket: checked.ticket }) };
  }

  /** Pages handed to the replica, oldest first, each with its bookkeeping. */
  const applying: Array<Promise<PageResult>> = [];
  /** When the worker finished the page before (it starts a queued page then, not when it was sent). */
  let lastDone = 0;

  function start(fetched: Fetched, rows: number): void {
    const sent = performance.now();
    const p = fetched.apply().then((page) => {
      const done = performance.now();
      const ms = done - Math.max(sent, lastDone);
      lastDone = done;
      if (opts.limit === undefined && page.changes === rows) limit = pageLimit(limit, ms, cap);
      if (fetched.next === null) cursor = page.next;
      rowsThisRun += page.changes;
      summary.pages++;
      summary.changes += page.changes;
      summary.written += page.written;
      summary.cursor = page.next;
      opts.onPage?.(page, meter.page(page.firstSync ? page.firstSyncRows : rowsThisRun, page.changes, page.remaining));
      return page;
    });
    p.catch(() => undefined); // heard by settle(), in order
    applying.push(p);
  }

  /**
   * Waits for the oldest page handed over; `restart` means: continue from the stored cursor. When a
   * page fails, the pages queued behind it are waited for too (they change nothing, or, if someone
   * else applied the failed one meanwhile, follow it in order).
   */
  async function settle(): Promise<{ page: PageResult | null; restart: boolean }> {
    const p = applying.shift();
    if (!p) return { page: null, restart: false };
    try {
      return { page: await p, restart: false };
    } catch (e) {
      while (applying.length > 0) await applying.shift()!.catch(() => undefined);
      if (e instanceof ReplicaError && e.code === 'cursor_moved' && ++moved <= 3) {
        cursor = await db.cursor(); // someone else applied pages meanwhile: continue from there
        return { page: null, restart: true };
      }
      throw e;
    }
  }

  /** Waits for every page handed over; the last one's result. */
  async function settleAll(): Promise<{ page: PageResult | null; restart: boolean }> {
    let last: PageResult | null = null;
    while (applying.length > 0) {
      const { page, restart } = await settle();
      if (restart) return { page: null, restart };
      last = page;
    }
    return { page: last, restart: false };
  }

  try {
    pull: for (;;) {
      opts.signal?.throwIfAborted();
      while (applying.length >= (pipelined ? PIPELINE_DEPTH : 1)) {
        if ((await settle()).restart) continue pull;
      }
      const rows = limit;
      let fetched: Fetched;
      try {
        fetched = await fetchPage(cursor, rows);
      } catch (e) {
        // What applies meanwhile decides first: its failure, or its cursor, wins over this page's.
        if ((await settleAll()).restart) continue;
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
      start(fetched, rows);
      if (fetched.next === null) {
        // Not pipelined: the next cursor is known once this page is applied.
        const { page, restart } = await settle();
        if (restart) continue;
        if (page && !page.hasMore) return summary;
      } else {
        cursor = fetched.next;
        if (!fetched.hasMore) {
          const { restart } = await settleAll();
          if (restart) continue;
          return summary;
        }
      }
    }
  } catch (e) {
    if (e instanceof ReplicaError && e.code === 'bad_page') throw new SyncError('incompatible_server', e.message);
    throw e;
  } finally {
    // Pages still applying when the pull gives up are waited for (they are short), never left unheard.
    while (applying.length > 0) await applying.shift()!.catch(() => undefined);
  }
}
