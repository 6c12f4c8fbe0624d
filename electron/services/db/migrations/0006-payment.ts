// Payments of the customers in the agent's scope, for the card: "did my payment arrive", mistaken
// payments, promised payments — answerable offline.
import type { Db } from '../open-replica-file.ts';

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE payment (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL,
      customer_id TEXT NOT NULL, paid_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX payment_by_customer ON payment (customer_id, paid_at);
  `);
}
