// The replica's small key-value table: the pull cursor, first-sync progress, the client id.
// Written inside the same transactions as the rows they describe.
import { randomUUID } from 'node:crypto';
import type { Db } from './open-replica-file.ts';

export const STATE_KEYS = {
  /** The last feed version applied ("0" before the first page). */
  cursor: 'after',
  /** "1" once a pull reached the end of the feed for the first time. */
  firstSyncComplete: 'first_sync_complete',
  /** Rows applied by the first sync so far (so its percentage survives a restart). */
  firstSyncRows: 'first_sync_rows',
  /** Pages applied since the replica was created (diagnostics: a page applied twice shows here). */
  pagesApplied: 'pages_applied',
  /** This replica's client id for pushes: created once, never changed. */
  clientId: 'client_id',
} as const;

export interface SyncState {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  /** The client id, created on first use. */
  clientId(): string;
}

export function createSyncState(db: Db): SyncState {
  const get = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  const set = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const insertIfAbsent = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
  return {
    get: (key) => get.get(key) as string | undefined,
    set: (key, value) => void set.run(key, value),
    clientId() {
      insertIfAbsent.run(STATE_KEYS.clientId, randomUUID());
      return get.get(STATE_KEYS.clientId) as string;
    },
  };
}
