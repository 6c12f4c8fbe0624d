// The replica's operations in process (no worker): schema and migrations, pragmas, applying pages
// (upsert only when newer, tombstones, re-sync idempotent), first-sync bookkeeping.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate.ts';
import { MIGRATIONS } from '../../../electron/services/db/migrations/index.ts';
import { openReplicaFile } from '../../../electron/services/db/open-replica-file.ts';
import { createReplicaStore } from '../../../electron/services/db/replica-store.ts';
import { SYNC_ENTITIES } from '../../../contract/sync.ts';
import { article, conversation, customer, MAKERS, uuid } from './data.ts';
import { pageBody } from './fake-sync-server.ts';
import { tempDir } from './helpers.ts';

const nextPath = tempDir();
const up = (entity: string, data: { id: string; [k: string]: unknown }, version: number) => ({ op: 'upsert', entity, id: data.id, version: String(version), data });
const del = (entity: string, id: string, version: number) => ({ op: 'delete', entity, id, version: String(version) });

function open() {
  const db = openReplicaFile(nextPath());
  return { db, store: createReplicaStore(db) };
}

describe('replica file', () => {
  it('opens in WAL mode with synchronous=NORMAL, foreign keys and a busy timeout', () => {
    const db = openReplicaFile(nextPath(), { busyTimeoutMs: 1234 });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
    db.close();
  });

  it('migrates to the latest schema, tracked in user_version, once', () => {
    const { db } = open();
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    expect(tables).toEqual(expect.arrayContaining([...SYNC_ENTITIES, 'sync_state', 'outbox', 'pending_base']));
    expect(migrate(db)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
    db.close();
  });

  it('runs pending migrations in one transaction: a failing one leaves the file as it was', () => {
    const db = new Database(':memory:');
    const broken = [
      { version: 1, name: '0001-ok', up: (d: Database.Database) => void d.exec('CREATE TABLE a (x)') },
      { version: 2, name: '0002-broken', up: (d: Database.Database) => void d.exec('CREATE TABLE nonsense (') },
    ];
    expect(() => migrate(db, broken)).toThrow(/syntax error|incomplete input/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'a'").pluck().get()).toBe(0);
    expect(() => migrate(db, [{ ...broken[0]!, version: 2 }])).toThrow(/numbered 2, expected 1/);
  });

  it('refuses a file from a newer Pult instead of writing into a schema it does not know', () => {
    const path = nextPath();
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    const db = openReplicaFile(path);
    expect(() => createReplicaStore(db)).toThrow(/schema 99, newer than this Pult knows .*update Pult/);
    db.close();
  });
});

describe('applying pull pages', () => {
  it('writes every entity with its query columns, the cursor and the page count together', () => {
    const { db, store } = open();
    const changes = SYNC_ENTITIES.map((e, i) => up(e, MAKERS[e](i), i + 1));
    const n = SYNC_ENTITIES.length;
    const r = store.applyPullPage({ after: '0', body: pageBody(changes, String(n)) });
    expect(r).toMatchObject({ changes: n, written: n, next: String(n), hasMore: false, firstSync: true, firstSyncRows: n });
    for (const [i, e] of SYNC_ENTITIES.entries()) expect(store.getRow(e, MAKERS[e](i).id)).toEqual({ version: String(i + 1), data: MAKERS[e](i) });
    expect(db.prepare('SELECT category, title, updated_at FROM article').get()).toEqual({ category: 'financial', title: 'Нет доступа в интернет (№0)', updated_at: article(0).updatedAt });
    expect(db.prepare('SELECT account_number, full_name FROM customer').get()).toEqual({ account_number: '10000004', full_name: customer(4).fullName });
    expect(db.prepare('SELECT customer_id, assignee_id, status FROM conversation').get()).toEqual({ customer_id: uuid('customer', 5), assignee_id: uuid('agent', 0), status: conversation(5).status });
    expect(store.info()).toMatchObject({ cursor: String(n), pagesApplied: 1, firstSyncComplete: true });
    db.close();
  });

  it('deletes on a tombstone, and ignores a tombstone older than the row', () => {
    const { db, store } = open();
    const a = article(1);
    const b = article(2);
    store.applyPullPage({ after: '0', body: pageBody([up('article', a, 1), up('article', b, 2)], '2') });
    store.applyPullPage({ after: '2', body: pageBody([del('article', a.id, 3)], '3') });
    expect(store.getRow('article', a.id)).toBeNull();
    // A re-sync from the start (cursor reset) replays old versions: they must not undo newer state.
    db.prepare("UPDATE sync_state SET value = '0' WHERE key = 'after'").run();
    store.applyPullPage({ after: '0', body: pageBody([del('article', b.id, 1)], '1') });
    expect(store.getRow('article', b.id)?.version).toBe('2');
    db.close();
  });

  it('upserts only a newer version: stale versions are ignored', () => {
    const { db, store } = open();
    const fresh = { ...article(1), title: 'Новая редакция' };
    store.applyPullPage({ after: '0', body: pageBody([up('article', fresh, 10)], '10') });
    db.prepare("UPDATE sync_state SET value = '0' WHERE key = 'after'").run();
    const r = store.applyPullPage({ after: '0', body: pageBody([up('article', article(1), 5)], '5') });
    expect(r).toMatchObject({ changes: 1, written: 0 });
    expect(store.getRow('article', fresh.id)).toEqual({ version: '10', data: fresh });
    store.applyPullPage({ after: '5', body: pageBody([up('article', { ...fresh, title: 'Третья' }, 11)], '11') });
    expect((store.getRow('article', fresh.id)?.data as { title: string }).title).toBe('Третья');
    db.close();
  });

  it('keeps versions beyond 2^53 exact, and refuses one beyond 2^63-1', () => {
    const { db, store } = open();
    const big = '9007199254740993'; // 2^53 + 1: a Number would round it
    store.applyPullPage({ after: '0', body: pageBody([up('article', article(1), Number.NaN)].map((c) => ({ ...c, version: big })), big) });
    expect(store.getRow('article', article(1).id)?.version).toBe(big);
    expect(store.cursor()).toBe(big);
    expect(() => store.applyPullPage({ after: big, body: pageBody([{ ...up('article', article(2), 0), version: '9223372036854775808' }], '9223372036854775808') })).toThrow(
      /beyond 2\^63-1/,
    );
    db.close();
  });

  it('refuses a page fetched for another cursor (two pullers, or a stale answer)', () => {
    const { db, store } = open();
    store.applyPullPage({ after: '0', body: pageBody([up('article', article(1), 1)], '1') });
    expect(() => store.applyPullPage({ after: '0', body: pageBody([up('article', article(2), 2)], '2') })).toThrow(/replica is at 1/);
    expect(store.getRow('article', article(2).id)).toBeNull();
    db.close();
  });

  it('counts first-sync rows across pages until the feed end, then stops counting', () => {
    const { db, store } = open();
    store.applyPullPage({ after: '0', body: pageBody([up('article', article(1), 1), up('article', article(2), 2)], '2', true, 1) });
    expect(store.info()).toMatchObject({ firstSyncComplete: false, firstSyncRows: 2 });
    const last = store.applyPullPage({ after: '2', body: pageBody([up('article', article(3), 3)], '3') });
    expect(last).toMatchObject({ firstSync: true, firstSyncRows: 3 });
    const later = store.applyPullPage({ after: '3', body: pageBody([up('article', article(4), 4)], '4') });
    expect(later.firstSync).toBe(false);
    expect(store.info()).toMatchObject({ firstSyncComplete: true, firstSyncRows: 3, pagesApplied: 3 });
    db.close();
  });
});

describe('starting over for a replaced server feed', () => {
  it('clears rows and cursor, keeps the outbox renumbered from 1 under a new client id', () => {
    const { db, store } = open();
    const c = customer(1);
    store.applyPullPage({ after: '0', body: pageBody([up('customer', c, 7), up('article', article(1), 8)], '8') });
    const oldId = store.clientId();
    const phones = ['+74951234567'];
    store.enqueue({ name: 'article.feedback', args: { articleId: article(1).id, verdict: 'helped' } });
    store.enqueue({ name: 'article.feedback', args: { articleId: article(1).id, verdict: 'outdated' } });
    store.settle({ sent: store.takeBatch(1).map((m) => m.seq), results: [{ seq: 1, status: 'applied' }] });
    store.enqueue({ name: 'customer.updateContacts', args: { customerId: c.id, phones }, apply: [{ entity: 'customer', id: c.id, set: { phones } }] });
    expect(store.listOutbox().map((q) => q.seq)).toEqual([2, 3]);

    expect(store.resetReplica()).toEqual({ kept: 2 });
    expect(store.info()).toMatchObject({ cursor: '0', firstSyncComplete: false, firstSyncRows: 0, queued: 2, rows: { customer: 0, article: 0 } });
    expect(store.clientId()).not.toBe(oldId);
    expect(store.listOutbox().map((q) => [q.seq, q.name])).toEqual([
      [1, 'article.feedback'],
      [2, 'customer.updateContacts'],
    ]);
    expect(store.enqueue({ name: 'article.feedback', args: { articleId: article(1).id, verdict: 'helped' } }).seq).toBe(3);
    // The new feed's rows arrive with low versions; the pending edit shows on top of them again.
    store.applyPullPage({ after: '0', body: pageBody([up('customer', c, 1)], '1') });
    expect(store.getRow('customer', c.id)).toEqual({ version: '1', data: { ...c, phones } });
    db.close();
  });
});
