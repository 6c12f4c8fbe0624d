// Copies the replica's write-ahead log back into the database file from a thread other than the
// worker's (the page checker's, page-checker.ts), on a connection of its own. A checkpoint is a
// large share of what a commit costs during a first sync (the log grows by megabytes a page); done
// by the worker it holds up the next page. SQLite allows a checkpoint beside a writer: PASSIVE
// copies what is committed and never waits for or blocks the writer. The log only starts over
// when a checkpoint by the writer itself finds it all copied, so the worker keeps a checkpoint of
// its own at a higher mark (LOG_PAGES_BEFORE_WORKER_CHECKPOINT), which then has little left to do.
// The worker also copies the log itself when no checked page waits for it (worker-host.ts): then
// it is the checker that is busy, and the copying is better done on the worker's idle core.
import { openReplicaFile, type Db } from './open-replica-file.ts';

/** The worker's own checkpoint mark while a background checkpointer runs (SQLite's default: 1000). */
export const LOG_PAGES_BEFORE_WORKER_CHECKPOINT = 8192;

export interface WalCheckpointer {
  /** Copies what is committed; quietly does nothing if the file is busy or gone (the worker's mark remains). */
  checkpoint(): void;
  close(): void;
}

export function createWalCheckpointer(path: string, key: Uint8Array | undefined): WalCheckpointer {
  let db: Db | null = null;
  let broken = false;
  return {
    checkpoint() {
      if (broken) return;
      try {
        db ??= openReplicaFile(path, { key, busyTimeoutMs: 0 });
        db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // A wrong key or a file being replaced (the replica starting over): the worker's own
        // checkpoint still keeps the log bounded, so this connection simply stops trying.
        db?.close();
        db = null;
        broken = true;
      }
    },
    close() {
      db?.close();
      db = null;
    },
  };
}
