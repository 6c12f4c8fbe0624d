// searchArticles, in three steps, each only when the one before found nothing:
// 1. by stem: every query word (stopwords dropped), the last one as a prefix while it is being
//    typed; bm25-ranked with the title counting most;
// 2. by substring (kb_trigram): the words as parts of longer words;
// 3. by spelling: unknown words replaced by indexed look-alikes, then as in step 1.
// Steps 2 and 3 set usedFallback, so the UI can say the results are approximate.
// Synchronous and stateless: everything it needs is in the database it is handed.
import type { Db } from './db.ts';
import { groupOf, matchExpression, type TermGroup } from './match-expression.ts';
import { MAX_QUERY_CHARS, parseQuery } from './parse-query.ts';
import { rankedQuery, type RankedQuery, type RankedRow } from './ranked-query.ts';
import { bestWindow, cutSnippet, WINDOW_WORDS } from './snippet.ts';
import { spellingGroups } from './spelling.ts';
import { substringMatch, substringWords } from './substring-search.ts';
import { createTermer } from './terms.ts';
import { words, type Word } from './tokenize.ts';
import type { KbHit, KbSearchOptions, KbSearchResult } from './types.ts';
import { decodeWordTerms } from './word-terms.ts';
import { groupMatcher, substringMatcher } from './word-matchers.ts';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const MAX_OFFSET = 10_000;

const clampInt = (n: number | undefined, min: number, max: number, fallback: number): number =>
  n === undefined || !Number.isFinite(n) ? fallback : Math.min(max, Math.max(min, Math.trunc(n)));

type Page = Pick<RankedQuery, 'categories' | 'limit' | 'offset'>;

/** A hit with its snippet; `which`: per word of the text, the group it matches (-1: none). */
function toHit(r: RankedRow, which: readonly number[], knownWords?: readonly Word[]): KbHit {
  const start = bestWindow(which);
  // Only the words up to the snippet's end are tokenised when `which` came from the stored terms.
  const all = knownWords ?? words(r.text, start + WINDOW_WORDS);
  return { id: r.id, title: r.title, category: r.category, snippet: cutSnippet(r.text, all, which, start, which.length), score: r.score };
}

function stemmedSearch(db: Db, groups: readonly TermGroup[], page: Page): { hits: KbHit[]; total: number } {
  const { rows, total } = rankedQuery(db, { table: 'kb_fts', match: matchExpression(groups), ...page });
  const match = groupMatcher(groups);
  return { hits: rows.map((r) => toHit(r, decodeWordTerms(r.terms).map(match))), total };
}

function substringSearch(db: Db, query: string, page: Page): { hits: KbHit[]; total: number } {
  const queryWords = substringWords(query);
  const match = substringMatch(queryWords);
  if (match === null) return { hits: [], total: 0 };
  const { rows, total } = rankedQuery(db, { table: 'kb_trigram', match, ...page });
  const matcher = substringMatcher(queryWords);
  const hits = rows.map((r) => {
    const all = words(r.text);
    return toHit(r, all.map((w) => matcher(r.text.slice(w.start, w.end))), all);
  });
  return { hits, total };
}

export function searchArticles(db: Db, query: string, opts: KbSearchOptions = {}): KbSearchResult {
  const page: Page = {
    limit: clampInt(opts.limit, 1, MAX_LIMIT, DEFAULT_LIMIT),
    offset: clampInt(opts.offset, 0, MAX_OFFSET, 0),
    categories: opts.categories?.length ? opts.categories : null,
  };
  const terms = parseQuery(query, createTermer());
  if (terms.length === 0) return { hits: [], total: 0, usedFallback: false };

  const stemmed = stemmedSearch(db, terms.map((t) => groupOf(db, t)), page);
  if (stemmed.total > 0) return { ...stemmed, usedFallback: false };

  const substring = substringSearch(db, query.slice(0, MAX_QUERY_CHARS), page);
  if (substring.total > 0) return { ...substring, usedFallback: true };

  const corrected = spellingGroups(db, terms);
  if (corrected) return { ...stemmedSearch(db, corrected, page), usedFallback: true };
  return { hits: [], total: 0, usedFallback: true };
}
