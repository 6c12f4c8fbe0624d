// What the stemmers unify — and what they do not — and that the search follows them: word forms
// that share a stem find exactly the same articles.
import { describe, expect, it } from 'vitest';
import { indexArticles, searchArticles } from '../../../electron/services/kb/index.ts';
import { stemWord } from '../../../electron/services/kb/terms.ts';
import { article, emptyIndex, idSet, indexedCorpus } from './corpus.ts';

describe('Snowball stems', () => {
  it('unify Russian inflections and verb forms that share a stem', () => {
    expect(new Set(['оплата', 'оплаты', 'оплатой', 'оплатил', 'оплатить'].map(stemWord))).toEqual(new Set(['оплат']));
    expect(new Set(['роутер', 'роутера', 'роутеров', 'роутеру', 'роутером'].map(stemWord))).toEqual(new Set(['роутер']));
    expect(new Set(['пароль', 'пароля', 'паролем'].map(stemWord))).toEqual(new Set(['парол']));
  });

  it('do not unify a verb with its -ение noun, nor alternating roots (the algorithm only strips endings)', () => {
    expect(stemWord('подключение')).toBe('подключен');
    expect(stemWord('подключить')).toBe('подключ');
    expect(stemWord('оплачивать')).not.toBe(stemWord('оплатить'));
  });

  it('unify English plurals and -ing/-ed forms', () => {
    expect(stemWord('routers')).toBe(stemWord('router'));
    expect(new Set(['connection', 'connecting', 'connected'].map(stemWord))).toEqual(new Set(['connect']));
  });
});

describe('word forms find the same articles', () => {
  const db = indexedCorpus();
  // A trailing space: the word is finished, so no prefix matching blurs the comparison.
  const same = (...queries: string[]) => {
    const results = queries.map((q) => idSet(db, `${q} `));
    expect(results[0]!.length, queries[0]).toBeGreaterThan(0);
    for (const [i, r] of results.entries()) expect(r, queries[i]).toEqual(results[0]);
  };

  it('оплата / оплатил / оплатить', () => same('оплата', 'оплатил', 'оплатить', 'Оплаты'));
  it('роутер / роутера / роутеров', () => same('роутер', 'роутера', 'роутеров', 'РОУТЕРОМ'));
  it('пароль / пароля', () => same('пароль', 'пароля'));
  it('ё and е are one letter: платёж / платеж, счёт / счет', () => {
    same('платёж', 'платеж', 'платежа');
    same('счёт', 'счет');
  });

  it('finds «подключение» articles while «подключить» is still being typed (prefix of the stem)', () => {
    const typing = searchArticles(db, 'подключить', { limit: 100 });
    const noun = new Set(idSet(db, 'подключение '));
    expect(typing.hits.some((h) => noun.has(h.id))).toBe(true);
  });

  it('Wi-Fi, wifi, WiFi, вайфай and вай-фай are one word', () => {
    same('Wi-Fi', 'wifi', 'WiFi', 'вайфай', 'вай-фай', 'вайфая');
  });

  it('English: routers finds router, settings finds setting', () => {
    const en = emptyIndex();
    indexArticles(en, [
      article(1, { title: 'Router reset', body: 'Hold the reset button of the router for ten seconds.' }),
      article(2, { title: 'Changing settings', body: 'Open the web interface and change the setting you need.' }),
      article(3, { title: 'Unrelated', body: 'Nothing about network devices here.' }),
    ]);
    expect(idSet(en, 'routers ')).toEqual(idSet(en, 'router '));
    expect(idSet(en, 'routers ')).toHaveLength(1);
    expect(idSet(en, 'setting ')).toEqual(idSet(en, 'settings '));
    expect(idSet(en, 'setting ')).toHaveLength(1);
  });
});
