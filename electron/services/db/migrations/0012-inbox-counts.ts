// How many conversations each assignee has (the queue under ''), kept by triggers. The Inbox shows
// every scope's count beside its list; counting 100 000 rows of one assignee walks the index row by
// row (about 8 ms each, five scopes on every refresh), while these counts are a few lookups. They
// serve the unfiltered list only: a channel, status, category or search still counts the rows.
// Upserts (ON CONFLICT DO UPDATE) fire the UPDATE trigger, and the sync reset's DELETE the DELETE one.
import type { Db } from '../open-replica-file.ts';

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE inbox_assignee_count (assignee_id TEXT PRIMARY KEY, n INTEGER NOT NULL) STRICT, WITHOUT ROWID;
    INSERT INTO inbox_assignee_count (assignee_id, n)
      SELECT coalesce(assignee_id, ''), count(*) FROM conversation GROUP BY 1;
    CREATE TRIGGER inbox_count_insert AFTER INSERT ON conversation BEGIN
      INSERT INTO inbox_assignee_count (assignee_id, n) VALUES (coalesce(NEW.assignee_id, ''), 1)
        ON CONFLICT (assignee_id) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER inbox_count_delete AFTER DELETE ON conversation BEGIN
      UPDATE inbox_assignee_count SET n = n - 1 WHERE assignee_id = coalesce(OLD.assignee_id, '');
    END;
    CREATE TRIGGER inbox_count_move AFTER UPDATE OF assignee_id ON conversation
      WHEN OLD.assignee_id IS NOT NEW.assignee_id BEGIN
      UPDATE inbox_assignee_count SET n = n - 1 WHERE assignee_id = coalesce(OLD.assignee_id, '');
      INSERT INTO inbox_assignee_count (assignee_id, n) VALUES (coalesce(NEW.assignee_id, ''), 1)
        ON CONFLICT (assignee_id) DO UPDATE SET n = n + 1;
    END;
  `);
}
