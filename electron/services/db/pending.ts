// Optimistic changes that survive pulls and undo exactly. For every row a pending mutation has
// patched, pending_base keeps the row as the server last sent it; the row shown is that base with
// the outbox's patches on top, in seq order. So:
//   a pulled change to such a row → new base, patches replayed (the operator's edit stays visible);
//   a rejected mutation → its patches leave the outbox, the row is rebuilt without them;
//   an applied one → its patches are folded into the base (the server has them now).
// A single undo snapshot per mutation could not do this: two pending edits of one row, or a pull
// between the edit and the rejection, would restore stale data.
import type { SyncEntityName } from '../../../contract/sync.ts';
import type { Db } from './open-replica-file.ts';
import { patchRow, rowKey, type RowPatch } from './row-patch.ts';
import type { Rows, StoredRow } from './rows.ts';

interface Base {
  version: bigint;
  data: string | null;
}

export interface Pending {
  /** Keys (rowKey) of the rows that outbox mutations patch. */
  keys(): Set<string>;
  /** Remembers the server's row before the first pending patch touches it. */
  capture(entity: SyncEntityName, id: string, row: StoredRow): void;
  /** A pulled upsert (data) or tombstone (null) of a row with pending patches; false if stale. */
  serverChanged(entity: SyncEntityName, id: string, version: bigint, data: unknown): boolean;
  /** Folds an applied mutation's patches into the bases. */
  fold(patches: readonly RowPatch[]): void;
  /** Rebuilds the row from its base and the outbox's patches; forgets the base when none remain. */
  recompute(entity: SyncEntityName, id: string): void;
}

export function createPending(db: Db, rows: Rows): Pending {
  const keys = db.prepare(`SELECT DISTINCT p.value ->> '$.entity' AS entity, p.value ->> '$.id' AS id FROM outbox o, json_each(o.apply) p`);
  const get = db.prepare('SELECT version, data FROM pending_base WHERE entity = ? AND id = ?').safeIntegers(true);
  const insert = db.prepare('INSERT INTO pending_base (entity, id, version, data) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const update = db.prepare('UPDATE pending_base SET version = ?, data = ? WHERE entity = ? AND id = ?');
  const forget = db.prepare('DELETE FROM pending_base WHERE entity = ? AND id = ?');
  // Every outbox patch of one row, oldest first; json_each keeps the filtering in SQLite.
  const patchesOf = db
    .prepare(
      `SELECT p.value FROM outbox o, json_each(o.apply) p
       WHERE p.value ->> '$.entity' = ? AND p.value ->> '$.id' = ? ORDER BY o.seq, p.key`,
    )
    .pluck();

  function recompute(entity: SyncEntityName, id: string): void {
    const base = get.get(entity, id) as Base | undefined;
    if (!base) return;
    const patches = (patchesOf.all(entity, id) as string[]).map((p) => JSON.parse(p) as RowPatch);
    if (base.data === null) rows.remove(entity, id);
    else {
      let data: unknown = JSON.parse(base.data);
      for (const p of patches) {
        try {
          data = patchRow(entity, data, p.set, 'apply');
        } catch {
          // The server's row changed so this patch no longer fits; the server will decide.
        }
      }
      rows.put(entity, id, base.version, data);
    }
    if (patches.length === 0) forget.run(entity, id);
  }

  return {
    keys: () => new Set((keys.all() as Array<{ entity: SyncEntityName; id: string }>).map((k) => rowKey(k.entity, k.id))),
    capture: (entity, id, row) => void insert.run(entity, id, row.version, row.data),
    serverChanged(entity, id, version, data) {
      const json = data === null ? null : JSON.stringify(data);
      const base = get.get(entity, id) as Base | undefined;
      if (base) {
        if (version <= base.version) return false;
        update.run(version, json, entity, id);
      } else {
        // No base yet (the row was absent when queued, or the replica started over): the server's
        // row becomes the base, unless the replica already holds a newer one.
        const row = rows.get(entity, id);
        if (row && version <= row.version) return false;
        insert.run(entity, id, version, json);
      }
      recompute(entity, id);
      return true;
    },
    fold(patches) {
      for (const p of patches) {
        const base = get.get(p.entity, p.id) as Base | undefined;
        if (!base || base.data === null) continue;
        try {
          update.run(base.version, JSON.stringify(patchRow(p.entity, JSON.parse(base.data), p.set, 'apply')), p.entity, p.id);
        } catch {
          // Unreachable in practice: the patch fitted when queued; the next pull brings the truth.
        }
      }
    },
    recompute,
  };
}
