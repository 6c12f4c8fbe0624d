// A loopback HTTP server that answers POST /api/sync/pull with pages of a precomputed feed, in the
// real wire format, from a worker thread: the first-sync benchmark measures the client, so the
// server's share of each page is kept to one write of bytes encoded in advance, off the client's
// threads.
import { Worker } from 'node:worker_threads';
import type { FeedSpec } from './first-sync-rows.ts';

export interface PageServer {
  url: string;
  token: string;
  changes: number;
  /** CPU time of the server's thread so far (µs). */
  cpu(): Promise<NodeJS.CpuUsage>;
  close(): Promise<void>;
}

export async function startPageServer(specs: readonly FeedSpec[]): Promise<PageServer> {
  const token = 'b'.repeat(43);
  const worker = new Worker(new URL('./page-server-worker.ts', import.meta.url), { workerData: { specs, token } });
  const ready = await new Promise<{ url: string; changes: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`page server exited (${code}) before listening`)));
  });
  return {
    ...ready,
    token,
    cpu: () =>
      new Promise((resolve) => {
        worker.once('message', resolve);
        worker.postMessage('cpu');
      }),
    close: async () => {
      worker.postMessage('close');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}
