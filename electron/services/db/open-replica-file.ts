// The one place the replica's SQLite file is opened. Everything that reads or writes the replica
// goes through the worker (worker.ts), which calls this once.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface OpenReplicaFileOptions {
  /** How long a statement waits for another connection's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
  readonly?: boolean;
}

export function openReplicaFile(path: string, opts: OpenReplicaFileOptions = {}): Db {
  if (path !== ':memory:' && !opts.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: opts.readonly ?? false });
  try {
    // Encryption at rest: a SQLCipher build will take its key here (`PRAGMA key`, from
    // safeStorage), before any other statement touches the file.
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(opts.busyTimeoutMs ?? 5000))}`);
    if (!opts.readonly) {
      // WAL: readers never wait for the syncing writer. NORMAL: a process crash loses nothing
      // committed; a power cut may lose the last transactions but never leaves a half-applied one.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
