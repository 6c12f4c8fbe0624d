// The replica: one table per synced entity (id, feed version, the row as JSON, plus the columns
// features filter and sort on), the sync cursor, and the outbox of mutations not yet settled.
//
// No foreign keys between replica tables: rows arrive in feed order, so a message may land before
// its conversation, and a conversation may point at a customer outside this agent's scope.
import type { Db } from '../open-replica-file.ts';

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE article (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL,
      category TEXT NOT NULL, title TEXT NOT NULL, updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX article_by_category ON article (category, title);
    CREATE INDEX article_by_updated ON article (updated_at);

    CREATE TABLE tariff (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL,
      name TEXT NOT NULL
    ) STRICT;

    CREATE TABLE extra_service (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL,
      name TEXT NOT NULL
    ) STRICT;

    CREATE TABLE agent (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL,
      login TEXT NOT NULL, display_name TEXT NOT NULL, role TEXT NOT NULL, site_id TEXT NOT NULL
    ) STRICT;

    CREATE TABLE customer (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL,
      account_number TEXT NOT NULL, full_name TEXT NOT NULL
    ) STRICT;
    CREATE INDEX customer_by_account ON customer (account_number);
    CREATE INDEX customer_by_name ON customer (full_name);

    CREATE TABLE conversation (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL,
      customer_id TEXT, assignee_id TEXT, status TEXT NOT NULL, channel TEXT NOT NULL, updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX conversation_by_assignee ON conversation (assignee_id, status, updated_at);
    CREATE INDEX conversation_by_customer ON conversation (customer_id, updated_at);

    CREATE TABLE message (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL,
      conversation_id TEXT NOT NULL, created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX message_by_conversation ON message (conversation_id, created_at);

    CREATE TABLE call (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL,
      conversation_id TEXT, agent_id TEXT, started_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX call_by_conversation ON call (conversation_id);
    CREATE INDEX call_by_started ON call (started_at);

    CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

    -- AUTOINCREMENT: a seq is never reused, even after the outbox empties; the server
    -- deduplicates by (clientId, seq), so a reused seq would be answered "duplicate" and lost.
    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      args TEXT NOT NULL,
      created_at TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
      -- The optimistic change: row patches [{entity, id, set}] merged into replica rows.
      apply TEXT NOT NULL DEFAULT '[]'
    ) STRICT;

    -- What undoes optimistic changes: for each row that pending mutations have patched, the row as
    -- the server last sent it (data NULL: the server deleted it). The row shown is always this
    -- base with the pending patches on top, so a rejection or a pull in between is undone exactly.
    CREATE TABLE pending_base (
      entity TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, data TEXT,
      PRIMARY KEY (entity, id)
    ) STRICT;
  `);
}
