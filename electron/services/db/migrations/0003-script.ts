// Troubleshooting scripts (decision trees) in the replica, so the operator can step through them
// during a call without the network.
import type { Db } from '../open-replica-file.ts';

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE script (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL,
      category TEXT NOT NULL, title TEXT NOT NULL
    ) STRICT;
  `);
}
