// Ranking, results as you type, the category filter and paging, on the 312 generated articles.
import { describe, expect, it } from 'vitest';
import { ARTICLE_CATEGORIES } from '../../../contract/domain/article.ts';
import { indexArticles, searchArticles } from '../../../electron/services/kb/index.ts';
import { article, articles, emptyIndex, ids, indexedCorpus, titleOf } from './corpus.ts';

const db = indexedCorpus();

describe('results as you type', () => {
  it('finds the payment articles from the first three letters', () => {
    const r = searchArticles(db, 'опл');
    expect(r.total).toBeGreaterThan(30);
    expect(r.usedFallback).toBe(false);
    expect(r.hits.slice(0, 10).every((h) => /оплат/i.test(h.title))).toBe(true);
  });

  it('keeps finding the same article at every letter of «обещанный»', () => {
    const target = articles().find((a) => a.title === 'Обещанный платёж: условия и подключение')!.id;
    for (let n = 3; n <= 'обещанный'.length; n++) {
      const typed = 'обещанный'.slice(0, n);
      // «обещанн» stems to «обещан» while «обещанный» stems to «обеща»: the vocabulary completes it.
      expect(ids(db, typed).slice(0, 5), typed).toContain(target);
    }
  });

  it('matches only the last word as a prefix, and none once a space follows it', () => {
    expect(searchArticles(db, 'обещ').usedFallback).toBe(false);
    // «обещ» is no word: finished, it finds nothing by stem, and only the trigram fallback helps.
    expect(searchArticles(db, 'обещ ').usedFallback).toBe(true);
    expect(searchArticles(db, 'обещ платёж').usedFallback).toBe(true);
    expect(searchArticles(db, 'платёж обещ').usedFallback).toBe(false);
  });

  it('treats a second word as AND: «пароль wi-fi» is narrower than either word', () => {
    const both = searchArticles(db, 'пароль wi-fi ').total;
    expect(both).toBeGreaterThan(0);
    expect(both).toBeLessThan(searchArticles(db, 'пароль ').total);
    expect(both).toBeLessThan(searchArticles(db, 'wi-fi ').total);
  });

  it('drops Russian stopwords from the query: «пароль от вайфая» finds the Wi-Fi password articles', () => {
    const r = searchArticles(db, 'пароль от вайфая');
    expect(r.usedFallback).toBe(false);
    expect(r.hits[0]!.title).toMatch(/пароль.*Wi-Fi|Wi-Fi.*пароль/i);
  });
});

describe('ranking', () => {
  it('puts an article with the word in its title above one that only repeats it in the body', () => {
    const small = emptyIndex();
    indexArticles(small, [
      article(1, { title: 'Замена блока питания', body: 'Коммутатор в подъезде. Коммутатор в щитке. Проверить коммутатор.' }),
      article(2, { title: 'Коммутатор в подъезде', body: 'Что делать при аварии.' }),
      article(3, { title: 'Прочее', body: 'Ни слова о нём.' }),
    ]);
    const r = searchArticles(small, 'коммутатор');
    expect(r.hits.map((h) => h.title)).toEqual(['Коммутатор в подъезде', 'Замена блока питания']);
    expect(r.hits[0]!.score).toBeGreaterThan(r.hits[1]!.score);
  });

  it('on the corpus, ranks title matches first for «роутер»', () => {
    const top = ids(db, 'роутер ').slice(0, 10).map(titleOf);
    expect(top.every((t) => /роутер/i.test(t))).toBe(true);
  });

  it('returns the obvious article first for operator queries', () => {
    const first = (q: string) => searchArticles(db, q).hits[0]!.title;
    expect(first('ошибка 651')).toMatch(/^Ошибка PPPoE 651/);
    expect(first('обещанный платёж')).toMatch(/^Обещанный платёж/);
    expect(first('двойное списание')).toMatch(/^Двойное списание/);
    expect(first('сброс tp-link')).toMatch(/^Сброс роутера TP-Link/);
  });
});

describe('category filter', () => {
  it('returns only the chosen categories, and their share of the total', () => {
    const all = searchArticles(db, 'оплата ', { limit: 100 });
    const promo = searchArticles(db, 'оплата ', { limit: 100, categories: ['promotions'] });
    expect(promo.total).toBeGreaterThan(0);
    expect(promo.total).toBe(all.hits.filter((h) => h.category === 'promotions').length);
    expect(promo.hits.every((h) => h.category === 'promotions')).toBe(true);

    const two = searchArticles(db, 'оплата ', { limit: 100, categories: ['promotions', 'financial'] });
    expect(two.total).toBe(all.hits.filter((h) => h.category === 'promotions' || h.category === 'financial').length);
  });

  it('treats an empty list as no filter, and a category with no match as nothing found', () => {
    expect(searchArticles(db, 'оплата', { categories: [] }).total).toBe(searchArticles(db, 'оплата').total);
    expect(searchArticles(db, 'keenetic', { categories: ['financial'] }).hits).toEqual([]);
  });

  it('filters the typo fallback too', () => {
    for (const category of ARTICLE_CATEGORIES) {
      const r = searchArticles(db, 'раутер', { categories: [category], limit: 100 });
      expect(r.hits.every((h) => h.category === category)).toBe(true);
    }
  });
});

describe('paging', () => {
  it('pages through the results without gaps or repeats, with the same total on every page', () => {
    const all = ids(db, 'роутер ');
    const total = searchArticles(db, 'роутер ').total;
    expect(total).toBeGreaterThan(100);
    const pages: string[] = [];
    for (let offset = 0; offset < total; offset += 40) {
      const page = searchArticles(db, 'роутер ', { limit: 40, offset });
      expect(page.total).toBe(total);
      pages.push(...page.hits.map((h) => h.id));
    }
    expect(pages).toHaveLength(total);
    expect(new Set(pages).size).toBe(total);
    expect(pages.slice(0, 100)).toEqual(all);
  });

  it('reports the total on a page past the end, and clamps silly limits', () => {
    const past = searchArticles(db, 'роутер ', { offset: 5000 });
    expect(past.hits).toEqual([]);
    expect(past.total).toBeGreaterThan(100);
    expect(searchArticles(db, 'роутер', { limit: 0 }).hits).toHaveLength(1);
    expect(searchArticles(db, 'роутер', { limit: 1e9 }).hits).toHaveLength(100);
    expect(searchArticles(db, 'роутер', { limit: Number.NaN }).hits).toHaveLength(20);
    expect(searchArticles(db, 'роутер', { offset: -5 }).hits[0]).toEqual(searchArticles(db, 'роутер').hits[0]);
  });
});

describe('title first', () => {
  it('puts the article titled with every word typed above longer bodies, even for common words', () => {
    // «подключение» is in most articles, so its IDF is near zero and bm25's title weight alone
    // would not lift the title match.
    expect(searchArticles(db, 'нет подключения').hits[0]?.title).toMatch(/^Нет подключения к интернету/);
    const top = searchArticles(db, 'подключения', { limit: 10 }).hits;
    expect(top.every((h) => /подключ/i.test(h.title))).toBe(true);
  });
});
