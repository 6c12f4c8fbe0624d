// The worker's side of the page checker (page-checker.ts): pages it has checked and prepared
// arrive on a port of their own, each under a ticket the main process then names in
// applyCheckedPage. The checker posts a page before it answers the main process, and the main
// process asks for it only after that answer, so the page is already queued on the port when asked
// for: it is read synchronously, in the worker's one synchronous call.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { z } from 'zod';
import { SyncVersion } from '../../../contract/sync.ts';
import { unpackPage, type PackedPage } from './packed-page.ts';
import type { PreparedPage } from './prepare-page.ts';

/**
 * The envelope only. Every row in it was checked against the contract's schema on the checker's
 * thread, a thread of this replica's own started by the replica client (not a network peer);
 * checking each row a second time here would undo what running the check over there gains.
 */
const CheckedPageMessage = z.strictObject({
  ticket: z.number().int().nonnegative(),
  page: z.strictObject({
    after: SyncVersion,
    next: SyncVersion,
    hasMore: z.boolean(),
    remaining: z.number().int().nonnegative(),
    changes: z.number().int().nonnegative(),
    // Not z.array: an element-wise check of a page's tens of thousands of values is what the flat
    // layout saves; unpackPage checks the layout as it reads it.
    values: z.custom<PackedPage['values']>(Array.isArray, 'expected an array'),
    vocabulary: z.custom<PackedPage['vocabulary']>(Array.isArray, 'expected an array'),
  }),
});

export interface CheckedPages {
  /** A new checker: pages of the one before are gone with it. */
  connect(port: MessagePort): void;
  /** The page of this ticket; pages of earlier tickets (never applied: a pull given up) are dropped. */
  take(ticket: number): PreparedPage | undefined;
  /** Whether a checked page has arrived and waits to be applied. */
  anyWaiting(): boolean;
  close(): void;
}

export function createCheckedPages(): CheckedPages {
  let port: MessagePort | null = null;
  const waiting = new Map<number, PackedPage>();
  const receive = (): boolean => {
    const m = port && receiveMessageOnPort(port);
    if (!m) return false;
    const parsed = CheckedPageMessage.safeParse(m.message);
    if (parsed.success) waiting.set(parsed.data.ticket, parsed.data.page);
    return true;
  };
  return {
    connect(p) {
      port?.close();
      port = p;
      waiting.clear();
    },
    take(ticket) {
      while (!waiting.has(ticket) && receive());
      const page = waiting.get(ticket);
      for (const t of waiting.keys()) if (t <= ticket) waiting.delete(t);
      return page && unpackPage(page);
    },
    anyWaiting() {
      while (receive());
      return waiting.size > 0;
    },
    close() {
      port?.close();
      port = null;
      waiting.clear();
    },
  };
}
