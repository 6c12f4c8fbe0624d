// Favourites and recently opened articles: the agent's own, on this PC. Not synced, so the sync
// reset (reset-replica.ts) leaves them alone; they point at articles by id without a foreign key,
// because a reset empties `article` and the feed fills it again with the same ids.
import type { Db } from '../open-replica-file.ts';

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE kb_favourite (article_id TEXT PRIMARY KEY, added_at TEXT NOT NULL) STRICT;
    -- seq orders openings: two in the same millisecond still have an order.
    CREATE TABLE kb_recent (article_id TEXT PRIMARY KEY, opened_at TEXT NOT NULL, seq INTEGER NOT NULL) STRICT;
    CREATE INDEX kb_recent_by_seq ON kb_recent (seq);
  `);
}
