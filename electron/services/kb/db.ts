// The database handle the knowledge-base index works on: the replica's better-sqlite3 connection,
// opened elsewhere (in the replica worker). Every function here is synchronous on purpose.
import type Database from 'better-sqlite3';

export type Db = Database.Database;
