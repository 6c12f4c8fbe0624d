// Writing articles into the search tables (schema.ts): one transaction per call, so a search in
// between never sees half an update. Re-indexing an article keeps its doc_id.
//
// Two steps, so that the costly one can run elsewhere: prepareArticles computes in JS what the
// index holds of each article (no database; a first sync runs it on the page checker's thread,
// db/page-checker.ts), writeArticles writes that. indexArticles does both.
import type { Article } from '../../../contract/domain/article.ts';
import { articleTerms, type ArticleTerms } from './article-terms.ts';
import { categoryToken } from './categories.ts';
import type { Db } from './db.ts';
import { keyOf } from './doc-keys.ts';
import { toStored } from './doc-text.ts';
import { statement } from './statements.ts';
import { addToVocabulary } from './vocabulary.ts';
import { vocabularyOf, type WordEntry } from './word-terms.ts';

/** An article as the index holds it: plain data (strings), so it can cross to another thread. */
export interface PreparedArticle {
  id: string;
  category: Article['category'];
  title: string;
  updatedAt: string;
  t: ArticleTerms;
}

/** Articles ready to write, and every (normalised word, term) pair they hold, for the vocabulary. */
export interface PreparedArticles {
  articles: PreparedArticle[];
  vocabulary: Array<[word: string, term: string]>;
}

interface Keys {
  doc_id: number;
  fts_key: number;
  head_key: number;
}

export function prepareArticle(a: Article, seen: Set<WordEntry>): PreparedArticle {
  return { id: a.id, category: a.category, title: a.title, updatedAt: a.updatedAt, t: articleTerms(a, seen) };
}

export function prepareArticles(batch: readonly Article[]): PreparedArticles {
  const seen = new Set<WordEntry>();
  return { articles: batch.map((a) => prepareArticle(a, seen)), vocabulary: [...vocabularyOf(seen)] };
}

/** Adds or replaces articles in the index (an id given twice: the last one wins). Returns how many were written. */
export function indexArticles(db: Db, batch: readonly Article[]): number {
  return writeArticles(db, prepareArticles(batch));
}

/** writeArticles for articles prepared by prepareArticle(s); the vocabulary may hold more words than they do. */
export function writeArticles(db: Db, batch: PreparedArticles): number {
  const articles = [...new Map(batch.articles.map((a) => [a.id, a])).values()];
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

  db.transaction(() => {
    // Order matters for speed. An FTS5 table writes its pending inserts out whenever another
    // statement opens a savepoint (the upsert below does) and before any delete; interleaving
    // them per article would write one tiny segment per article and merge them over and over
    // (10× slower). So: stale FTS rows out first, then every kb_doc and vocabulary row, then every
    // FTS row.
    const stale = articles.map((a) => existing.get(a.id));
    dropFromFts(db, stale.filter((k) => k !== undefined));
    let nextId = (statement(db, 'SELECT coalesce(max(doc_id), 0) FROM kb_doc').pluck().get() as number) + 1;
    const rows = articles.map(({ id, category, title, updatedAt, t }, i) => {
      const docId = stale[i]?.doc_id ?? nextId++;
      const ftsKey = keyOf(t.length, docId);
      const headKey = keyOf(t.headLength, docId);
      upsertDoc.run(docId, id, category, title, t.title, t.tags, toStored(t.text), toStored(t.terms), updatedAt, ftsKey, headKey);
      return { ftsKey, headKey, category: categoryToken(category), t };
    });
    addToVocabulary(db, batch.vocabulary);
    // In rowid order too: a rowid below the last one written also makes FTS5 write its pending
    // inserts out, and keys (doc-keys.ts) do not follow the articles' order.
    for (const { ftsKey, category, t } of rows.sort((x, y) => x.ftsKey - y.ftsKey)) addFts.run(ftsKey, t.title, t.body, t.tags, category);
    for (const { headKey, category, t } of rows.sort((x, y) => x.headKey - y.headKey)) addHead.run(headKey, t.title, t.tags, category);
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
