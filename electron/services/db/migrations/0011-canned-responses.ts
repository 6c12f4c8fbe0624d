// The reply composer's offline parts: canned responses (a synced catalogue, by language and order),
// the operator's unsent reply drafts, and the files of replies still in the outbox (the mutation
// carries only their ids; the thread shows their names and sizes). The last two are local (like
// kb_favourite): never synced, left alone by the sync reset, keyed without foreign keys, because a
// reset empties the synced tables and the feed refills them with the same ids.
import type { Db } from '../open-replica-file.ts';

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE canned_response (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL,
      language TEXT NOT NULL, sort INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE reply_draft (conversation_id TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
    CREATE TABLE reply_file (message_id TEXT NOT NULL, position INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (message_id, position)) STRICT;
  `);
}
