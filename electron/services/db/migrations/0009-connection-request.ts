// Prospects' connection requests the agent took (their own recent ones, through the feed), for the
// list of what they took and its "sent / waiting" marks.
import type { Db } from '../open-replica-file.ts';

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE connection_request (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL,
      created_by TEXT NOT NULL, created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX connection_request_by_creator ON connection_request (created_by, created_at);
  `);
}
