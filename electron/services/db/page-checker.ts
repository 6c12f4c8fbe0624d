// The page checker: a second thread beside the replica worker that checks and prepares pull pages
// (prepare-page.ts: JSON, the contract's schema for every row, search keys and terms) while the
// worker applies the page before — the two halves of applying a page overlap, on two cores, and
// the main process never parses a page. Started by the replica client when a pull first needs it
// (replica-client.ts); answers the main process like the worker does ({type: 'result', id, ...})
// and hands each prepared page to the worker on a port of their own (checked-pages.ts), under the
// request's id as ticket, packed flat (packed-page.ts).
//
// It can also fetch the page itself (a `pull` request: the same sync-http.ts the engine uses, with
// the engine's server, token and limits), so a page's megabytes never touch the main process at
// all: reading them there made its garbage collector pause the app's event loop for tens of
// milliseconds at a time during a first sync. HTTP failures come back as `sync_failed` with the
// SyncError's code and retry advice, so the engine treats them as it treats its own.
import type { MessagePort } from 'node:worker_threads';
import { z } from 'zod';
import { ERROR_CODES } from '../../../contract/errors.ts';
import { MAX_PULL_LIMIT, SyncVersion } from '../../../contract/sync.ts';
import { SyncError } from '../sync/sync-error.ts';
import { createSyncHttp, type SyncHttp } from '../sync/sync-http.ts';
import { packPage } from './packed-page.ts';
import { preparePage } from './prepare-page.ts';
import { toWireError } from './worker-host.ts';
import { WorkerMessage } from './worker-protocol.ts';

const Id = z.number().int().nonnegative();

export const CheckRequest = z.strictObject({
  id: Id,
  after: SyncVersion,
  body: z.union([z.string(), z.instanceof(Uint8Array)]),
});

/** Where and how to fetch a page: what the engine's own sync-http.ts is created with. */
export const PullSource = z.strictObject({
  serverUrl: z.string().min(1),
  token: z.string(),
  timeoutMs: z.number().int().positive().optional(),
  maxPullBytes: z.number().int().positive().optional(),
});
export type PullSource = z.infer<typeof PullSource>;

export const FetchRequest = z.strictObject({
  id: Id,
  pull: z.strictObject({
    source: PullSource,
    protocol: z.number().int(),
    after: SyncVersion,
    limit: z.number().int().min(1).max(MAX_PULL_LIMIT),
  }),
});

/** Gives up the fetch of request `cancel` (the engine stops); it then fails as a fetch does. */
export const CancelRequest = z.strictObject({ cancel: Id });

const CheckerRequest = z.union([CheckRequest, FetchRequest, CancelRequest]);

/** A fetch that failed over HTTP: the SyncError, as sync-http.ts made it. */
export const SyncFailure = z.strictObject({
  type: z.literal('sync_failed'),
  id: Id,
  error: z.strictObject({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    field: z.string().optional(),
    retry: z.enum(['backoff', 'never']),
    retryAfterMs: z.number().nonnegative().optional(),
  }),
});
export type SyncFailure = z.infer<typeof SyncFailure>;

export const CheckerMessage = z.union([WorkerMessage, SyncFailure]);
export type CheckerMessage = z.infer<typeof CheckerMessage>;

/** What the main process learns of a checked page: enough to ask for the next one. */
export interface CheckedPage {
  ticket: number;
  changes: number;
  next: string;
  hasMore: boolean;
  remaining: number;
}

type Port = Pick<MessagePort, 'postMessage' | 'on'>;

/** `checkpoint`, when given, runs after each page handed to the worker (wal-checkpointer.ts). */
export function serveChecker(parent: Port, toReplica: Pick<MessagePort, 'postMessage'>, checkpoint?: () => void): void {
  const send = (m: CheckerMessage) => parent.postMessage(m);
  const fetching = new Map<number, AbortController>();
  let http: { key: string; client: SyncHttp } | null = null;

  const clientFor = (source: PullSource): SyncHttp => {
    const key = JSON.stringify(source);
    if (http?.key !== key) http = { key, client: createSyncHttp(source) };
    return http.client;
  };

  function check(id: number, after: string, body: string | Uint8Array): void {
    try {
      const page = preparePage(body, after);
      toReplica.postMessage({ ticket: id, page: packPage(page) });
      const result: CheckedPage = { ticket: id, changes: page.changes.length, next: page.next, hasMore: page.hasMore, remaining: page.remaining };
      send({ type: 'result', id, ok: true, result });
    } catch (e) {
      send({ type: 'result', id, ok: false, error: toWireError(e) });
      return;
    }
    // After the answer: the main process asks for the next page meanwhile, and what the worker
    // committed of the pages before is copied while it applies this one.
    if (checkpoint) setImmediate(checkpoint);
  }

  async function fetchAndCheck(id: number, pull: z.infer<typeof FetchRequest>['pull']): Promise<void> {
    const abort = new AbortController();
    fetching.set(id, abort);
    let body: Uint8Array;
    try {
      body = await clientFor(pull.source).pull({ protocol: pull.protocol, after: pull.after, limit: pull.limit }, abort.signal);
    } catch (e) {
      if (e instanceof SyncError) {
        const { code, message, field, retry, retryAfterMs } = e;
        send({ type: 'sync_failed', id, error: { code, message, retry, ...(field ? { field } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) } });
      } else {
        send({ type: 'result', id, ok: false, error: toWireError(e) });
      }
      return;
    } finally {
      fetching.delete(id);
    }
    check(id, pull.after, body);
  }

  parent.on('message', (msg: unknown) => {
    const req = CheckerRequest.safeParse(msg);
    if (!req.success) {
      const id = (msg as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
        send({ type: 'result', id, ok: false, error: { code: 'invalid_input', message: `malformed check request: ${req.error.issues[0]?.message}` } });
      }
      return;
    }
    const r = req.data;
    if ('cancel' in r) fetching.get(r.cancel)?.abort();
    else if ('pull' in r) void fetchAndCheck(r.id, r.pull);
    else check(r.id, r.after, r.body);
  });
}
