// The one place the replica's SQLite file is opened. Everything that reads or writes the replica
// goes through the worker (worker.ts), which calls this once.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { unlockReplica } from './replica-cipher.ts';

export type Db = Database.Database;

export interface OpenReplicaFileOptions {
  /** How long a statement waits for another connection's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
  readonly?: boolean;
  /**
   * The encryption key (replica-cipher.ts). The app always gives one; without it the file is
   * plain (unit tests and tools that build a replica on purpose).
   */
  key?: Uint8Array | undefined;
}

export function openReplicaFile(path: string, opts: OpenReplicaFileOptions = {}): Db {
  if (path !== ':memory:' && !opts.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: opts.readonly ?? false });
  try {
    // The key comes before any other statement touches the file.
    if (opts.key) unlockReplica(db, path, opts.key, opts.readonly);
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(opts.busyTimeoutMs ?? 5000))}`);
    if (!opts.readonly) {
      // WAL: readers never wait for the syncing writer. NORMAL: a process crash loses nothing
      // committed; a power cut may lose the last transactions but never leaves a half-applied one.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // Up to 64 MB of pages in memory (SQLite's default is 2 MB): a pull page's transaction writes
      // several megabytes across the tables and their indexes, and every page read back from the
      // encrypted file is decrypted again.
      db.pragma('cache_size = -65536');
    }
    db.pragma('foreign_keys = ON');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
