// Keeps the customer search index (migration 0002) in step with the replica's customer table. Every
// path that writes a customer row — a pull page, an optimistic change queued in the outbox, a
// settled or refused mutation — calls refresh() with the ids it touched, inside its transaction, and
// the index is re-read from the row as it now stands: a stale version skipped by the page, or a
// server change replayed under pending edits, is indexed exactly as the table holds it. Emptied
// with the rows when the replica starts over; rebuilt at open when it is missing or of another
// format (a replica that had customers before this index existed).
import type { Customer } from '../../../contract/domain/customer.ts';
import type { CustomerCard, CustomerHit, CustomerSearchInput } from '../../../contract/customers-ipc.ts';
import { createReplicaCustomerCard, CustomerCardInput } from '../customers/replica-card.ts';
import { createReplicaCustomerSearch } from '../customers/replica-search.ts';
import { customerKeys, type CustomerKeys } from './customer-keys.ts';
import { multiInsert } from './multi-insert.ts';
import type { Db } from './open-replica-file.ts';

export { CustomerCardInput };
export { CustomerSearchInput } from '../../../contract/customers-ipc.ts';

/** Bump when search-key.ts folds differently: replicas rebuild their index at the next start. */
export const CUSTOMER_INDEX_VERSION = '1';

export interface CustomerIndex {
  /** Re-indexes these customers from their rows as now written (absent row: dropped). */
  refresh(ids: Iterable<string>): void;
  /** Indexes a customer whose row was just written with exactly this data (no need to read it back). */
  put(data: Customer): void;
  /**
   * put() with the keys already made (customer-keys.ts). `fresh`: the row did not exist before this
   * write, so neither did its index entries (the index only holds customers that have a row) and
   * there is nothing to drop first — a first sync's customers skip two deletes each.
   */
  putKeys(id: string, keys: CustomerKeys, fresh: boolean): void;
  /** putKeys(id, keys, true) for many customers, in a few statements (multi-insert.ts). */
  putNewKeys(customers: ReadonlyArray<{ id: string; keys: CustomerKeys }>): void;
  /** Customers whose rows the given outbox mutations patch (read before they settle). */
  patchedBy(seqs: readonly number[]): string[];
  clear(): void;
  search(input: CustomerSearchInput): { hits: CustomerHit[] };
  card(input: CustomerCardInput): CustomerCard | null;
}

export function openCustomerIndex(db: Db): CustomerIndex {
  const row = db.prepare('SELECT data FROM customer WHERE id = ?').pluck();
  const dropPhones = db.prepare('DELETE FROM customer_phone WHERE customer_id = ?');
  const dropSearch = db.prepare('DELETE FROM customer_search WHERE customer_id = ?');
  const addPhone = db.prepare('INSERT OR IGNORE INTO customer_phone (customer_id, e164) VALUES (?, ?)');
  // An upsert, not a plain insert, so that an entry left over against that invariant cannot fail a page.
  const addSearch = db.prepare(
    `INSERT INTO customer_search (customer_id, name_key, address_key) VALUES (?, ?, ?)
     ON CONFLICT (customer_id) DO UPDATE SET name_key = excluded.name_key, address_key = excluded.address_key`,
  );
  const addPhones = multiInsert(db, 'INSERT OR IGNORE INTO customer_phone (customer_id, e164)', '(?, ?)', '');
  const addSearches = multiInsert(
    db,
    'INSERT INTO customer_search (customer_id, name_key, address_key)',
    '(?, ?, ?)',
    'ON CONFLICT (customer_id) DO UPDATE SET name_key = excluded.name_key, address_key = excluded.address_key',
  );
  const patched = db
    .prepare(
      `SELECT DISTINCT p.value ->> '$.id' FROM outbox o, json_each(o.apply) p
       WHERE o.seq IN (SELECT value FROM json_each(?)) AND p.value ->> '$.entity' = 'customer'`,
    )
    .pluck();

  const indexKeys = (id: string, k: CustomerKeys) => {
    for (const phone of k.phones) addPhone.run(id, phone);
    addSearch.run(id, k.nameKey, k.addressKey);
  };
  const index = (c: Customer) => indexKeys(c.id, customerKeys(c));
  const drop = (id: string) => {
    dropPhones.run(id);
    dropSearch.run(id);
  };
  const refreshOne = (id: string) => {
    drop(id);
    const data = row.get(id) as string | undefined;
    if (data) index(JSON.parse(data) as Customer);
  };
  const clear = () => {
    db.prepare('DELETE FROM customer_phone').run();
    db.prepare('DELETE FROM customer_search').run();
  };

  db.transaction(() => {
    const version = db.prepare("SELECT value FROM customer_index_meta WHERE key = 'version'").pluck().get();
    const indexed = db.prepare('SELECT count(*) FROM customer_search').pluck().get();
    const rows = db.prepare('SELECT count(*) FROM customer').pluck().get();
    if (version === CUSTOMER_INDEX_VERSION && indexed === rows) return;
    clear();
    for (const data of db.prepare('SELECT data FROM customer').pluck().all() as string[]) index(JSON.parse(data) as Customer);
    db.prepare("INSERT INTO customer_index_meta (key, value) VALUES ('version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
      CUSTOMER_INDEX_VERSION,
    );
  })();

  const search = createReplicaCustomerSearch(db);
  const card = createReplicaCustomerCard(db);
  return {
    refresh(ids) {
      for (const id of new Set(ids)) refreshOne(id);
    },
    put(data) {
      drop(data.id);
      index(data);
    },
    putKeys(id, keys, fresh) {
      if (!fresh) drop(id);
      indexKeys(id, keys);
    },
    putNewKeys(list) {
      const phones: string[] = [];
      const search: string[] = [];
      for (const { id, keys } of list) {
        for (const phone of keys.phones) phones.push(id, phone);
        search.push(id, keys.nameKey, keys.addressKey);
      }
      addPhones(phones.length / 2, phones);
      addSearches(list.length, search);
    },
    patchedBy: (seqs) => (seqs.length ? (patched.all(JSON.stringify(seqs)) as string[]) : []),
    clear,
    search,
    card,
  };
}
