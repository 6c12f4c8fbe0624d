// The fallbacks, only when the stemmed search finds nothing, and flagged: words as substrings of
// longer words (kb_trigram), then unknown words replaced by indexed look-alikes (spelling).
import { describe, expect, it } from 'vitest';
import { searchArticles, type KbHit } from '../../../electron/services/kb/index.ts';
import { idSet, indexedCorpus } from './corpus.ts';

const db = indexedCorpus();
const marked = (h: KbHit) => h.snippet.filter((s) => s.hit).map((s) => s.text.toLowerCase());

describe('typo tolerance', () => {
  it('«раутер» and «роутор» search for роутер', () => {
    for (const typo of ['раутер', 'роутор']) {
      const r = searchArticles(db, typo);
      expect(r.usedFallback, typo).toBe(true);
      expect(r.total, typo).toBe(searchArticles(db, 'роутер ').total);
      expect(r.hits.slice(0, 10).every((h) => /роутер/i.test(h.title)), typo).toBe(true);
      expect(marked(r.hits[0]!), typo).toContain('роутер');
    }
  });

  it('a doubled letter, a wrong vowel, a missing letter', () => {
    expect(searchArticles(db, 'перезагрузкка').hits[0]!.title).toMatch(/перезагруз/i);
    expect(searchArticles(db, 'блакировка').hits[0]!.title).toMatch(/блокировка/i);
    // The corrected word is what gets marked (the first hits may have it in the title alone).
    const corrected = searchArticles(db, 'интирнет').hits.slice(0, 5).flatMap(marked);
    expect(corrected.length).toBeGreaterThan(0);
    expect(corrected.every((w) => w.startsWith('интернет'))).toBe(true);
    const fee = searchArticles(db, 'абанентская плата');
    expect(fee.usedFallback).toBe(true);
    expect(fee.hits[0]!.title).toMatch(/абонентская плата/i);
  });

  it('keeps the known words of a query and drops a word with no look-alike', () => {
    // («кинетик» would not do: it is Keenetic said aloud, see synonyms.test.ts.)
    const r = searchArticles(db, 'роутор ксилофон');
    expect(r.usedFallback).toBe(true);
    expect(r.total).toBe(searchArticles(db, 'роутер ').total);
  });

  it('a Latin look-alike inside a Russian word is folded, no fallback needed: «оплaта» = «оплата»', () => {
    const latinA = 'опл\u0061та ';
    expect(searchArticles(db, latinA).usedFallback).toBe(false);
    expect(idSet(db, latinA)).toEqual(idSet(db, 'оплата '));
    // And the other way round: a Cyrillic «о» in «rоuter».
    expect(searchArticles(db, 'r\u043euter ').total).toBe(searchArticles(db, 'router ').total);
  });

  it('finds nothing rather than anything for words that look like no indexed word', () => {
    for (const q of ['ксилофон', 'пасворд', 'zzzqqq']) expect(searchArticles(db, q), q).toEqual({ hits: [], total: 0, usedFallback: true });
  });

  it('is not used when the stemmed search finds something', () => {
    expect(searchArticles(db, 'роутер').usedFallback).toBe(false);
    expect(searchArticles(db, 'перезагрузка').usedFallback).toBe(false);
  });
});

describe('substrings', () => {
  it('finds a word inside a longer one («config» in ipconfig) and marks the longer word', () => {
    const r = searchArticles(db, 'config');
    expect(r.usedFallback).toBe(true);
    expect(r.total).toBeGreaterThan(0);
    for (const h of r.hits) expect(marked(h).some((w) => w.includes('config'))).toBe(true);
  });
});
