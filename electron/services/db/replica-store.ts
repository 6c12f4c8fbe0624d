// The replica's operations on an open database (the worker's side of ReplicaApi): migrations run,
// statements prepared once, every method synchronous — the worker thread is the one that waits.
import { SYNC_ENTITIES, type SyncEntityName } from '../../../contract/sync.ts';
import { createPageApplier } from './apply-page.ts';
import { openKbIndex } from './kb-index.ts';
import { migrate } from './migrate.ts';
import type { Db } from './open-replica-file.ts';
import { createOutboxStore } from './outbox-store.ts';
import { createPending } from './pending.ts';
import { createReplicaReset } from './reset-replica.ts';
import type { ReplicaApi } from './replica-api.ts';
import { createRows } from './rows.ts';
import { STATE_KEYS, createSyncState } from './sync-state.ts';

export function createReplicaStore(db: Db): ReplicaApi {
  const { to: schemaVersion } = migrate(db);
  const rows = createRows(db);
  const state = createSyncState(db);
  const pending = createPending(db, rows);
  const outbox = createOutboxStore(db, rows, pending);
  const kb = openKbIndex(db);
  const applyPage = createPageApplier(db, rows, pending, state, kb);
  const resetRows = createReplicaReset(db, state);
  const reset = db.transaction(() => {
    kb.clear();
    return resetRows();
  });
  const cursor = () => state.get(STATE_KEYS.cursor) ?? '0';

  return {
    info: () => ({
      schemaVersion,
      cursor: cursor(),
      clientId: state.clientId(),
      firstSyncComplete: state.get(STATE_KEYS.firstSyncComplete) === '1',
      firstSyncRows: Number(state.get(STATE_KEYS.firstSyncRows) ?? 0),
      pagesApplied: Number(state.get(STATE_KEYS.pagesApplied) ?? 0),
      queued: outbox.count(),
      rows: Object.fromEntries(SYNC_ENTITIES.map((e) => [e, rows.count(e)])) as Record<SyncEntityName, number>,
    }),
    cursor,
    clientId: () => state.clientId(),
    applyPullPage: (input) => applyPage({ after: input.after, body: input.body }),
    enqueue: (input) => outbox.enqueue(input),
    outboxCount: () => outbox.count(),
    listOutbox: () => outbox.list(),
    takeBatch: (limit) => outbox.takeBatch(limit),
    releaseBatch: (seqs) => outbox.release(seqs),
    settle: (input) => outbox.settle({ sent: input.sent, results: input.results }),
    resetReplica: () => reset(),
    getRow(entity, id) {
      const row = rows.get(entity, id);
      return row ? { version: row.version.toString(), data: JSON.parse(row.data) as unknown } : null;
    },
    countRows: (entity) => rows.count(entity),
    searchKb: (input) => kb.search(input),
  };
}
