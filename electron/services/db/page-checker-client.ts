// The main process's side of the page checker (page-checker.ts): started on the first page that
// needs it, on a channel of its own to the replica worker (handed over by `connect`), restarted on
// the next page if it died. Pages given as bytes are moved to it, not copied; `fetch` has it
// fetch the page itself, so that the bytes never come here at all.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Log } from '../log.ts';
import type { PullRequest } from '../../../contract/sync.ts';
import { SyncError } from '../sync/sync-error.ts';
import { CheckerMessage, type CheckedPage, type PullSource } from './page-checker.ts';
import { ReplicaError } from './replica-error.ts';
import { CHECKER_ROLE } from './worker-protocol.ts';

/** A page to fetch from `source` and check: HTTP failures reject with the SyncError sync-http.ts makes. */
export interface FetchPageInput {
  source: PullSource;
  req: Required<PullRequest>;
}

export interface PageCheckerClient {
  check(input: { after: string; body: string | Uint8Array<ArrayBuffer> }): Promise<CheckedPage>;
  fetch(input: FetchPageInput, signal?: AbortSignal): Promise<CheckedPage>;
  stop(): Promise<void>;
}

interface Call {
  resolve: (r: CheckedPage) => void;
  reject: (e: Error) => void;
}

export interface PageCheckerOptions {
  workerUrl: URL;
  connect: (port: MessagePort) => Promise<void>;
  log: Log;
  /** The replica's file: the checker then copies its log back between pages (wal-checkpointer.ts). */
  checkpoint?: { path: string; key?: Uint8Array };
}

export function createPageCheckerClient(opts: PageCheckerOptions): PageCheckerClient {
  let checker: Promise<Worker> | null = null;
  const pending = new Map<number, Call>();
  let nextId = 1;

  function failAll(error: ReplicaError): void {
    const calls = [...pending.values()];
    pending.clear();
    for (const c of calls) c.reject(error);
  }

  async function start(): Promise<Worker> {
    const { port1, port2 } = new MessageChannel();
    await opts.connect(port1);
    const w = new Worker(opts.workerUrl, { workerData: { role: CHECKER_ROLE, port: port2, ...(opts.checkpoint ? { checkpoint: opts.checkpoint } : {}) }, transferList: [port2] });
    let cause: Error | null = null;
    w.on('message', (msg: unknown) => {
      const m = CheckerMessage.safeParse(msg);
      if (!m.success || (m.data.type !== 'result' && m.data.type !== 'sync_failed')) return opts.log.error({}, 'page checker sent an unexpected message');
      const call = pending.get(m.data.id);
      if (!call) return;
      pending.delete(m.data.id);
      if (m.data.type === 'sync_failed') {
        const { code, message, retry, retryAfterMs, field } = m.data.error;
        call.reject(new SyncError(code, message, retry, retryAfterMs, field));
      } else if (m.data.ok) call.resolve(m.data.result as CheckedPage);
      else call.reject(new ReplicaError(m.data.error.code, `checkPullPage: ${m.data.error.message}`, m.data.error.field));
    });
    w.on('error', (e) => {
      cause = e;
      opts.log.error({ err: e }, 'page checker failed');
    });
    w.once('exit', (code) => {
      checker = null;
      failAll(new ReplicaError('closed', `the page checker stopped (exit code ${code}${cause ? `: ${cause.message}` : ''})`));
    });
    return w;
  }

  const running = (): Promise<Worker> => {
    if (!checker) {
      const started = start();
      checker = started;
      started.catch(() => {
        if (checker === started) checker = null;
      });
    }
    return checker;
  };

  return {
    async check(input) {
      const w = await running();
      const id = nextId++;
      const body = input.body;
      const whole = body instanceof Uint8Array && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.byteLength > 0;
      return new Promise<CheckedPage>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        try {
          w.postMessage({ id, after: input.after, body }, whole ? [body.buffer] : []);
        } catch (e) {
          pending.delete(id);
          reject(new ReplicaError('invalid_input', `checkPullPage: the page cannot be sent to the checker (${(e as Error).message})`));
        }
      });
    },
    async fetch(input, signal) {
      signal?.throwIfAborted();
      const w = await running();
      const id = nextId++;
      return new Promise<CheckedPage>((resolve, reject) => {
        // The checker's fetch is aborted there; its failure then settles this call.
        const cancel = () => w.postMessage({ cancel: id });
        signal?.addEventListener('abort', cancel, { once: true });
        const done = () => signal?.removeEventListener('abort', cancel);
        pending.set(id, {
          resolve: (r) => (done(), resolve(r)),
          reject: (e) => (done(), reject(e)),
        });
        w.postMessage({ id, pull: { source: input.source, ...input.req } });
      });
    },
    async stop() {
      const c = checker;
      checker = null;
      if (!c) return;
      const w = await c.catch(() => null);
      await w?.terminate();
    },
  };
}
