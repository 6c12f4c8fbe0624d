// The knowledge-base search tables, kept beside the replica's own tables (all named kb_*):
//
// - kb_doc: rowid ↔ article id, plus what a hit shows — title, category and the plain text that
//   snippets are cut from (original case and spelling, so the operator reads the article's words),
//   with that text's terms word by word (word-terms.ts) to mark the hits without re-stemming.
// - kb_fts: STEMMED terms made in JS (terms.ts), one space-separated string per column. Its
//   tokenizer only splits on spaces: case, ё and diacritics are already folded in JS, and
//   unicode61's own folding (remove_diacritics) is off because it would turn й into и. Prefix
//   indexes make «as you type» prefix queries cheap. Contentless: only bm25 is read from it.
// - kb_trigram: the folded but unstemmed text, for the substring fallback («фон» in «телефон»).
// - kb_vocab: every normalised word seen → its term. A half-typed last word is completed to the
//   exact terms of the words it begins (stems are not always prefixes of each other), and a
//   misspelt word is replaced by the look-alike words (spelling.ts). Never pruned: a stale word
//   only proposes a term that matches nothing.
// - kb_meta: the index version. Index terms depend on this code (normalisation, stemmer, spoken
//   forms), not only on the schema, so any change to those must bump KB_INDEX_VERSION.
import type { Db } from './db.ts';

export const KB_INDEX_VERSION = '1';

export const KB_SCHEMA_SQL = `
  CREATE TABLE IF NOT EXISTS kb_doc (
    doc_id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,
    category TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    terms TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS kb_doc_by_category ON kb_doc (category);
  CREATE VIRTUAL TABLE IF NOT EXISTS kb_fts USING fts5(
    title, body, tags,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'
  );
  CREATE VIRTUAL TABLE IF NOT EXISTS kb_trigram USING fts5(
    title, body, tags,
    content = '', contentless_delete = 1,
    tokenize = 'trigram'
  );
  CREATE TABLE IF NOT EXISTS kb_vocab (word TEXT PRIMARY KEY, term TEXT NOT NULL) STRICT, WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS kb_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
`;

const DROP_SQL = `
  DROP TABLE IF EXISTS kb_doc;
  DROP TABLE IF EXISTS kb_fts;
  DROP TABLE IF EXISTS kb_trigram;
  DROP TABLE IF EXISTS kb_vocab;
  DROP TABLE IF EXISTS kb_meta;
`;

/**
 * Creates the tables if they are missing; drops and recreates them if they were built by another
 * index version. Safe to call on every start. `needsReindex`: the index is empty, so the caller
 * must feed it every article (indexArticles) from the replica.
 */
export function createKbIndex(db: Db): { needsReindex: boolean } {
  return db.transaction(() => {
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'kb_meta'").get() !== undefined;
    const version = hasMeta
      ? (db.prepare("SELECT value FROM kb_meta WHERE key = 'version'").get() as { value: string } | undefined)?.value
      : undefined;
    if (version === KB_INDEX_VERSION) {
      db.exec(KB_SCHEMA_SQL);
      return { needsReindex: false };
    }
    db.exec(DROP_SQL);
    db.exec(KB_SCHEMA_SQL);
    db.prepare("INSERT INTO kb_meta (key, value) VALUES ('version', ?)").run(KB_INDEX_VERSION);
    return { needsReindex: true };
  })();
}
