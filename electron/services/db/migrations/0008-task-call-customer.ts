// Follow-up tasks (callbacks promised at wrap-up) for outbound work, and calls by customer (the
// card's and the screen pop's "last calls", also for calls that have no conversation yet), and the
// phone's local marks.
import type { Db } from '../open-replica-file.ts';

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE task (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL,
      assignee_id TEXT NOT NULL, status TEXT NOT NULL, due_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX task_open_by_due ON task (assignee_id, status, due_at);
    ALTER TABLE call ADD COLUMN customer_id TEXT;
    UPDATE call SET customer_id = (SELECT v.customer_id FROM conversation v WHERE v.id = call.conversation_id);
    CREATE INDEX call_by_customer ON call (customer_id, started_at);
    -- The Phone feature's own marks on this PC (when the call history was last looked at); not
    -- synced, so a sync reset keeps them.
    CREATE TABLE phone_local (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  `);
}
