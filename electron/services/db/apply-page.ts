// Applies one pull page: the rows and the new cursor in ONE transaction, so a crash or kill -9
// resumes exactly at the stored cursor — never skipping a page, never applying one twice. The page
// is checked completely first (prepare-page.ts); a bad page changes nothing. An upsert only
// replaces an older version.
import { z } from 'zod';
import { SyncVersion } from '../../../contract/sync.ts';
import type { PreparedArticle } from '../kb/index-articles.ts';
import type { CustomerIndex } from './customer-index.ts';
import type { KbIndex } from './kb-index.ts';
import { MAX_ROWS_PER_INSERT } from './multi-insert.ts';
import type { Db } from './open-replica-file.ts';
import type { Pending } from './pending.ts';
import { preparePage, type PreparedChange, type PreparedPage } from './prepare-page.ts';
import { ReplicaError } from './replica-error.ts';
import { rowKey } from './row-patch.ts';
import type { NewRow, Rows } from './rows.ts';
import { STATE_KEYS, type SyncState } from './sync-state.ts';

export const ApplyPageInput = z.strictObject({
  /** The cursor the page was requested with; must still be the stored one. */
  after: SyncVersion,
  /** The response body as received: text, or its UTF-8 bytes (decoded, parsed and checked here, in the worker). */
  body: z.union([z.string(), z.instanceof(Uint8Array)]),
});
export type ApplyPageInput = z.infer<typeof ApplyPageInput>;

export interface PageResult {
  /** Changes in the page. */
  changes: number;
  /** Of them, those that changed the replica (the rest were stale versions). */
  written: number;
  next: string;
  hasMore: boolean;
  remaining: number;
  /** This page was part of the replica's first sync. */
  firstSync: boolean;
  /** Rows applied by the first sync so far, this page included. */
  firstSyncRows: number;
}

export interface PageApplier {
  /** Checks, prepares and applies a page as received. */
  apply(input: ApplyPageInput): PageResult;
  /** Applies a page prepared by preparePage (here or on the page checker's thread). */
  applyPrepared(page: PreparedPage): PageResult;
}

const newRow = (c: PreparedChange): NewRow => ({ id: c.id, version: BigInt(c.version), json: c.json!, columns: c.columns! });

export function createPageApplier(
  db: Db,
  rows: Rows,
  pending: Pending,
  state: SyncState,
  kb?: KbIndex,
  customers?: Pick<CustomerIndex, 'refresh' | 'putKeys' | 'putNewKeys'>,
): PageApplier {
  const applyPrepared = db.transaction((page: PreparedPage): PageResult => {
    const cursor = state.get(STATE_KEYS.cursor) ?? '0';
    if (cursor !== page.after) throw new ReplicaError('cursor_moved', `page fetched after ${page.after}, but the replica is at ${cursor}`);
    const pendingKeys = pending.keys();
    let written = 0;
    // The last written change of each article, for the search index.
    const articles = new Map<string, PreparedChange>();
    const wrote = (c: PreparedChange) => {
      written++;
      if (c.entity === 'article') {
        articles.delete(c.id); // keeps the map in the order of each article's last change
        articles.set(c.id, c);
      }
    };
    const writeOne = (c: PreparedChange) => {
      const w = rows.writeIfNewer(c.entity, c.id, BigInt(c.version), c.json!, c.columns!);
      if (w === null) return;
      // The row holds exactly this (checked) data: no need to read it back.
      if (c.entity === 'customer') customers?.putKeys(c.id, c.customer!, w === 'inserted');
      wrote(c);
    };
    // Upserts in a row of one entity and distinct ids are written MAX_ROWS_PER_INSERT to a
    // statement while none of them is stored yet (a first sync); once one is, this page's
    // upserts go one by one, as every upsert did before.
    let run: PreparedChange[] = [];
    const runIds = new Set<string>();
    let together = true;
    const flush = () => {
      if (run.length === 0) return;
      const entity = run[0]!.entity;
      if (together && run.length === MAX_ROWS_PER_INSERT && rows.insertAllNew(entity, run.map(newRow))) {
        if (entity === 'customer') customers?.putNewKeys(run.map((c) => ({ id: c.id, keys: c.customer! })));
        for (const c of run) wrote(c);
      } else {
        if (run.length === MAX_ROWS_PER_INSERT) together = false;
        for (const c of run) writeOne(c);
      }
      run = [];
      runIds.clear();
    };
    for (const c of page.changes) {
      const isPending = pendingKeys.size > 0 && pendingKeys.has(rowKey(c.entity, c.id));
      if (together && c.op === 'upsert' && !isPending) {
        if (run.length > 0 && (run[0]!.entity !== c.entity || runIds.has(c.id))) flush();
        run.push(c);
        runIds.add(c.id);
        if (run.length === MAX_ROWS_PER_INSERT) flush();
        continue;
      }
      flush();
      const version = BigInt(c.version);
      const isCustomer = c.entity === 'customer';
      if (isPending) {
        if (!pending.serverChanged(c.entity, c.id, version, c.op === 'upsert' ? (JSON.parse(c.json!) as unknown) : null)) continue;
        // The row is now the server's with the outbox's patches on top: index it as it stands.
        if (isCustomer) customers?.refresh([c.id]);
      } else if (c.op === 'upsert') {
        writeOne(c);
        continue;
      } else {
        if (!rows.deleteIfNewer(c.entity, c.id, version)) continue;
        if (isCustomer) customers?.refresh([c.id]);
      }
      wrote(c);
    }
    flush();
    // The search indexes follow the rows in the same transaction (stale versions skipped); the
    // customers' index was kept above, with the rows.
    if (kb && articles.size > 0) {
      const upserts: PreparedArticle[] = [];
      const deletes: string[] = [];
      for (const c of articles.values()) {
        if (c.op === 'upsert') upserts.push(c.article!);
        else deletes.push(c.id);
      }
      kb.applyPrepared({ articles: upserts, vocabulary: page.vocabulary }, deletes);
    }
    kb?.pageApplied();
    state.set(STATE_KEYS.cursor, page.next);
    state.set(STATE_KEYS.pagesApplied, String(Number(state.get(STATE_KEYS.pagesApplied) ?? 0) + 1));
    const firstSync = state.get(STATE_KEYS.firstSyncComplete) !== '1';
    let firstSyncRows = Number(state.get(STATE_KEYS.firstSyncRows) ?? 0);
    if (firstSync) {
      firstSyncRows += page.changes.length;
      state.set(STATE_KEYS.firstSyncRows, String(firstSyncRows));
      if (!page.hasMore) state.set(STATE_KEYS.firstSyncComplete, '1');
    }
    return {
      changes: page.changes.length,
      written,
      next: page.next,
      hasMore: page.hasMore,
      remaining: page.remaining,
      firstSync,
      firstSyncRows,
    };
  });

  return {
    apply: (input) => applyPrepared(preparePage(input.body, input.after)),
    applyPrepared,
  };
}
