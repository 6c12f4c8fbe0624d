// Query words that the articles put otherwise (synonyms.ts) and the fallback to any word: both only
// ever add results to a query that found nothing or found less, and never change the index.
import { describe, expect, it } from 'vitest';
import { indexArticles, searchArticles } from '../../../electron/services/kb/index.ts';
import { synonymsOf } from '../../../electron/services/kb/synonyms.ts';
import { article, emptyIndex, ids, indexedCorpus, titleOf } from './corpus.ts';

const db = indexedCorpus();

describe('synonyms', () => {
  it('find brands and systems said in Cyrillic, no fallback needed', () => {
    const r = searchArticles(db, 'кинетик сброс ');
    expect(r.usedFallback).toBe(false);
    expect(r.hits[0]!.title).toBe('Сброс роутера Keenetic к заводским настройкам');
    expect(ids(db, 'айфон ').slice(0, 5).map(titleOf).every((t) => /iPhone/.test(t))).toBe(true);
  });

  it('add the written word to the spoken one, and keep the spoken one', () => {
    expect(synonymsOf('тормоз')).toContain('скорост');
    const small = emptyIndex();
    indexArticles(small, [article(1, { title: 'Интернет тормозит', body: 'Так пишут абоненты.' }), article(2, { title: 'Низкая скорость', body: 'Проверить тариф.' })]);
    expect(searchArticles(small, 'тормозит ').hits.map((h) => h.title).sort()).toEqual(['Интернет тормозит', 'Низкая скорость']);
  });

  it('are for queries only: an article that says the colloquial word is not found by the written one', () => {
    const small = emptyIndex();
    indexArticles(small, [article(1, { title: 'Интернет тормозит', body: 'Так пишут абоненты.' })]);
    expect(searchArticles(small, 'скорость ').total).toBe(0);
  });
});

describe('any word, when every word finds nothing', () => {
  it('finds the articles with any of the words, ranked by bm25: two rare words above one', () => {
    const small = emptyIndex();
    indexArticles(small, [
      article(1, { body: 'Смерть и покупка.' }),
      article(2, { body: 'Покупка и ремонт.' }),
      article(3, { body: 'Смерть и ремонт.' }),
      article(4, { body: 'Договор и ремонт.' }),
      // FTS5's IDF is zero for a word in half the articles or more.
      ...[5, 6, 7, 8].map((i) => article(i, { body: 'Ремонт и уборка.' })),
    ]);
    // Every word is known, no article has all three: each one is enough.
    const r = searchArticles(small, 'смерть покупка договор');
    expect(r.usedFallback).toBe(true);
    expect(r.total).toBe(4);
    expect(r.hits[0]!.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['Смерть', 'покупка']);
  });

  it('is not used for a single word', () => {
    expect(searchArticles(db, 'ксилофон')).toEqual({ hits: [], total: 0, usedFallback: true });
  });
});
