// The knowledge-base search tables, kept beside the replica's own tables (all named kb_*):
//
// - kb_doc: doc_id ↔ article id, plus what a hit shows — title, category and the plain text that
//   snippets are cut from (original case and spelling, so the operator reads the article's words),
//   with that text's terms word by word (word-terms.ts) to mark the hits without re-stemming; the
//   title's and tags' terms (head-score.ts), kept before the long columns so reading them does not
//   read the text; and the rowids the article has in the two FTS tables (doc-keys.ts). Text and
//   terms are UTF-16 BLOBs (doc-text.ts): a hit reads them as a copy, not as a UTF-8 decode, which
//   was a third of a search's time.
// - kb_fts: STEMMED terms made in JS (terms.ts), one space-separated string per column (the
//   body's without stopwords, word-terms.ts), and the category as a token of its own column
//   (categories.ts). Case, ё and diacritics are already
//   folded in JS (unicode61's folding would also turn й into и), so the tokenizer only has to split
//   on spaces: 'ascii' does, and keeps every non-ASCII character inside a token, at a fraction of
//   unicode61's cost. A prefix index makes «as you type» queries of three letters cheap (longer
//   prefixes are spelled out as terms, match-expression.ts; shorter ones are no prefixes,
//   parse-query.ts). Contentless: only bm25 is read from it.
// - kb_head: the same title and tags terms alone, and the category. Ranking puts the articles
//   whose title and tags hold the query first; finding and scoring those in a table of titles and
//   tags reads short posting lists instead of the whole text's.
// - kb_vocab: every normalised word seen → its term. A half-typed last word is completed to the
//   exact terms of the words it begins (stems are not always prefixes of each other), and a
//   longer prefix is spelled out as the terms it begins (match-expression.ts).
//   kb_vocab_trigram indexes the same words, padded as trigrams.ts pads them, by trigram: a query
//   word inside a longer word («config» in «ipconfig») and misspelt words' look-alikes are found
//   there. Both only grow: a stale word only proposes a term that matches nothing.
// - kb_meta: the index version. Index terms depend on this code (normalisation, stemmer, spoken
//   forms, stopwords, the rowid keys), not only on the schema, so any change to those must bump
//   KB_INDEX_VERSION. (Synonyms are applied to queries only.)
import type { Db } from './db.ts';

export const KB_INDEX_VERSION = '2';

export const KB_SCHEMA_SQL = `
  CREATE TABLE IF NOT EXISTS kb_doc (
    doc_id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,
    category TEXT NOT NULL,
    title TEXT NOT NULL,
    title_terms TEXT NOT NULL,
    tag_terms TEXT NOT NULL,
    text BLOB NOT NULL,
    terms BLOB NOT NULL,
    updated_at TEXT NOT NULL,
    fts_key INTEGER NOT NULL,
    head_key INTEGER NOT NULL
  ) STRICT;
  CREATE VIRTUAL TABLE IF NOT EXISTS kb_fts USING fts5(
    title, body, tags, category,
    content = '', contentless_delete = 1,
    tokenize = "ascii tokenchars '_'", prefix = '3'
  );
  CREATE VIRTUAL TABLE IF NOT EXISTS kb_head USING fts5(
    title, tags, category,
    content = '', contentless_delete = 1,
    tokenize = "ascii tokenchars '_'", prefix = '3'
  );
  CREATE TABLE IF NOT EXISTS kb_vocab (id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE, term TEXT NOT NULL) STRICT;
  CREATE INDEX IF NOT EXISTS kb_vocab_by_term ON kb_vocab (term);
  CREATE VIRTUAL TABLE IF NOT EXISTS kb_vocab_trigram USING fts5(
    word, content = '', tokenize = 'trigram case_sensitive 1'
  );
  CREATE TABLE IF NOT EXISTS kb_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
`;

const DROP_SQL = `
  DROP TABLE IF EXISTS kb_doc;
  DROP TABLE IF EXISTS kb_fts;
  DROP TABLE IF EXISTS kb_head;
  DROP TABLE IF EXISTS kb_trigram;
  DROP TABLE IF EXISTS kb_vocab;
  DROP TABLE IF EXISTS kb_vocab_trigram;
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
