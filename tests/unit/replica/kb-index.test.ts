// The knowledge-base search index follows the replica's article rows: filled by pull pages in the
// same transaction, updated on newer versions, emptied by tombstones and by a
// reset, and rebuilt from the rows when the replica opens with an index of another format; merged
// into one segment after a burst of changes.
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import type { Change } from '../../../contract/sync.ts';
import { openKbIndex } from '../../../electron/services/db/kb-index.ts';
import { openReplicaFile } from '../../../electron/services/db/open-replica-file.ts';
import { createReplicaStore } from '../../../electron/services/db/replica-store.ts';
import { article } from './data.ts';
import { pageBody } from './fake-sync-server.ts';
import { tempDir } from './helpers.ts';

const nextPath = tempDir();
const up = (data: { id: string }, version: number) => ({ op: 'upsert', entity: 'article', id: data.id, version: String(version), data });
const del = (id: string, version: number) => ({ op: 'delete', entity: 'article', id, version: String(version) });

function withTitle(i: number, title: string, body: string) {
  return { ...article(i), title, body, tags: [] };
}

describe('replica knowledge-base index', () => {
  it('indexes pulled articles, follows newer versions and drops tombstoned ones', () => {
    const path = nextPath();
    const db = openReplicaFile(path);
    const store = createReplicaStore(db);
    const a = withTitle(1, 'Оплата банковской картой', 'Абонент оплатил счёт картой в личном кабинете.');
    const b = withTitle(2, 'Роутер не раздаёт Wi-Fi', 'Перезагрузите роутер и проверьте индикатор.');
    store.applyPullPage({ after: '0', body: pageBody([up(a, 1), up(b, 2)], '2') });
    expect(store.searchKb({ query: 'оплатить' }).hits.map((h) => h.id)).toEqual([a.id]);
    expect(store.searchKb({ query: 'роутера' }).hits.map((h) => h.id)).toEqual([b.id]);

    const a2 = { ...a, title: 'Оплата через СБП', body: 'Перевод по QR-коду из приложения банка.' };
    store.applyPullPage({ after: '2', body: pageBody([up(a2, 3)], '3') });
    expect(store.searchKb({ query: 'СБП' }).hits.map((h) => h.id)).toEqual([a.id]);
    expect(store.searchKb({ query: 'банковской' }).total).toBe(0);

    store.applyPullPage({ after: '3', body: pageBody([del(b.id, 4)], '4') });
    expect(store.searchKb({ query: 'роутер' }).total).toBe(0);
    db.close();
  });

  it('follows the last change of an article within one page', () => {
    const db = openReplicaFile(nextPath());
    const store = createReplicaStore(db);
    const a = withTitle(4, 'Абонентский ящик', 'Временно недоступен.');
    const b = withTitle(5, 'Смена пароля', 'Пароль меняют в личном кабинете.');
    // a: written, then tombstoned; b: tombstoned (not there), then written.
    store.applyPullPage({ after: '0', body: pageBody([up(a, 1), del(a.id, 2), del(b.id, 3), up(b, 4)], '4') });
    expect(store.searchKb({ query: 'ящик' }).total).toBe(0);
    expect(store.searchKb({ query: 'пароль' }).hits.map((h) => h.id)).toEqual([b.id]);
    db.close();
  });

  it('is emptied by a replica reset and rebuilt from the rows when its format changed', () => {
    const path = nextPath();
    let db = openReplicaFile(path);
    let store = createReplicaStore(db);
    const a = withTitle(3, 'Переезд на новый адрес', 'Заявление на переезд подают за две недели.');
    store.applyPullPage({ after: '0', body: pageBody([up(a, 1)], '1') });
    expect(store.searchKb({ query: 'переезд' }).total).toBe(1);

    // Another index format on disk: opening rebuilds it from the article rows.
    db.prepare("UPDATE kb_meta SET value = 'older-format'").run();
    db.close();
    db = openReplicaFile(path);
    store = createReplicaStore(db);
    expect(store.searchKb({ query: 'переезда' }).hits.map((h) => h.id)).toEqual([a.id]);

    store.resetReplica();
    expect(store.searchKb({ query: 'переезд' }).total).toBe(0);
    db.close();
  });

  it('refuses malformed search arguments in the worker interface', async () => {
    const { REPLICA_ARGS } = await import('../../../electron/services/db/replica-api.ts');
    expect(REPLICA_ARGS.searchKb.safeParse([{ query: 'x'.repeat(501) }]).success).toBe(false);
    expect(REPLICA_ARGS.searchKb.safeParse([{ query: 'оплата', categories: ['нет такой'] }]).success).toBe(false);
    expect(REPLICA_ARGS.searchKb.safeParse([{ query: 'оплата', extra: 1 }]).success).toBe(false);
  });
});

describe('merging the index after a burst of changes', () => {
  it('waits for a quiet moment after enough changes, then merges step by step to one segment', async () => {
    vi.useFakeTimers();
    try {
      const db = new Database(':memory:');
      db.exec('CREATE TABLE article (id TEXT PRIMARY KEY, data TEXT NOT NULL)');
      const kb = openKbIndex(db, { afterChanges: 30, quietMs: 1000 });
      const segments = () => db.prepare('SELECT count(DISTINCT segid) FROM kb_fts_idx').pluck().get() as number;
      const change = (i: number) => up(withTitle(i, `Роутер ${i}`, 'Перезагрузите роутер.'), i) as Change;
      const page = (from: number) => db.transaction(() => kb.applyChanges(Array.from({ length: 10 }, (_, k) => change(from + k))))();
      for (let p = 0; p < 4; p++) page(p * 10 + 1);
      expect(segments()).toBeGreaterThan(1);
      await vi.advanceTimersByTimeAsync(500);
      page(41); // the burst goes on: the quiet moment starts again
      await vi.advanceTimersByTimeAsync(900);
      expect(segments()).toBeGreaterThan(1);
      await vi.advanceTimersByTimeAsync(1000);
      expect(segments()).toBe(1);
      expect(kb.search({ query: 'роутер' }).total).toBe(50);
      db.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
