// A checked page crosses from the page checker to the worker packed flat (packed-page.ts): it comes
// back exactly as prepared, whatever its changes (articles with their search terms, customers with
// several phones or none, messages, tombstones); a layout it does not hold is refused. And a page
// of more than MAX_ROWS_PER_INSERT new rows, written several to a statement, ends exactly like one
// written row by row, search indexes included, also when some of its rows are stored already.
import { afterAll, describe, expect, it } from 'vitest';
import { packPage, unpackPage } from '../../../electron/services/db/packed-page.ts';
import { MAX_ROWS_PER_INSERT } from '../../../electron/services/db/multi-insert.ts';
import { preparePage } from '../../../electron/services/db/prepare-page.ts';
import { openReplica, type ReplicaDb } from '../../../electron/services/db/replica-client.ts';
import { article, customer, message } from './data.ts';
import { pageBody } from './fake-sync-server.ts';
import { tempDir } from './helpers.ts';

const nextPath = tempDir();
const opened: ReplicaDb[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

type Made = { id: string } & Record<string, unknown>;
const up = (entity: string, data: Made, v: number) => ({ op: 'upsert', entity, id: data.id, version: String(v), data });
const del = (entity: string, id: string, v: number) => ({ op: 'delete', entity, id, version: String(v) });

describe('packed page', () => {
  it('unpacks to exactly the page prepared', () => {
    const changes = [
      up('article', article(1), 1),
      up('customer', { ...customer(1), phones: ['+74951234567', '+79161234567', '+74957654321'] }, 2),
      up('customer', { ...customer(2), phones: [] }, 3),
      up('message', message(1), 4),
      del('customer', customer(3).id, 5),
      up('article', article(2), 6),
      del('article', article(1).id, 7),
    ];
    const page = preparePage(pageBody(changes, '7', true, 12), '0');
    expect(page.vocabulary.length).toBeGreaterThan(0);
    const packed = structuredClone(packPage(page));
    expect(unpackPage(packed)).toEqual(page);
  });

  it('refuses a layout it does not hold', () => {
    const packed = packPage(preparePage(pageBody([up('message', message(1), 1), up('message', message(2), 2)], '2'), '0'));
    expect(() => unpackPage({ ...packed, values: packed.values.slice(0, -1) })).toThrow(/malformed/);
    expect(() => unpackPage({ ...packed, changes: 1 })).toThrow(/malformed/);
    expect(() => unpackPage({ ...packed, values: ['upsert', 'nonsense', ...packed.values.slice(2)] })).toThrow(/malformed/);
  });
});

describe('pages of new rows, several rows to a statement', () => {
  const N = MAX_ROWS_PER_INSERT * 3 + 7;
  const changes = (v0: number) => [
    ...Array.from({ length: N }, (_, i) => up('customer', customer(i), v0 + i)),
    ...Array.from({ length: N }, (_, i) => up('message', message(i), v0 + N + i)),
  ];

  async function stateOf(db: ReplicaDb) {
    const rows = [];
    for (let i = 0; i < N; i++) rows.push(await db.getRow('customer', customer(i).id), await db.getRow('message', message(i).id));
    const byPhone = await db.searchCustomers({ query: customer(N - 1).phones[0]! });
    const byName = await db.searchCustomers({ query: customer(5).fullName });
    return { rows, byPhone: byPhone.hits.map((h) => h.id), byName: byName.hits.map((h) => h.id).sort(), info: await db.info() };
  }

  it('end as row by row would: rows, customer search, counts', async () => {
    const batched = await openReplica({ path: nextPath() });
    const single = await openReplica({ path: nextPath() });
    opened.push(batched, single);
    expect(await batched.applyPullPage({ after: '0', body: pageBody(changes(1), String(2 * N)) })).toMatchObject({ changes: 2 * N, written: 2 * N });
    // One change a page: never a full statement's worth.
    let after = 0;
    for (const c of changes(1)) {
      await single.applyPullPage({ after: String(after), body: pageBody([c], c.version) });
      after = Number(c.version);
    }
    const a = await stateOf(batched);
    const b = await stateOf(single);
    expect(a.rows).toEqual(b.rows);
    expect(a.byPhone).toEqual([customer(N - 1).id]);
    expect(a.byPhone).toEqual(b.byPhone);
    expect(a.byName).toEqual(b.byName);
    expect(a.info.rows).toEqual(b.info.rows);
  });

  it('a page whose rows are partly stored already writes the newer ones, one by one', async () => {
    const db = await openReplica({ path: nextPath() });
    opened.push(db);
    // Customer 60 and message 3 are there already, at an older version.
    await db.applyPullPage({ after: '0', body: pageBody([up('customer', customer(60), 1), up('message', message(3), 2)], '2') });
    const page = changes(3).map((c) => (c.id === customer(61).id ? { ...c, data: { ...customer(61), fullName: 'Сидоров Пётр Ильич' } } : c));
    expect(await db.applyPullPage({ after: '2', body: pageBody(page, String(2 + 2 * N)) })).toMatchObject({ changes: 2 * N, written: 2 * N });
    expect(await db.info()).toMatchObject({ rows: { customer: N, message: N } });
    expect(await db.getRow('customer', customer(60).id)).toEqual({ version: String(3 + 60), data: customer(60) });
    expect((await db.searchCustomers({ query: 'Сидоров Пётр' })).hits.map((h) => h.id)).toEqual([customer(61).id]);
    expect((await db.searchCustomers({ query: customer(60).phones[0]! })).hits.map((h) => h.id)).toEqual([customer(60).id]);
  });
});
