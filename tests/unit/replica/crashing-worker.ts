// The replica worker with extra methods that misbehave, for the worker-failure tests.
import { parentPort, workerData } from 'node:worker_threads';
import { serveReplica } from '../../../electron/services/db/worker-host.ts';

serveReplica(parentPort!, workerData, {
  /** Ends the thread without answering. */
  exitNow: () => process.exit(3),
  /** Answers, then throws outside any handler: an uncaught exception ends the thread. */
  throwSoon: () => {
    setImmediate(() => {
      throw new Error('boom in the replica worker');
    });
    return 'ok';
  },
  /** Keeps the thread busy (a long query). */
  busy: (ms: unknown) => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(ms));
    return 'done';
  },
  /** Answers with something postMessage cannot clone. */
  unclonable: () => () => 1,
});
