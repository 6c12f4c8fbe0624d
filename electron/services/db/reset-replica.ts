// Starting the replica over for a feed that is not the one it followed: the server's database was
// replaced or restored, so our cursor is ahead of its feed (it answers 409 on `after`) and its
// versions start below ours. Rows, cursor and first-sync progress go; the outbox stays, under a new
// client id with seqs renumbered from 1 — the server knows neither the old id nor its seqs, and
// refuses a seq that leaves a gap.
import { randomUUID } from 'node:crypto';
import { SYNC_ENTITIES } from '../../../contract/sync.ts';
import type { Db } from './open-replica-file.ts';
import { tableOf } from './entity-tables.ts';
import { STATE_KEYS, type SyncState } from './sync-state.ts';

export function createReplicaReset(db: Db, state: SyncState): () => { kept: number } {
  const seqs = db.prepare('SELECT seq FROM outbox ORDER BY seq').pluck();
  const renumber = db.prepare("UPDATE outbox SET seq = ?, status = 'pending' WHERE seq = ?");
  return db.transaction(() => {
    for (const e of SYNC_ENTITIES) db.prepare(`DELETE FROM ${tableOf(e)}`).run();
    db.prepare('DELETE FROM pending_base').run();
    state.set(STATE_KEYS.cursor, '0');
    state.set(STATE_KEYS.firstSyncComplete, '0');
    state.set(STATE_KEYS.firstSyncRows, '0');
    state.set(STATE_KEYS.clientId, randomUUID());
    const old = seqs.all() as number[];
    // Through negative numbers, so no two rows ever hold one seq on the way.
    db.prepare('UPDATE outbox SET seq = -seq').run();
    old.forEach((s, i) => renumber.run(i + 1, -s));
    // AUTOINCREMENT continues after the highest seq it ever gave; the next one must be n + 1.
    db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'").run(old.length);
    return { kept: old.length };
  });
}
