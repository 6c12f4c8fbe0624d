// Writing articles into the search tables (schema.ts): one transaction per call, so a search in
// between never sees half an update. Re-indexing an article keeps its rowid.
import type { Article } from '../../../contract/domain/article.ts';
import type { Db } from './db.ts';
import { markdownToText } from './markdown-text.ts';
import { foldText } from './normalize.ts';
import { createTermer } from './terms.ts';
import { words } from './tokenize.ts';
import { encodeWordTerms, ftsText } from './word-terms.ts';

/** Adds or replaces articles in the index (an id given twice: the last one wins). Returns how many were written. */
export function indexArticles(db: Db, batch: readonly Article[]): number {
  const articles = [...new Map(batch.map((a) => [a.id, a])).values()];
  const existing = db.prepare<[string], { doc_id: number }>('SELECT doc_id FROM kb_doc WHERE article_id = ?');
  const upsertDoc = db.prepare<[string, string, string, string, string, string], { doc_id: number }>(`
    INSERT INTO kb_doc (article_id, category, title, text, terms, updated_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (article_id) DO UPDATE SET
      category = excluded.category, title = excluded.title, text = excluded.text, terms = excluded.terms,
      updated_at = excluded.updated_at
    RETURNING doc_id`);
  const addFts = db.prepare('INSERT INTO kb_fts (rowid, title, body, tags) VALUES (?, ?, ?, ?)');
  const addTrigram = db.prepare('INSERT INTO kb_trigram (rowid, title, body, tags) VALUES (?, ?, ?, ?)');
  const addVocab = db.prepare('INSERT OR IGNORE INTO kb_vocab (word, term) VALUES (?, ?)');

  const termer = createTermer();
  const vocab = new Map<string, string>();
  db.transaction(() => {
    // Order matters for speed. An FTS5 table writes its pending inserts out whenever another
    // statement opens a savepoint (the upsert below does) and before any delete; interleaving
    // them per article would write one tiny segment per article and merge them over and over
    // (10× slower). So: stale FTS rows out first, then every kb_doc row, then every FTS row.
    const stale = articles.map((a) => existing.get(a.id)?.doc_id).filter((id) => id !== undefined);
    dropFromFts(db, stale);
    const rows = articles.map((a) => {
      const text = markdownToText(a.body);
      const tags = a.tags.join(' · ');
      const terms = encodeWordTerms(words(text), termer, vocab);
      const { doc_id: rowid } = upsertDoc.get(a.id, a.category, a.title, text, terms, a.updatedAt)!;
      return { rowid, a, text, tags, terms };
    });
    const stemmed = (s: string) => ftsText(encodeWordTerms(words(s), termer, vocab));
    for (const r of rows) addFts.run(r.rowid, stemmed(r.a.title), ftsText(r.terms), stemmed(r.tags));
    for (const r of rows) addTrigram.run(r.rowid, foldText(r.a.title), foldText(r.text), foldText(r.tags));
    for (const [word, term] of vocab) addVocab.run(word, term);
  })();
  return articles.length;
}

function dropFromFts(db: Db, rowids: readonly number[]): void {
  if (rowids.length === 0) return;
  const dropFts = db.prepare('DELETE FROM kb_fts WHERE rowid = ?');
  const dropTrigram = db.prepare('DELETE FROM kb_trigram WHERE rowid = ?');
  for (const rowid of rowids) dropFts.run(rowid);
  for (const rowid of rowids) dropTrigram.run(rowid);
}

/** Removes articles from the index; ids that are not indexed are ignored. Returns how many were removed. */
export function removeArticles(db: Db, ids: readonly string[]): number {
  const dropDoc = db.prepare<[string], { doc_id: number }>('DELETE FROM kb_doc WHERE article_id = ? RETURNING doc_id');
  return db.transaction(() => {
    const rowids = ids.map((id) => dropDoc.get(id)?.doc_id).filter((id) => id !== undefined);
    dropFromFts(db, rowids);
    return rowids.length;
  })();
}
