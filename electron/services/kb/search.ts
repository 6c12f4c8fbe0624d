// searchArticles, in four steps, each only when the one before found nothing:
// 1. by stem: every query word (stopwords dropped), the last one as a prefix while it is being
//    typed; ranked with title and tags first (ranked-query.ts);
// 2. by substring (kb_vocab_trigram): the words as parts of longer indexed words;
// 3. by spelling: unknown words replaced by indexed look-alikes, then as in step 1;
// 4. by any word: the words of step 3 (or 1), of which one is enough, ranked by bm25 — a caller's
//    sentence holds words no article has («уезжаю в отпуск, не хочу платить»).
// Steps 2 to 4 set usedFallback, so the UI can say the results are approximate.
// Synchronous and stateless: everything it needs is in the database it is handed.
import type { Db } from './db.ts';
import { groupOf, type TermGroup } from './match-expression.ts';
import { parseQuery } from './parse-query.ts';
import { COUNT_CAP, rankedQuery, type RankedQuery, type RankedRow } from './ranked-query.ts';
import { bestWindow, cutSnippet, WINDOW_WORDS } from './snippet.ts';
import { spellingGroups } from './spelling.ts';
import { substringGroups } from './substring-search.ts';
import { createTermer } from './terms.ts';
import { words } from './tokenize.ts';
import type { KbHit, KbSearchOptions, KbSearchResult } from './types.ts';
import { wordHits } from './word-hits.ts';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const MAX_OFFSET = 10_000;

const clampInt = (n: number | undefined, min: number, max: number, fallback: number): number =>
  n === undefined || !Number.isFinite(n) ? fallback : Math.min(max, Math.max(min, Math.trunc(n)));

type Page = Pick<RankedQuery, 'categories' | 'limit' | 'offset'>;

/** A hit with its snippet; `which`: per word of the text, the group it matches (-1: none). */
function toHit(r: RankedRow, which: ArrayLike<number>): KbHit {
  const start = bestWindow(which);
  // Only the words up to the snippet's end are tokenised: `which` came from the stored terms.
  const all = words(r.text, start + WINDOW_WORDS);
  return { id: r.id, title: r.title, category: r.category, snippet: cutSnippet(r.text, all, which, start, which.length), score: r.score };
}

function stemmedSearch(db: Db, groups: readonly TermGroup[], page: Page, mode: 'all' | 'any' = 'all'): { hits: KbHit[]; total: number; moreThanTotal?: true } {
  const { rows, total } = rankedQuery(db, { groups, mode, ...page });
  const hits = rows.map((r) => toHit(r, wordHits(r.terms, groups)));
  // The count stops at COUNT_CAP: one past what it says means «more than that».
  return total >= COUNT_CAP ? { hits, total: COUNT_CAP - 1, moreThanTotal: true } : { hits, total };
}

export function searchArticles(db: Db, query: string, opts: KbSearchOptions = {}): KbSearchResult {
  const page: Page = {
    limit: clampInt(opts.limit, 1, MAX_LIMIT, DEFAULT_LIMIT),
    offset: clampInt(opts.offset, 0, MAX_OFFSET, 0),
    categories: opts.categories?.length ? opts.categories : null,
  };
  const terms = parseQuery(query, createTermer());
  if (terms.length === 0) return { hits: [], total: 0, usedFallback: false };

  const groups = terms.map((t) => groupOf(db, t));
  const stemmed = stemmedSearch(db, groups, page);
  if (stemmed.total > 0) return { ...stemmed, usedFallback: false };

  const inside = substringGroups(db, terms);
  const substring = inside ? stemmedSearch(db, inside, page) : null;
  if (substring && substring.total > 0) return { ...substring, usedFallback: true };

  const corrected = spellingGroups(db, terms);
  const spelled = corrected ? stemmedSearch(db, corrected, page) : null;
  if (spelled && spelled.total > 0) return { ...spelled, usedFallback: true };

  const loose = corrected ?? groups;
  if (loose.length > 1) return { ...stemmedSearch(db, loose, page, 'any'), usedFallback: true };
  return { hits: [], total: 0, usedFallback: true };
}
