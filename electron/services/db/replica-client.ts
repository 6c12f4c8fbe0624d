// The replica as the main process uses it: each ReplicaApi method returns a promise answered by the
// worker thread, so no query ever blocks the main process. If the worker dies, every pending call
// is rejected with a `closed` ReplicaError naming the cause, crash listeners hear about it, and
// reopen() starts a fresh worker on the same file.
import { Worker, type Transferable } from 'node:worker_threads';
import { silentLog, type Log } from '../log.ts';
import type { CheckedPage } from './page-checker.ts';
import { createPageCheckerClient, type FetchPageInput } from './page-checker-client.ts';
import { REPLICA_METHODS, type ReplicaApi, type ReplicaMethod } from './replica-api.ts';
import { ReplicaError } from './replica-error.ts';
import { CHECKER_METHOD, CLOSE_METHOD, WorkerMessage, type WorkerData } from './worker-protocol.ts';

export type ReplicaCalls = {
  [K in ReplicaMethod]: (...args: Parameters<ReplicaApi[K]>) => Promise<ReturnType<ReplicaApi[K]>>;
};

export interface ReplicaDb extends ReplicaCalls {
  readonly path: string;
  /**
   * Checks and prepares a pull page on the page checker's thread (page-checker.ts), while the
   * worker may be applying the page before; applyCheckedPage({after, ticket}) then applies it.
   * A page given as bytes is moved there, not copied.
   */
  checkPullPage(input: { after: string; body: string | Uint8Array<ArrayBuffer> }): Promise<CheckedPage>;
  /**
   * Fetches a pull page on the page checker's thread and checks it there, so the page's bytes
   * never reach the main process; HTTP failures reject with the SyncError sync-http.ts makes.
   */
  fetchPullPage(input: FetchPageInput, signal?: AbortSignal): Promise<CheckedPage>;
  isOpen(): boolean;
  /** Calls a worker method by name with unchecked arguments (the worker checks them). */
  call(method: string, args: unknown[]): Promise<unknown>;
  /** Hears about a worker that died without close(); returns the unsubscribe function. */
  onCrash(listener: (error: ReplicaError) => void): () => void;
  /** Lets pending calls finish, closes the database, ends the worker. */
  close(): Promise<void>;
  /** Starts a fresh worker on the same file (after a crash, or a close). */
  reopen(): Promise<void>;
}

export interface OpenReplicaOptions {
  path: string;
  busyTimeoutMs?: number;
  /** The encryption key (replica-cipher.ts, replica-keys.ts); without it the file is plain. */
  key?: Uint8Array;
  /** The worker entry; a bundled build passes its own (see worker.ts). */
  workerUrl?: URL;
  log?: Log;
}

interface PendingCall {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export const DEFAULT_WORKER_URL = new URL('./worker.ts', import.meta.url);

/**
 * A pull page given as bytes is moved to the worker, not copied: the caller's array is emptied.
 * Only an array that is its whole buffer (sync-http.ts reads pages into one), never a view of a
 * shared pool.
 */
function handOver(input: unknown): ArrayBuffer[] {
  const body = (input as { body?: unknown } | null)?.body;
  if (!(body instanceof Uint8Array) || !(body.buffer instanceof ArrayBuffer)) return [];
  return body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.byteLength > 0 ? [body.buffer] : [];
}

export async function openReplica(opts: OpenReplicaOptions): Promise<ReplicaDb> {
  const log = opts.log ?? silentLog;
  const data: WorkerData = {
    path: opts.path,
    ...(opts.busyTimeoutMs !== undefined ? { busyTimeoutMs: opts.busyTimeoutMs } : {}),
    ...(opts.key ? { key: opts.key } : {}),
  };
  const crashListeners = new Set<(e: ReplicaError) => void>();
  const pending = new Map<number, PendingCall>();
  const closing = new WeakSet<Worker>(); // workers ended on purpose: their exit is no crash
  let worker: Worker | null = null;
  let nextId = 1;

  function failAll(error: ReplicaError): void {
    const calls = [...pending.values()];
    pending.clear();
    for (const c of calls) c.reject(error);
  }

  function onMessage(msg: unknown): void {
    const m = WorkerMessage.safeParse(msg);
    if (!m.success || m.data.type !== 'result') {
      log.error({ issue: m.success ? m.data.type : m.error.issues[0]?.message }, 'replica worker sent an unexpected message');
      return;
    }
    const call = pending.get(m.data.id);
    if (!call) return;
    pending.delete(m.data.id);
    if (m.data.ok) call.resolve(m.data.result);
    else call.reject(new ReplicaError(m.data.error.code, `${call.method}: ${m.data.error.message}`, m.data.error.field));
  }

  function spawn(): Promise<void> {
    const w = new Worker(opts.workerUrl ?? DEFAULT_WORKER_URL, { workerData: data });
    let ready = false;
    let cause: Error | null = null;
    return new Promise<void>((resolve, reject) => {
      w.once('message', (first: unknown) => {
        const m = WorkerMessage.safeParse(first);
        if (m.success && m.data.type === 'ready') {
          ready = true;
          worker = w;
          w.on('message', onMessage);
          resolve();
          return;
        }
        closing.add(w);
        void w.terminate();
        const failed = m.success && m.data.type === 'open_failed' ? m.data.error : null;
        const code = failed?.code === 'key_mismatch' ? 'key_mismatch' : 'open_failed';
        reject(new ReplicaError(code, `cannot open the replica ${opts.path}: ${failed?.message ?? 'unexpected first message'}`));
      });
      w.on('error', (e) => {
        cause = e;
        log.error({ err: e }, 'replica worker failed');
      });
      w.once('exit', (code) => {
        if (!ready) {
          reject(new ReplicaError('open_failed', `replica worker exited (code ${code}) before opening ${opts.path}${cause ? `: ${cause.message}` : ''}`));
          return;
        }
        if (worker === w) worker = null;
        void checker.stop(); // its channel led to this worker
        const closedOnPurpose = closing.has(w);
        const error = new ReplicaError(
          'closed',
          closedOnPurpose
            ? 'the replica was closed'
            : `the replica worker died (exit code ${code}${cause ? `: ${cause.message}` : ''}); reopen the replica`,
        );
        failAll(error);
        if (!closedOnPurpose) {
          log.error({ code, err: cause }, 'replica worker died');
          for (const l of crashListeners) l(error);
        }
      });
    });
  }

  function call(method: string, args: unknown[], transfer: Transferable[] = []): Promise<unknown> {
    const w = worker;
    if (!w) return Promise.reject(new ReplicaError('closed', `${method}: the replica is closed; reopen it`));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { method, resolve, reject });
      try {
        w.postMessage({ id, method, args }, transfer);
      } catch (e) {
        pending.delete(id);
        reject(new ReplicaError('invalid_input', `${method}: arguments cannot be sent to the worker (${(e as Error).message})`));
      }
    });
  }

  const checker = createPageCheckerClient({
    workerUrl: opts.workerUrl ?? DEFAULT_WORKER_URL,
    connect: (port) => call(CHECKER_METHOD, [port], [port]).then(() => undefined),
    log,
    ...(opts.path === ':memory:' ? {} : { checkpoint: { path: opts.path, ...(opts.key ? { key: opts.key } : {}) } }),
  });

  async function close(): Promise<void> {
    await checker.stop();
    const w = worker;
    if (!w) return;
    closing.add(w);
    // Queued behind every call already sent, so those finish first.
    await call(CLOSE_METHOD, []).catch(() => undefined);
    await w.terminate();
  }

  await spawn();

  const methods = Object.fromEntries(REPLICA_METHODS.map((m) => [m, (...args: unknown[]) => call(m, args, m === 'applyPullPage' ? handOver(args[0]) : [])])) as unknown as ReplicaCalls;
  return {
    ...methods,
    path: opts.path,
    checkPullPage: (input) => checker.check(input),
    fetchPullPage: (input, signal) => checker.fetch(input, signal),
    isOpen: () => worker !== null,
    call,
    onCrash(listener) {
      crashListeners.add(listener);
      return () => crashListeners.delete(listener);
    },
    close,
    async reopen() {
      await close();
      await spawn();
    },
  };
}
