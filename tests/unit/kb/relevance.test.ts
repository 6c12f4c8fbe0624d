// Relevance, not speed: of the labelled operator queries (relevance-set.ts), at least 90% have an
// acceptable article among the first three results. The misses are printed when it fails.
import { describe, expect, it } from 'vitest';
import { articles, indexedCorpus } from './corpus.ts';
import { topHitRate } from './relevance-score.ts';
import { HELD_OUT, RELEVANCE_SET } from './relevance-set.ts';

describe('relevance of the labelled queries', () => {
  const db = indexedCorpus();

  it('labels only articles that exist', () => {
    const titles = new Set(articles().map((a) => a.title));
    for (const q of [...RELEVANCE_SET, ...HELD_OUT]) for (const t of q.accept) expect(titles.has(t), `${q.query}: ${t}`).toBe(true);
    expect(RELEVANCE_SET.length).toBeGreaterThanOrEqual(60);
  });

  it('has an acceptable article in the top 3 for at least 90% of the queries', () => {
    const { rate, misses } = topHitRate(db, RELEVANCE_SET);
    expect(rate, JSON.stringify(misses, null, 1)).toBeGreaterThanOrEqual(0.9);
  });
});
