// The replica's customer search index, beside the customer table (filled by db/customer-index.ts
// from the rows, in the transaction that writes them):
// - customer_phone: every phone of a customer in E.164, for an exact look-up of a caller's number;
// - customer_search: the customer's name and address folded for word-prefix matching
//   (customers/search-key.ts), which SQLite's own lower()/LIKE cannot do for Cyrillic;
// - customer_index_meta: the folding's version; another one on disk means "rebuild at open".
import type { Db } from '../open-replica-file.ts';

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE customer_phone (
      customer_id TEXT NOT NULL, e164 TEXT NOT NULL,
      PRIMARY KEY (e164, customer_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX customer_phone_by_customer ON customer_phone (customer_id);

    CREATE TABLE customer_search (
      customer_id TEXT PRIMARY KEY, name_key TEXT NOT NULL, address_key TEXT NOT NULL
    ) STRICT;

    CREATE TABLE customer_index_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  `);
}
