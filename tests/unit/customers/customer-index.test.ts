// The customer index follows the customer rows whatever writes them: pull pages (newer versions
// replace, stale ones are skipped, tombstones remove), optimistic contact changes queued in the
// outbox and undone when the server refuses them, a replica reset; and it is rebuilt when the
// replica opens without it (an older replica migrated, or another index format).
import { describe, expect, it } from 'vitest';
import { createRows } from '../../../electron/services/db/rows.ts';
import { migrate } from '../../../electron/services/db/migrate.ts';
import { MIGRATIONS } from '../../../electron/services/db/migrations/index.ts';
import { openReplicaFile } from '../../../electron/services/db/open-replica-file.ts';
import { pageBody } from '../replica/fake-sync-server.ts';
import { ALYONA, ANNA, del, nextPath, openStore, up, type OpenStore } from './helpers.ts';

const find = (store: OpenStore['store'], query: string) => store.searchCustomers({ query }).hits.map((h) => h.id);
const indexRows = (db: OpenStore['db']) => ({
  phones: db.prepare('SELECT count(*) FROM customer_phone').pluck().get(),
  search: db.prepare('SELECT count(*) FROM customer_search').pluck().get(),
});

describe('customer index across pull pages', () => {
  it('follows newer versions, skips stale ones and drops tombstoned customers', () => {
    const { db, store } = openStore();
    store.applyPullPage({ after: '0', body: pageBody([up('customer', ANNA, 1), up('customer', ALYONA, 2)], '2') });
    expect(find(store, '8 916 123-45-67')).toEqual([ANNA.id]);

    // A newer version: married name, new mobile, moved house.
    const moved = { ...ANNA, fullName: 'Смирнова Анна Сергеевна', phones: ['+79160000001'], address: { ...ANNA.address, street: 'Тверская улица', house: '7' } };
    store.applyPullPage({ after: '2', body: pageBody([up('customer', moved, 5)], '5') });
    expect(find(store, 'смирнова анна')).toEqual([ANNA.id]);
    expect(find(store, 'иванова анна')).toEqual([]);
    expect(find(store, '+7 916 000-00-01')).toEqual([ANNA.id]);
    expect(find(store, '8 916 123-45-67')).toEqual([]);
    expect(find(store, 'Тверская 7')).toEqual([ANNA.id]);
    expect(find(store, 'Профсоюзная 12к2')).toEqual([]);

    // A re-sync from the start replays an older version: neither the row nor the index goes back.
    db.prepare("UPDATE sync_state SET value = '0' WHERE key = 'after'").run();
    expect(store.applyPullPage({ after: '0', body: pageBody([up('customer', ANNA, 1)], '6') })).toMatchObject({ written: 0 });
    expect(find(store, 'иванова анна')).toEqual([]);
    expect(find(store, 'смирнова')).toEqual([ANNA.id]);

    store.applyPullPage({ after: '6', body: pageBody([del('customer', ANNA.id, 7)], '7') });
    expect(find(store, 'смирнова')).toEqual([]);
    expect(find(store, '+79160000001')).toEqual([]);
    expect(indexRows(db)).toEqual({ phones: ALYONA.phones.length, search: 1 });
    db.close();
  });

  it('is emptied by a replica reset', () => {
    const { db, store } = openStore();
    store.applyPullPage({ after: '0', body: pageBody([up('customer', ANNA, 1)], '1') });
    store.resetReplica();
    expect(find(store, 'иванова')).toEqual([]);
    expect(indexRows(db)).toEqual({ phones: 0, search: 0 });
    db.close();
  });
});

describe('customer index and optimistic changes', () => {
  it('shows a queued new phone at once and forgets it when the server refuses', () => {
    const { db, store } = openStore();
    store.applyPullPage({ after: '0', body: pageBody([up('customer', ANNA, 1)], '1') });
    const phones = ['+79031234567'];
    const { seq } = store.enqueue({ name: 'customer.updateContacts', args: { customerId: ANNA.id, phones }, apply: [{ entity: 'customer', id: ANNA.id, set: { phones } }] });
    expect(find(store, '8 903 123-45-67')).toEqual([ANNA.id]);
    expect(find(store, '8 916 123-45-67')).toEqual([]);

    // A pull in between (a new surname from the server) keeps the pending phone on top.
    store.applyPullPage({ after: '1', body: pageBody([up('customer', { ...ANNA, fullName: 'Петрова Анна Сергеевна' }, 2)], '2') });
    expect(find(store, 'петрова анна')).toEqual([ANNA.id]);
    expect(find(store, '89031234567')).toEqual([ANNA.id]);

    store.takeBatch(10);
    store.settle({ sent: [seq], results: [{ seq, status: 'rejected', error: { code: 'invalid_input', message: 'no' } }] });
    expect(find(store, '89031234567')).toEqual([]);
    expect(find(store, '89161234567')).toEqual([ANNA.id]);
    expect(find(store, 'петрова')).toEqual([ANNA.id]);
    db.close();
  });
});

describe('customer index at open', () => {
  it('is built for a replica that had customers before the index existed', () => {
    const path = nextPath();
    const old = openReplicaFile(path);
    migrate(old, MIGRATIONS.slice(0, 1));
    createRows(old).upsertIfNewer('customer', ANNA.id, 1n, ANNA);
    old.close();

    const { db, store } = openStore(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(find(store, 'иванова анна')).toEqual([ANNA.id]);
    expect(find(store, '8 (495) 642-85-85')).toEqual([ANNA.id]);
    db.close();
  });

  it('is rebuilt when it is of another format or has lost rows', () => {
    const first = openStore();
    first.store.applyPullPage({ after: '0', body: pageBody([up('customer', ANNA, 1), up('customer', ALYONA, 2)], '2') });
    first.db.prepare("UPDATE customer_index_meta SET value = 'older'").run();
    first.db.prepare("UPDATE customer_search SET name_key = ' x'").run();
    first.db.close();
    let { db, store } = openStore(first.path);
    expect(find(store, 'федорова алена')).toEqual([ALYONA.id]);
    db.prepare('DELETE FROM customer_search').run();
    db.prepare('DELETE FROM customer_phone').run();
    db.close();
    ({ db, store } = openStore(first.path));
    expect(find(store, '89031112233')).toEqual([ALYONA.id]);
    expect(indexRows(db)).toEqual({ phones: 3, search: 2 });
    db.close();
  });
});
