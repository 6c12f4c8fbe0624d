// Top-3 hit rate of the labelled queries (relevance-set.ts): the share of queries with an
// acceptable article among the first three results. Shared by the unit test and the benchmark.
import type { Db } from '../../../electron/services/kb/db.ts';
import { searchArticles } from '../../../electron/services/kb/index.ts';
import type { LabelledQuery } from './relevance-set.ts';

export interface RelevanceResult {
  rate: number;
  misses: Array<{ query: string; kind: string; top: string[] }>;
}

export const TOP = 3;

export function topHitRate(db: Db, set: readonly LabelledQuery[]): RelevanceResult {
  const misses: RelevanceResult['misses'] = [];
  for (const q of set) {
    const top = searchArticles(db, q.query, { limit: TOP }).hits.map((h) => h.title);
    if (!top.some((t) => q.accept.includes(t))) misses.push({ query: q.query, kind: q.kind, top });
  }
  return { rate: (set.length - misses.length) / set.length, misses };
}
