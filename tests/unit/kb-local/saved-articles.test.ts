// Favourites and recently opened articles in a real replica: starred and opened ids listed newest
// first with the article's current title, the last 20 openings kept, an article the replica lacks
// left out, a feed reset leaving them in place, and the same through the worker thread.
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { KB_RECENT_MAX } from '../../../contract/kb-local.ts';
import { MIGRATIONS } from '../../../electron/services/db/migrations/index.ts';
import { openReplicaFile } from '../../../electron/services/db/open-replica-file.ts';
import { openReplica, type ReplicaDb } from '../../../electron/services/db/replica-client.ts';
import { createReplicaStore } from '../../../electron/services/db/replica-store.ts';
import { article } from '../replica/data.ts';
import { pageBody } from '../replica/fake-sync-server.ts';
import { tempDir } from '../replica/helpers.ts';

const nextPath = tempDir();
const upsert = (n: number, data = article(n)) => ({ op: 'upsert', entity: 'article', id: data.id, version: String(n), data });

/** A replica holding articles 1…n. */
function storeWith(n: number, path = nextPath()) {
  const db = openReplicaFile(path);
  const store = createReplicaStore(db);
  const changes = Array.from({ length: n }, (_, i) => upsert(i + 1));
  store.applyPullPage({ after: '0', body: pageBody(changes, String(n)) });
  return { db, store, path };
}

describe('favourites', () => {
  it('lists starred articles newest first, with title and category; unstarring removes one', () => {
    const { store } = storeWith(3);
    store.kbSetFavourite({ articleId: article(1).id, favourite: true });
    store.kbSetFavourite({ articleId: article(3).id, favourite: true });
    expect(store.kbSaved().favourites.map((f) => f.id)).toEqual([article(3).id, article(1).id]);
    expect(store.kbSaved().favourites[0]).toMatchObject({ title: article(3).title, category: article(3).category });

    expect(store.kbSetFavourite({ articleId: article(3).id, favourite: false })).toEqual({ favourite: false });
    expect(store.kbSaved().favourites.map((f) => f.id)).toEqual([article(1).id]);
  });

  it('starring twice keeps the first time, so the list does not reorder', () => {
    const { store } = storeWith(2);
    store.kbSetFavourite({ articleId: article(1).id, favourite: true });
    const first = store.kbSaved().favourites[0]!.at;
    store.kbSetFavourite({ articleId: article(2).id, favourite: true });
    store.kbSetFavourite({ articleId: article(1).id, favourite: true });
    expect(store.kbSaved().favourites.map((f) => f.id)).toEqual([article(2).id, article(1).id]);
    expect(store.kbSaved().favourites[1]!.at).toBe(first);
  });

  it('shows the title the feed brought last, and hides an article the server deleted', () => {
    const { store } = storeWith(2);
    store.kbSetFavourite({ articleId: article(1).id, favourite: true });
    store.kbSetFavourite({ articleId: article(2).id, favourite: true });
    const renamed = { ...article(1), title: 'Оплата картой: новые правила' };
    const gone = { op: 'delete', entity: 'article', id: article(2).id, version: '4' };
    store.applyPullPage({ after: '2', body: pageBody([upsert(3, renamed), gone], '4') });
    expect(store.kbSaved().favourites).toEqual([expect.objectContaining({ id: article(1).id, title: 'Оплата картой: новые правила' })]);
  });
});

describe('recently opened', () => {
  it('lists the latest opening first; opening again moves an article to the top', () => {
    const { store } = storeWith(3);
    for (const n of [1, 2, 3, 1]) store.kbMarkOpened({ articleId: article(n).id });
    expect(store.kbSaved().recent.map((r) => r.id)).toEqual([article(1).id, article(3).id, article(2).id]);
  });

  it(`keeps the last ${KB_RECENT_MAX} openings only`, () => {
    const { store, db } = storeWith(KB_RECENT_MAX + 5);
    for (let n = 1; n <= KB_RECENT_MAX + 5; n++) store.kbMarkOpened({ articleId: article(n).id });
    const recent = store.kbSaved().recent;
    expect(recent).toHaveLength(KB_RECENT_MAX);
    expect(recent[0]!.id).toBe(article(KB_RECENT_MAX + 5).id);
    expect(recent.at(-1)!.id).toBe(article(6).id);
    expect(db.prepare('SELECT count(*) FROM kb_recent').pluck().get()).toBe(KB_RECENT_MAX);
  });

  it('remembers an article the replica does not hold yet, and lists it once it arrives', () => {
    const { store } = storeWith(1);
    store.kbMarkOpened({ articleId: article(7).id }); // e.g. just created, the feed not pulled yet
    expect(store.kbSaved().recent).toEqual([]);
    store.applyPullPage({ after: '1', body: pageBody([upsert(7)], '7') });
    expect(store.kbSaved().recent.map((r) => r.id)).toEqual([article(7).id]);
  });
});

describe('kept by the replica file', () => {
  it('a feed reset (server replaced) leaves them; they show again once the articles return', () => {
    const { store } = storeWith(2);
    store.kbSetFavourite({ articleId: article(1).id, favourite: true });
    store.kbMarkOpened({ articleId: article(2).id });
    store.resetReplica();
    expect(store.kbSaved()).toEqual({ favourites: [], recent: [] }); // no articles until the next pull
    store.applyPullPage({ after: '0', body: pageBody([upsert(1), upsert(2)], '2') });
    expect(store.kbSaved().favourites.map((f) => f.id)).toEqual([article(1).id]);
    expect(store.kbSaved().recent.map((r) => r.id)).toEqual([article(2).id]);
  });

  it('survive closing and reopening the file', () => {
    const first = storeWith(1);
    first.store.kbSetFavourite({ articleId: article(1).id, favourite: true });
    first.db.close();
    const again = createReplicaStore(openReplicaFile(first.path));
    expect(again.kbSaved().favourites.map((f) => f.id)).toEqual([article(1).id]);
  });

  it('a replica from the previous Pult (schema 3) gains the tables and keeps its articles', () => {
    const path = nextPath();
    const old = new Database(path);
    for (const m of MIGRATIONS.filter((x) => x.version <= 3)) m.up(old);
    old.pragma('user_version = 3');
    old.close();
    const store = createReplicaStore(openReplicaFile(path));
    store.applyPullPage({ after: '0', body: pageBody([upsert(1)], '1') });
    store.kbSetFavourite({ articleId: article(1).id, favourite: true });
    expect(store.info().schemaVersion).toBe(MIGRATIONS.length);
    expect(store.kbSaved().favourites).toHaveLength(1);
  });
});

describe('through the worker thread', () => {
  const opened: ReplicaDb[] = [];
  afterAll(async () => {
    for (const db of opened) await db.close();
  });

  it('answers the calls, and refuses a malformed id before SQLite sees it', async () => {
    const db = await openReplica({ path: nextPath() });
    opened.push(db);
    await db.applyPullPage({ after: '0', body: pageBody([upsert(1)], '1') });
    expect(await db.kbSetFavourite({ articleId: article(1).id, favourite: true })).toEqual({ favourite: true });
    await db.kbMarkOpened({ articleId: article(1).id });
    const saved = await db.kbSaved();
    expect(saved.favourites.map((f) => f.id)).toEqual([article(1).id]);
    expect(saved.recent.map((r) => r.id)).toEqual([article(1).id]);
    await expect(db.call('kbMarkOpened', [{ articleId: "1' OR 1=1 --" }])).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
