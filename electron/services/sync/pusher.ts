// Sends the outbox in seq order, in batches of at most MAX_PUSH_BATCH. The replica settles each
// answer in a transaction (outbox-store.ts); a batch that got no answer (network down, timeout) goes
// back to pending unchanged, to be sent again — the server answers "duplicate" for what it had.
import { MAX_PUSH_BATCH, SYNC_PROTOCOL_VERSION } from '../../../contract/sync.ts';
import type { RejectedMutation } from '../db/outbox-store.ts';
import type { ReplicaCalls } from '../db/replica-client.ts';
import { SyncError } from './sync-error.ts';
import type { SyncHttp } from './sync-http.ts';

export interface PushOptions {
  db: Pick<ReplicaCalls, 'takeBatch' | 'releaseBatch' | 'settle'>;
  http: Pick<SyncHttp, 'push'>;
  clientId: string;
  batchSize?: number;
  signal?: AbortSignal;
  onRejected?: (rejected: RejectedMutation) => void;
}

export interface PushSummary {
  batches: number;
  settled: number;
  rejected: number;
}

export async function pushAll(opts: PushOptions): Promise<PushSummary> {
  const summary: PushSummary = { batches: 0, settled: 0, rejected: 0 };
  const size = Math.min(MAX_PUSH_BATCH, opts.batchSize ?? MAX_PUSH_BATCH);
  for (;;) {
    const batch = await opts.db.takeBatch(size);
    if (batch.length === 0) return summary;
    const seqs = batch.map((m) => m.seq);
    let results;
    try {
      opts.signal?.throwIfAborted();
      ({ results } = await opts.http.push({ protocol: SYNC_PROTOCOL_VERSION, clientId: opts.clientId, mutations: batch }, opts.signal));
    } catch (e) {
      await opts.db.releaseBatch(seqs);
      throw e;
    }
    const settled = await opts.db.settle({ sent: seqs, results });
    summary.batches++;
    summary.settled += settled.settled;
    summary.rejected += settled.rejected.length;
    for (const r of settled.rejected) opts.onRejected?.(r);
    // Unanswered mutations are pending again; sending the same batch forever would be a hot loop.
    if (settled.settled + settled.rejected.length === 0) {
      throw new SyncError('incompatible_server', `the server answered none of ${seqs.length} mutations (seq ${seqs[0]}…${seqs.at(-1)})`);
    }
  }
}
