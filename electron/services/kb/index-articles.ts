// Writing articles into the search tables (schema.ts): one transaction per call, so a search in
// between never sees half an update. Re-indexing an article keeps its doc_id.
import type { Article } from '../../../contract/domain/article.ts';
import { articleTerms } from './article-terms.ts';
import { categoryToken } from './categories.ts';
import type { Db } from './db.ts';
import { keyOf } from './doc-keys.ts';
import { toStored } from './doc-text.ts';
import { statement } from './statements.ts';
import { addToVocabulary } from './vocabulary.ts';
import { vocabularyOf, type WordEntry } from './word-terms.ts';

interface Keys {
  doc_id: number;
  fts_key: number;
  head_key: number;
}

/** Adds or replaces articles in the index (an id given twice: the last one wins). Returns how many were written. */
export function indexArticles(db: Db, batch: readonly Article[]): number {
  const articles = [...new Map(batch.map((a) => [a.id, a])).values()];
  if (articles.length === 0) return 0;
  const existing = statement<[string], Keys>(db, 'SELECT doc_id, fts_key, head_key FROM kb_doc WHERE article_id = ?');
  const upsertDoc = statement<[number, string, string, string, string, string, Buffer, Buffer, string, number, number]>(db, `
    INSERT INTO kb_doc (doc_id, article_id, category, title, title_terms, tag_terms, text, terms, updated_at, fts_key, head_key)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (article_id) DO UPDATE SET
      category = excluded.category, title = excluded.title, title_terms = excluded.title_terms,
      tag_terms = excluded.tag_terms, text = excluded.text, terms = excluded.terms,
      updated_at = excluded.updated_at, fts_key = excluded.fts_key, head_key = excluded.head_key`);
  const addFts = statement(db, 'INSERT INTO kb_fts (rowid, title, body, tags, category) VALUES (?, ?, ?, ?, ?)');
  const addHead = statement(db, 'INSERT INTO kb_head (rowid, title, tags, category) VALUES (?, ?, ?, ?)');

  const seen = new Set<WordEntry>();
  const prepared = articles.map((a) => ({ a, t: articleTerms(a, seen) }));
  db.transaction(() => {
    // Order matters for speed. An FTS5 table writes its pending inserts out whenever another
    // statement opens a savepoint (the upsert below does) and before any delete; interleaving
    // them per article would write one tiny segment per article and merge them over and over
    // (10× slower). So: stale FTS rows out first, then every kb_doc and vocabulary row, then every
    // FTS row.
    const stale = articles.map((a) => existing.get(a.id));
    dropFromFts(db, stale.filter((k) => k !== undefined));
    let nextId = (statement(db, 'SELECT coalesce(max(doc_id), 0) FROM kb_doc').pluck().get() as number) + 1;
    const rows = prepared.map(({ a, t }, i) => {
      const docId = stale[i]?.doc_id ?? nextId++;
      const ftsKey = keyOf(t.length, docId);
      const headKey = keyOf(t.headLength, docId);
      upsertDoc.run(docId, a.id, a.category, a.title, t.title, t.tags, toStored(t.text), toStored(t.terms), a.updatedAt, ftsKey, headKey);
      return { ftsKey, headKey, a, t };
    });
    addToVocabulary(db, vocabularyOf(seen));
    // In rowid order too: a rowid below the last one written also makes FTS5 write its pending
    // inserts out, and keys (doc-keys.ts) do not follow the articles' order.
    for (const { ftsKey, a, t } of rows.sort((x, y) => x.ftsKey - y.ftsKey)) addFts.run(ftsKey, t.title, t.body, t.tags, categoryToken(a.category));
    for (const { headKey, a, t } of rows.sort((x, y) => x.headKey - y.headKey)) addHead.run(headKey, t.title, t.tags, categoryToken(a.category));
  })();
  return articles.length;
}

function dropFromFts(db: Db, keys: readonly Keys[]): void {
  if (keys.length === 0) return;
  const dropFts = statement(db, 'DELETE FROM kb_fts WHERE rowid = ?');
  const dropHead = statement(db, 'DELETE FROM kb_head WHERE rowid = ?');
  for (const k of keys) dropFts.run(k.fts_key);
  for (const k of keys) dropHead.run(k.head_key);
}

/** Removes articles from the index; ids that are not indexed are ignored. Returns how many were removed. */
export function removeArticles(db: Db, ids: readonly string[]): number {
  const dropDoc = statement<[string], Keys>(db, 'DELETE FROM kb_doc WHERE article_id = ? RETURNING doc_id, fts_key, head_key');
  return db.transaction(() => {
    const keys = ids.map((id) => dropDoc.get(id)).filter((k) => k !== undefined);
    dropFromFts(db, keys);
    return keys.length;
  })();
}
