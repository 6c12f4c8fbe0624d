// Relevance of the KB search on the seed knowledge base (the 312 articles operators get): the
// top-3 hit rate of the labelled queries (tests/unit/kb/relevance-set.ts), and of the same queries
// through the LIKE scan.
import Database from 'better-sqlite3';
import { createKbIndex, indexArticles } from '../../electron/services/kb/index.ts';
import { topHitRate } from '../../tests/unit/kb/relevance-score.ts';
import { HELD_OUT, RELEVANCE_SET, type LabelledQuery } from '../../tests/unit/kb/relevance-set.ts';
import { seedArticles } from '../lib/kb-corpus.ts';
import type { Row } from '../lib/timing.ts';
import { insertPlain, likeSearch } from './kb-like.ts';

const rate = (hits: number, of: number) => `${(hits / of).toFixed(3)} (${hits} of ${of})`;

export function kbRelevance(): Row {
  const seeds = seedArticles();
  const db = new Database(':memory:');
  const plain = new Database(':memory:');
  try {
    createKbIndex(db);
    indexArticles(db, seeds);
    insertPlain(plain, seeds);
    const like = likeSearch(plain);
    const likeHits = (set: readonly LabelledQuery[]) => set.filter((q) => like(q.query, 3).some((t) => q.accept.includes(t))).length;

    const main = topHitRate(db, RELEVANCE_SET);
    const held = topHitRate(db, HELD_OUT);
    const mainHits = RELEVANCE_SET.length - main.misses.length;
    const likeMain = likeHits(RELEVANCE_SET);
    return {
      scenario: `KB search relevance on the ${seeds.length} seed articles: top-3 hit rate of ${RELEVANCE_SET.length} labelled Russian operator queries (word forms, typos, colloquial, translit) vs LIKE scan`,
      measured: `${rate(mainHits, RELEVANCE_SET.length)}; held-out set ${rate(HELD_OUT.length - held.misses.length, HELD_OUT.length)}; missed: ${main.misses.map((m) => `«${m.query}»`).join(', ') || 'none'}`,
      baseline: `${rate(likeMain, RELEVANCE_SET.length)}; held-out set ${rate(likeHits(HELD_OUT), HELD_OUT.length)}`,
      ratio: likeMain === 0 ? Infinity : mainHits / likeMain,
      of: 'top-3 hit rate',
    };
  } finally {
    db.close();
    plain.close();
  }
}
