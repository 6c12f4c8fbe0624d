// The Inbox list: indexes that serve each of its filters in its order (latest first, id to break
// ties), so a window of 100 000 conversations is read from an index, not sorted; and what this PC
// has seen. inbox_seen is local (like kb_favourite): not synced, left alone by the sync reset, and
// keyed by id without a foreign key, because a reset empties `conversation` and the feed refills it.
import type { Db } from '../open-replica-file.ts';

export function up(db: Db): void {
  db.exec(`
    CREATE INDEX conversation_inbox_all ON conversation (updated_at, id);
    CREATE INDEX conversation_inbox_mine ON conversation (assignee_id, updated_at, id);
    CREATE INDEX conversation_inbox_channel ON conversation (channel, updated_at, id);
    CREATE INDEX conversation_inbox_status ON conversation (status, updated_at, id);
    CREATE INDEX conversation_inbox_category ON conversation ((data ->> '$.category'), updated_at, id);
    CREATE TABLE inbox_seen (conversation_id TEXT PRIMARY KEY, seen_at TEXT NOT NULL) STRICT;
  `);
}
