// One page of ranked matches from either FTS table, with the total, the category filter and the
// columns a hit needs. bm25 weights: a word in the title counts 10×, in a tag 4×, in the body 1×.
import type { ArticleCategory } from '../../../contract/domain/article.ts';
import type { Db } from './db.ts';

export interface RankedRow {
  id: string;
  title: string;
  category: ArticleCategory;
  text: string;
  /** The text's terms word by word (word-terms.ts). */
  terms: string;
  score: number;
}

export interface RankedQuery {
  table: 'kb_fts' | 'kb_trigram';
  match: string;
  categories: readonly ArticleCategory[] | null;
  limit: number;
  offset: number;
}

/**
 * The matching rows with their scores. The filters sit inside the MATCH query, so bm25 (the costly
 * part) runs only for rows that pass them; `+rowid` keeps SQLite from handing the IN list to FTS5 as
 * rowids to seek (one MATCH evaluation per rowid: far slower once the list is long). The result is
 * materialised because bm25() may not run under the window function. Ranking and counting read
 * only ids and scores; the page's texts are fetched afterwards. The table name comes from the
 * closed union above, never from input.
 */
/**
 * Articles whose title holds every query word come first. bm25's column weight alone cannot do it:
 * a word found in most articles ("подключение") has an IDF near zero, so 10× nearly nothing stays
 * nearly nothing, and a long body outranks the article titled with the very words typed.
 */
const TITLE_BONUS = 100;

const matched = (q: RankedQuery) => `
  WITH m AS MATERIALIZED (
    SELECT rowid AS doc_id, -bm25(${q.table}, 10.0, 1.0, 4.0)
      + CASE WHEN rowid IN (SELECT rowid FROM ${q.table} WHERE ${q.table} MATCH @titleMatch) THEN ${TITLE_BONUS} ELSE 0 END AS score
    FROM ${q.table}
    WHERE ${q.table} MATCH @match
      AND (@categories IS NULL OR +rowid IN (
        SELECT doc_id FROM kb_doc WHERE category IN (SELECT value FROM json_each(@categories))))
  )`;

export function rankedQuery(db: Db, q: RankedQuery): { rows: RankedRow[]; total: number } {
  const params = {
    match: q.match,
    // FTS5 column filter: the same expression, matched against the title alone.
    titleMatch: `title : (${q.match})`,
    categories: q.categories ? JSON.stringify(q.categories) : null,
  };
  const page = db
    .prepare<[typeof params & { limit: number; offset: number }], { doc_id: number; score: number; total: number }>(`
      ${matched(q)}
      SELECT doc_id, score, count(*) OVER () AS total FROM m
      ORDER BY score DESC, doc_id
      LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.limit, offset: q.offset });
  const total = page[0]?.total
    // A page past the end still reports the total.
    ?? (q.offset === 0 ? 0 : db.prepare<[typeof params], { total: number }>(`${matched(q)} SELECT count(*) AS total FROM m`).get(params)!.total);

  const fetch = db.prepare<[number], Omit<RankedRow, 'score'>>(
    'SELECT article_id AS id, title, category, text, terms FROM kb_doc WHERE doc_id = ?',
  );
  const rows = page.map((p) => ({ ...fetch.get(p.doc_id)!, score: p.score }));
  return { rows, total };
}
