// The shapes searchArticles returns. Snippets are segments, not HTML: the UI renders `hit` parts
// as marked text, so article text can never inject markup.
import type { ArticleCategory } from '../../../contract/domain/article.ts';

export interface SnippetSegment {
  text: string;
  hit: boolean;
}

export interface KbHit {
  id: string;
  title: string;
  category: ArticleCategory;
  snippet: SnippetSegment[];
  /** Higher is better (negated bm25); comparable only within one result. */
  score: number;
}

export interface KbSearchResult {
  hits: KbHit[];
  /** All matches (within the categories), not just this page; counted up to a cap (see `moreThanTotal`). */
  total: number;
  /** There are more matches than `total`: counting stopped there (ranked-query.ts COUNT_CAP). */
  moreThanTotal?: true;
  /** The stemmed search found nothing; these hits come from the substring or the spelling fallback. */
  usedFallback: boolean;
}

export interface KbSearchOptions {
  /** Only these categories; empty or absent means all. */
  categories?: readonly ArticleCategory[];
  /** Page size, 1…100; 20 by default. */
  limit?: number;
  offset?: number;
}
