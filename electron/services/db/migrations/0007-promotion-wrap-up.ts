// Promotions (for the card's "what to offer") and wrap-up codes (for the form after a call): both
// catalogues, so an operator can offer and close work offline.
import type { Db } from '../open-replica-file.ts';

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE promotion (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL,
      ends_on TEXT
    ) STRICT;
    CREATE TABLE wrap_up_code (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL,
      category TEXT NOT NULL, sort INTEGER NOT NULL
    ) STRICT;
  `);
}
