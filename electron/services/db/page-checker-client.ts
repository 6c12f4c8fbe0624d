// The main process's side of the page checker (page-checker.ts): started on the first page that
// needs it, on a channel of its own to the replica worker (handed over by `connect`), restarted on
// the next page if it died. Pages given as bytes are moved to it, not copied.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Log } from '../log.ts';
import type { CheckedPage } from './page-checker.ts';
import { ReplicaError } from './replica-error.ts';
import { CHECKER_ROLE, WorkerMessage } from './worker-protocol.ts';

export interface PageCheckerClient {
  check(input: { after: string; body: string | Uint8Array<ArrayBuffer> }): Promise<CheckedPage>;
  stop(): Promise<void>;
}

interface Call {
  resolve: (r: CheckedPage) => void;
  reject: (e: Error) => void;
}

export function createPageCheckerClient(opts: { workerUrl: URL; connect: (port: MessagePort) => Promise<void>; log: Log }): PageCheckerClient {
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
    const w = new Worker(opts.workerUrl, { workerData: { role: CHECKER_ROLE, port: port2 }, transferList: [port2] });
    let cause: Error | null = null;
    w.on('message', (msg: unknown) => {
      const m = WorkerMessage.safeParse(msg);
      if (!m.success || m.data.type !== 'result') return opts.log.error({}, 'page checker sent an unexpected message');
      const call = pending.get(m.data.id);
      if (!call) return;
      pending.delete(m.data.id);
      if (m.data.ok) call.resolve(m.data.result as CheckedPage);
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
    async stop() {
      const c = checker;
      checker = null;
      if (!c) return;
      const w = await c.catch(() => null);
      await w?.terminate();
    },
  };
}
