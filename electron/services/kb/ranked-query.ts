// One page of ranked matches, with the total and the category filter.
//
// Order: first the articles whose title and tags hold every query word (the head tier, kb_head),
// then the other matches (kb_fts). bm25's column weights alone cannot put those first: a word found
// in most articles («подключение») has an IDF near zero, so 10× nearly nothing stays nearly
// nothing, and a long body outranks the article titled with the very words typed.
//
// Bounded work. A common word matches most of a large knowledge base, and bm25 costs microseconds
// a row after reading the whole posting list of every query term for its IDF. So a tier is ranked
// in chunks of matches taken in rowid order — shortest first (doc-keys.ts), which bm25 favours
// anyway — each chunk sorted by score, and a page scores only the chunks it shows. The head tier
// is scored by what title and tags hold (head-score.ts); the rest by bm25 while the query matches
// few articles, and past that like the head tier, without reading posting lists again.
import type { ArticleCategory } from '../../../contract/domain/article.ts';
import { categoryMatch } from './categories.ts';
import type { Db } from './db.ts';
import { docIdSql } from './doc-keys.ts';
import { fromStored } from './doc-text.ts';
import { matchExpression, matchingOnly, type TermGroup } from './match-expression.ts';
import { headScorer } from './head-score.ts';
import { statement } from './statements.ts';

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
  groups: readonly TermGroup[];
  /** 'all': every group must match (tiered as above); 'any': one is enough, and there is no head tier. */
  mode: 'all' | 'any';
  categories: readonly ArticleCategory[] | null;
  limit: number;
  offset: number;
}

const HEAD_CHUNK = 50;
const REST_CHUNK = 500;
const REST_PLAIN_CHUNK = 50;
/** Above this many matches the rest is scored by title and tags (see above). */
const RANKED_MATCHES = 2000;
/** Keeps the head tier's scores above the rest's, so «higher is better» holds down the list. */
const HEAD_BONUS = 100;

interface Scored {
  key: number;
  score: number;
}

const HEAD_SQL = `
  SELECT rowid AS key, 0 AS score FROM kb_head WHERE kb_head MATCH @match
  ORDER BY rowid LIMIT ${HEAD_CHUNK} OFFSET @offset`;
const HEAD_COUNT_SQL = 'SELECT count(*) FROM kb_head WHERE kb_head MATCH ?';
/**
 * Matches are counted up to one past RANKED_MATCHES, no further: counting every match of a common
 * word walks its whole posting list (a third of such a search), and past that mark the page is
 * ranked the same way whatever the number. The operator reads «more than 2000».
 */
export const COUNT_CAP = RANKED_MATCHES + 1;
const COUNT_SQL = `SELECT count(*) FROM (SELECT 1 FROM kb_fts WHERE kb_fts MATCH ? LIMIT ${COUNT_CAP})`;
const FETCH_SQL = `SELECT article_id AS id, title, category, text, terms FROM kb_doc WHERE doc_id = ${docIdSql('?')}`;

/** The rest tier's chunks: all matches, or (below the head tier) those not in it. */
function restSql(belowHead: boolean, scored: boolean): string {
  const notHead = belowHead ? `AND ${docIdSql('rowid')} NOT IN (SELECT ${docIdSql('rowid')} FROM kb_head WHERE kb_head MATCH @match)` : '';
  const score = scored ? '-bm25(kb_fts, 10.0, 1.0, 4.0, 0.0)' : '0';
  return `SELECT rowid AS key, ${score} AS score FROM kb_fts WHERE kb_fts MATCH @match ${notHead}
    ORDER BY rowid LIMIT ${scored ? REST_CHUNK : REST_PLAIN_CHUNK} OFFSET @offset`;
}

const byScore = (a: Scored, b: Scored) => b.score - a.score || a.key - b.key;

/**
 * A tier's rows at positions [from, to), chunk by chunk, and its size when the page reaches past
 * its end (undefined: it reaches at least to `to`).
 */
function slice(
  chunkSize: number,
  chunk: (c: number) => Scored[],
  count: () => number,
  from: number,
  to: number,
): { rows: Scored[]; size: number | undefined } {
  const rows: Scored[] = [];
  for (let c = Math.floor(from / chunkSize); c * chunkSize < to; c++) {
    const got = chunk(c).sort(byScore);
    rows.push(...got.slice(Math.max(0, from - c * chunkSize), to - c * chunkSize));
    // An empty chunk past the first says only that the tier ended somewhere before it.
    if (got.length < chunkSize) return { rows, size: got.length > 0 || c === 0 ? c * chunkSize + got.length : count() };
  }
  return { rows, size: undefined };
}

export function rankedQuery(db: Db, q: RankedQuery): { rows: RankedRow[]; total: number } {
  const filter = q.categories ? ` AND ${categoryMatch(q.categories)}` : '';
  const join = q.mode === 'all' ? 'AND' : 'OR';
  // Scored queries read every alternative (bm25 weighs them); counting and walking need fewer.
  const match = `(${matchExpression(q.groups, join)})${filter}`;
  const matching = `(${matchExpression(matchingOnly(q.groups), join)})${filter}`;
  const total = statement<[string], number>(db, COUNT_SQL).pluck().get(matching)!;
  if (total === 0) return { rows: [], total };
  const chunks = (sql: string, size: number, scored = true) => (c: number) =>
    statement<[{ match: string; offset: number }], Scored>(db, sql).all({ match: scored ? match : matching, offset: c * size });
  const end = q.offset + q.limit;

  let page: Scored[] = [];
  let headSize = 0;
  if (q.mode === 'all') {
    const score = headScorer(db, q.groups, 'head_key', HEAD_BONUS);
    const keys = chunks(HEAD_SQL, HEAD_CHUNK, false);
    const head = slice(HEAD_CHUNK, (c) => score(keys(c)), () => statement<[string], number>(db, HEAD_COUNT_SQL).pluck().get(matching)!, q.offset, end);
    page = head.rows;
    // The head tier's size is known, and needed, only when the page reaches past it.
    if (head.size === undefined) return { rows: fetchRows(db, page), total };
    headSize = head.size;
  }
  if (end > headSize) {
    const from = Math.max(q.offset, headSize) - headSize;
    const belowHead = q.mode === 'all';
    const none = () => 0;
    if (total <= RANKED_MATCHES) page.push(...slice(REST_CHUNK, chunks(restSql(belowHead, true), REST_CHUNK), none, from, end - headSize).rows);
    else {
      const score = headScorer(db, q.groups, 'fts_key', 0);
      const keys = chunks(restSql(belowHead, false), REST_PLAIN_CHUNK, false);
      page.push(...slice(REST_PLAIN_CHUNK, (c) => score(keys(c)), none, from, end - headSize).rows);
    }
  }
  return { rows: fetchRows(db, page), total };
}

function fetchRows(db: Db, page: readonly Scored[]): RankedRow[] {
  const fetch = statement<[number], Omit<RankedRow, 'score' | 'text' | 'terms'> & { text: Buffer; terms: Buffer }>(db, FETCH_SQL);
  return page.map((p) => {
    const row = fetch.get(p.key)!;
    return { ...row, text: fromStored(row.text), terms: fromStored(row.terms), score: p.score };
  });
}
