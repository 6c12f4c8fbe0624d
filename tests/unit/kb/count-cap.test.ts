// A common word's matches are counted up to a cap, not to the end: past it the total says «more
// than 2000» (moreThanTotal) and the page is still ranked and filled; under it the count is exact.
import { describe, expect, it } from 'vitest';
import { indexArticles, searchArticles } from '../../../electron/services/kb/index.ts';
import { COUNT_CAP } from '../../../electron/services/kb/ranked-query.ts';
import { article, emptyIndex } from './corpus.ts';

describe('match count cap', () => {
  it('counts exactly below the cap, and says «more than» above it', () => {
    const db = emptyIndex();
    const n = COUNT_CAP + 300;
    indexArticles(
      db,
      Array.from({ length: n }, (_, i) =>
        article(i + 1, { title: `Роутер ${i + 1}`, body: i < 1500 ? 'Перезагрузите роутер и проверьте кабель.' : 'Перезагрузите роутер.' }),
      ),
    );
    const many = searchArticles(db, 'роутер');
    expect(many).toMatchObject({ total: COUNT_CAP - 1, moreThanTotal: true, usedFallback: false });
    expect(many.hits).toHaveLength(20);
    const few = searchArticles(db, 'кабель');
    expect(few.total).toBe(1500);
    expect(few.moreThanTotal).toBeUndefined();
    // Paging past the first page still works above the cap.
    expect(searchArticles(db, 'роутер', { offset: 2040, limit: 20 }).hits).toHaveLength(20);
  });
});
