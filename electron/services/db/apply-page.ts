// Applies one pull page: the rows and the new cursor in ONE transaction, so a crash or kill -9
// resumes exactly at the stored cursor — never skipping a page, never applying one twice. The page
// is checked completely first; a bad page changes nothing. An upsert only replaces an older version.
import { z } from 'zod';
import type { Customer } from '../../../contract/domain/customer.ts';
import { SyncVersion } from '../../../contract/sync.ts';
import { BadPageError, parsePullPage } from '../sync/pull-page.ts';
import type { Db } from './open-replica-file.ts';
import type { CustomerIndex } from './customer-index.ts';
import type { KbIndex } from './kb-index.ts';
import type { Pending } from './pending.ts';
import { ReplicaError } from './replica-error.ts';
import { rowKey } from './row-patch.ts';
import type { Rows } from './rows.ts';
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

/** Decoded as Buffer#toString does (invalid sequences become U+FFFD, a BOM stays and fails JSON). */
const textOf = (body: string | Uint8Array) => (typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));

export function createPageApplier(
  db: Db,
  rows: Rows,
  pending: Pending,
  state: SyncState,
  kb?: KbIndex,
  customers?: Pick<CustomerIndex, 'refresh' | 'put'>,
): (input: ApplyPageInput) => PageResult {
  const apply = db.transaction((input: ApplyPageInput, page: ReturnType<typeof parsePullPage>): PageResult => {
    const cursor = state.get(STATE_KEYS.cursor) ?? '0';
    if (cursor !== input.after) throw new ReplicaError('cursor_moved', `page fetched after ${input.after}, but the replica is at ${cursor}`);
    const pendingKeys = pending.keys();
    let written = 0;
    const articles: typeof page.changes = [];
    for (const c of page.changes) {
      const version = BigInt(c.version);
      const data = c.op === 'upsert' ? c.data : null;
      const isCustomer = c.entity === 'customer';
      if (pendingKeys.size > 0 && pendingKeys.has(rowKey(c.entity, c.id))) {
        if (!pending.serverChanged(c.entity, c.id, version, data)) continue;
        // The row is now the server's with the outbox's patches on top: index it as it stands.
        if (isCustomer) customers?.refresh([c.id]);
      } else if (data !== null) {
        if (!rows.upsertIfNewer(c.entity, c.id, version, data)) continue;
        // The row holds exactly this (checked) data: no need to read it back.
        if (isCustomer) customers?.put(data as Customer);
      } else {
        if (!rows.deleteIfNewer(c.entity, c.id, version)) continue;
        if (isCustomer) customers?.refresh([c.id]);
      }
      written++;
      if (c.entity === 'article') articles.push(c);
    }
    // The search indexes follow the rows in the same transaction (stale versions skipped); the
    // customers' index was kept above, row by row.
    kb?.applyChanges(articles);
    state.set(STATE_KEYS.cursor, page.next.toString());
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
      next: page.next.toString(),
      hasMore: page.hasMore,
      remaining: page.remaining,
      firstSync,
      firstSyncRows,
    };
  });

  return (input) => {
    let page;
    try {
      page = parsePullPage(textOf(input.body), input.after);
    } catch (e) {
      if (e instanceof BadPageError) throw new ReplicaError('bad_page', e.message);
      throw e;
    }
    return apply(input, page);
  };
}
