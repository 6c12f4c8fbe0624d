// Reads and writes of entity rows, one set of prepared statements per entity, built from
// ENTITY_COLUMNS. Versions are bound and read as BigInt (a feed version may exceed 2^53).
import type { Statement } from 'better-sqlite3';
import type { SyncEntityName } from '../../../contract/sync.ts';
import type { Db } from './open-replica-file.ts';
import { columnExtractors, columnNames, tableOf } from './entity-tables.ts';
import { MAX_ROWS_PER_INSERT } from './multi-insert.ts';

export interface StoredRow {
  version: bigint;
  data: string;
}

/** What writeIfNewer did: a row that was not there, a newer version over the stored one, or nothing (stale). */
export type Written = 'inserted' | 'updated' | null;

/** A row already serialised (see writeIfNewer). */
export interface NewRow {
  id: string;
  version: bigint;
  json: string;
  columns: readonly unknown[];
}

export interface Rows {
  /** Inserts or replaces the row only if `version` is newer than the stored one; true if written. */
  upsertIfNewer(entity: SyncEntityName, id: string, version: bigint, data: unknown): boolean;
  /**
   * upsertIfNewer for a row already serialised: `json` is its data as JSON, `columns` the values of
   * columnNames(entity) in order (prepare-page.ts makes both, possibly on another thread).
   */
  writeIfNewer(entity: SyncEntityName, id: string, version: bigint, json: string, columns: readonly unknown[]): Written;
  /**
   * Inserts rows none of which should be stored yet (distinct ids), at most MAX_ROWS_PER_INSERT,
   * in one statement: a first sync's rows. False, and nothing written, if one is stored after all
   * (the caller then writes them one by one with writeIfNewer).
   */
  insertAllNew(entity: SyncEntityName, rows: readonly NewRow[]): boolean;
  /** Deletes the row only if `version` is newer than the stored one; true if deleted. */
  deleteIfNewer(entity: SyncEntityName, id: string, version: bigint): boolean;
  /** Writes the row whatever its version (optimistic changes keep the server's version). */
  put(entity: SyncEntityName, id: string, version: bigint, data: unknown): void;
  remove(entity: SyncEntityName, id: string): void;
  get(entity: SyncEntityName, id: string): StoredRow | undefined;
  count(entity: SyncEntityName): number;
}

interface Statements {
  /** The row's parameters for upsertIfNewer and put: id, version, data, then the columns. */
  params(id: string, version: bigint, data: unknown): unknown[];
  upsertIfNewer: Statement;
  /** Inserts a row that is not there yet (no change if it is): a first sync's rows take one statement. */
  insertNew: Statement;
  /** insertNew for n rows in one statement, without the conflict clause: a stored id fails it whole. */
  insertAll(n: number): Statement;
  /** Replaces a stored row of an older version. */
  updateIfNewer: Statement;
  put: Statement;
  deleteIfNewer: Statement;
  remove: Statement;
  get: Statement;
  count: Statement;
}

function prepare(db: Db, entity: SyncEntityName): Statements {
  const t = tableOf(entity);
  const cols = ['id', 'version', 'data', ...columnNames(entity)];
  const marks = cols.map(() => '?').join(', ');
  const sets = cols.slice(1).map((c) => `${c} = excluded.${c}`).join(', ');
  const insert = `INSERT INTO ${t} (${cols.join(', ')}) VALUES (${marks}) ON CONFLICT (id) DO UPDATE SET ${sets}`;
  const extract = columnExtractors(entity);
  const insertAll = new Map<number, Statement>();
  return {
    params(id, version, data) {
      const p: unknown[] = [id, version, JSON.stringify(data)];
      for (const f of extract) p.push(f(data));
      return p;
    },
    upsertIfNewer: db.prepare(`${insert} WHERE excluded.version > ${t}.version`),
    insertNew: db.prepare(`INSERT INTO ${t} (${cols.join(', ')}) VALUES (${marks}) ON CONFLICT (id) DO NOTHING`),
    insertAll(n) {
      let st = insertAll.get(n);
      if (!st) insertAll.set(n, (st = db.prepare(`INSERT INTO ${t} (${cols.join(', ')}) VALUES ${Array<string>(n).fill(`(${marks})`).join(', ')}`)));
      return st;
    },
    updateIfNewer: db.prepare(`UPDATE ${t} SET ${cols.slice(1).map((c) => `${c} = ?`).join(', ')} WHERE id = ? AND version < ?`),
    put: db.prepare(insert),
    deleteIfNewer: db.prepare(`DELETE FROM ${t} WHERE id = ? AND version < ?`),
    remove: db.prepare(`DELETE FROM ${t} WHERE id = ?`),
    get: db.prepare(`SELECT version, data FROM ${t} WHERE id = ?`).safeIntegers(true),
    count: db.prepare(`SELECT count(*) AS n FROM ${t}`).pluck(),
  };
}

export function createRows(db: Db): Rows {
  // Prepared on first use: a replica opened at an older schema (tests of migrations) need not have
  // every entity's table yet.
  const cache = new Map<SyncEntityName, Statements>();
  const of = (entity: SyncEntityName): Statements => {
    let s = cache.get(entity);
    if (!s) cache.set(entity, (s = prepare(db, entity)));
    return s;
  };
  return {
    upsertIfNewer(entity, id, version, data) {
      const s = of(entity);
      return s.upsertIfNewer.run(s.params(id, version, data)).changes > 0;
    },
    writeIfNewer(entity, id, version, json, columns) {
      const s = of(entity);
      if (s.insertNew.run(id, version, json, ...columns).changes > 0) return 'inserted';
      return s.updateIfNewer.run(version, json, ...columns, id, version).changes > 0 ? 'updated' : null;
    },
    insertAllNew(entity, batch) {
      if (batch.length === 0) return true;
      if (batch.length > MAX_ROWS_PER_INSERT) throw new Error(`insertAllNew: ${batch.length} rows, at most ${MAX_ROWS_PER_INSERT}`);
      const values: unknown[] = [];
      for (const r of batch) {
        values.push(r.id, r.version, r.json);
        for (const c of r.columns) values.push(c);
      }
      try {
        of(entity).insertAll(batch.length).run(values);
        return true;
      } catch (e) {
        // SQLite undoes the failed statement alone; the page's transaction goes on.
        if ((e as { code?: unknown }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return false;
        throw e;
      }
    },
    deleteIfNewer: (entity, id, version) => of(entity).deleteIfNewer.run(id, version).changes > 0,
    put(entity, id, version, data) {
      const s = of(entity);
      s.put.run(s.params(id, version, data));
    },
    remove: (entity, id) => void of(entity).remove.run(id),
    get: (entity, id) => of(entity).get.get(id) as StoredRow | undefined,
    count: (entity) => of(entity).count.get() as number,
  };
}
