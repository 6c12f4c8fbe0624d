// The page checker: a second thread beside the replica worker that checks and prepares pull pages
// (prepare-page.ts: JSON, the contract's schema for every row, search keys and terms) while the
// worker applies the page before — the two halves of applying a page overlap, on two cores, and
// the main process never parses a page. Started by the replica client when a pull first needs it
// (replica-client.ts); answers the main process like the worker does ({type: 'result', id, ...})
// and hands each prepared page to the worker on a port of their own (checked-pages.ts), under the
// request's id as ticket, packed flat (packed-page.ts).
import type { MessagePort } from 'node:worker_threads';
import { z } from 'zod';
import { SyncVersion } from '../../../contract/sync.ts';
import { packPage } from './packed-page.ts';
import { preparePage } from './prepare-page.ts';
import { toWireError } from './worker-host.ts';
import type { WorkerMessage } from './worker-protocol.ts';

export const CheckRequest = z.strictObject({
  id: z.number().int().nonnegative(),
  after: SyncVersion,
  body: z.union([z.string(), z.instanceof(Uint8Array)]),
});

/** What the main process learns of a checked page: enough to ask for the next one. */
export interface CheckedPage {
  ticket: number;
  changes: number;
  next: string;
  hasMore: boolean;
  remaining: number;
}

type Port = Pick<MessagePort, 'postMessage' | 'on'>;

export function serveChecker(parent: Port, toReplica: Pick<MessagePort, 'postMessage'>): void {
  const send = (m: WorkerMessage) => parent.postMessage(m);
  parent.on('message', (msg: unknown) => {
    const req = CheckRequest.safeParse(msg);
    if (!req.success) {
      const id = (msg as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
        send({ type: 'result', id, ok: false, error: { code: 'invalid_input', message: `malformed check request: ${req.error.issues[0]?.message}` } });
      }
      return;
    }
    const { id, after, body } = req.data;
    try {
      const page = preparePage(body, after);
      toReplica.postMessage({ ticket: id, page: packPage(page) });
      const result: CheckedPage = { ticket: id, changes: page.changes.length, next: page.next, hasMore: page.hasMore, remaining: page.remaining };
      send({ type: 'result', id, ok: true, result });
    } catch (e) {
      send({ type: 'result', id, ok: false, error: toWireError(e) });
    }
  });
}
