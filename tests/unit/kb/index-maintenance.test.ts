// The index follows the articles: re-indexing replaces, removing removes, totals stay right, and
// the schema is created once and rebuilt when the index version changes.
import { describe, expect, it } from 'vitest';
import { createKbIndex, indexArticles, KB_INDEX_VERSION, removeArticles, searchArticles, tidyIndex } from '../../../electron/services/kb/index.ts';
import { article, articles, emptyIndex, indexedCorpus, type Db } from './corpus.ts';

const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('createKbIndex', () => {
  it('is idempotent and says when the index must be filled', () => {
    const db = emptyIndex();
    indexArticles(db, [article(1, { title: 'Роутер' })]);
    expect(createKbIndex(db)).toEqual({ needsReindex: false });
    expect(searchArticles(db, 'роутер').total).toBe(1);
  });

  it('rebuilds from scratch when the stored index version differs', () => {
    const db = emptyIndex();
    indexArticles(db, [article(1, { title: 'Роутер' })]);
    db.prepare("UPDATE kb_meta SET value = 'old' WHERE key = 'version'").run();
    expect(createKbIndex(db)).toEqual({ needsReindex: true });
    expect(count(db, 'kb_doc')).toBe(0);
    expect(searchArticles(db, 'роутер').total).toBe(0);
    expect(db.prepare("SELECT value FROM kb_meta WHERE key = 'version'").pluck().get()).toBe(KB_INDEX_VERSION);
  });
});

describe('indexArticles and removeArticles', () => {
  it('indexing the same articles again changes no total', () => {
    const db = indexedCorpus();
    const before = ['оплата', 'роутер', 'wi-fi', 'раутер'].map((q) => searchArticles(db, q).total);
    expect(indexArticles(db, articles())).toBe(articles().length);
    expect(count(db, 'kb_doc')).toBe(articles().length);
    expect(['оплата', 'роутер', 'wi-fi', 'раутер'].map((q) => searchArticles(db, q).total)).toEqual(before);
  });

  it('a re-indexed article is found by its new words only, under the same id', () => {
    const db = indexedCorpus();
    const old = articles().find((a) => a.title.startsWith('Двойное списание'))!;
    expect(searchArticles(db, 'двойное списание').hits[0]!.id).toBe(old.id);
    indexArticles(db, [{ ...old, title: 'Ксилофон в подъезде', body: 'Про **ксилофоны** и ничего больше.', tags: [] }]);
    expect(searchArticles(db, 'ксилофон').hits.map((h) => h.id)).toEqual([old.id]);
    expect(searchArticles(db, 'двойное списание').hits.map((h) => h.id)).not.toContain(old.id);
    expect(count(db, 'kb_doc')).toBe(articles().length);
  });

  it('a category change moves the article between filters', () => {
    const db = emptyIndex();
    const a = article(1, { title: 'Роутер', category: 'technical' });
    indexArticles(db, [a]);
    indexArticles(db, [{ ...a, category: 'promotions' }]);
    expect(searchArticles(db, 'роутер', { categories: ['technical'] }).total).toBe(0);
    expect(searchArticles(db, 'роутер', { categories: ['promotions'] }).total).toBe(1);
  });

  it('removed articles are never found again, and the totals drop by exactly them', () => {
    const db = indexedCorpus();
    const all = searchArticles(db, 'оплата ', { limit: 100 });
    const gone = all.hits.slice(0, 7).map((h) => h.id);
    expect(removeArticles(db, [...gone, 'not-indexed', gone[0]!])).toBe(7);
    const after = searchArticles(db, 'оплата ', { limit: 100 });
    expect(after.total).toBe(all.total - 7);
    expect(after.hits.some((h) => gone.includes(h.id))).toBe(false);
    expect(searchArticles(db, 'раутер', { limit: 100 }).hits.some((h) => gone.includes(h.id))).toBe(false);
    expect(count(db, 'kb_doc')).toBe(articles().length - 7);
    expect(removeArticles(db, gone)).toBe(0);
    // And can come back.
    indexArticles(db, articles().filter((a) => gone.includes(a.id)));
    expect(searchArticles(db, 'оплата ').total).toBe(all.total);
  });

  it('removing everything leaves an empty, working index', () => {
    const db = indexedCorpus();
    expect(removeArticles(db, articles().map((a) => a.id))).toBe(articles().length);
    expect(searchArticles(db, 'роутер')).toEqual({ hits: [], total: 0, usedFallback: true });
    for (const t of ['kb_doc', 'kb_fts', 'kb_head']) expect(count(db, t), t).toBe(0);
  });

  it('an id given twice in one batch is indexed once, as its last version', () => {
    const db = emptyIndex();
    const a = article(1, { title: 'Роутер' });
    expect(indexArticles(db, [a, { ...a, title: 'Коммутатор' }])).toBe(1);
    expect(searchArticles(db, 'роутер').total).toBe(0);
    expect(searchArticles(db, 'коммутатор').total).toBe(1);
  });

  it('merging the index after indexing in pages changes no result', () => {
    const db = emptyIndex();
    const all = articles();
    for (let i = 0; i < all.length; i += 40) indexArticles(db, all.slice(i, i + 40));
    const segments = () => count(db, '(SELECT DISTINCT segid FROM kb_fts_idx)');
    expect(segments()).toBeGreaterThan(1);
    const queries = ['оплата', 'роутер tp-link', 'раутер', 'обе', 'уезжаю в отпуск'];
    const before = queries.map((q) => searchArticles(db, q, { limit: 100 }));
    tidyIndex(db);
    expect(segments()).toBe(1);
    expect(queries.map((q) => searchArticles(db, q, { limit: 100 }))).toEqual(before);
  });

  it('an empty batch is fine', () => {
    const db = emptyIndex();
    expect(indexArticles(db, [])).toBe(0);
    expect(removeArticles(db, [])).toBe(0);
  });
});
