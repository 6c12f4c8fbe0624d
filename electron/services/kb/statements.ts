// Prepared statements kept per connection: preparing parses and plans the SQL, which costs more
// than running most of these statements, and a search or an index run would otherwise pay it on
// every call. Keyed by the SQL text, which never holds input (everything is a bound parameter);
// one SQL text is used in one mode only (plain or pluck), as statements keep that setting.
import type Database from 'better-sqlite3';
import type { Db } from './db.ts';

const byDb = new WeakMap<Db, Map<string, unknown>>();

export function statement<P extends unknown[] | object = unknown[], R = unknown>(
  db: Db,
  sql: string,
): P extends unknown[] ? Database.Statement<P, R> : Database.Statement<[P], R> {
  let cache = byDb.get(db);
  if (cache === undefined) byDb.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (s === undefined) cache.set(sql, (s = db.prepare(sql)));
  return s as P extends unknown[] ? Database.Statement<P, R> : Database.Statement<[P], R>;
}
