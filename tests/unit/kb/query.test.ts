// From typed text to an FTS5 expression: only quoted terms ever reach MATCH.
import { describe, expect, it } from 'vitest';
import { matchExpression, quote, type TermGroup } from '../../../electron/services/kb/match-expression.ts';
import { parseQuery } from '../../../electron/services/kb/parse-query.ts';
import { createTermer } from '../../../electron/services/kb/terms.ts';

const parse = (q: string) => parseQuery(q, createTermer());
const plain = (q: string): TermGroup[] => parse(q).map((t) => (t.prefix ? { exact: [], prefix: t.term } : { exact: [t.term], prefix: null }));

describe('parseQuery', () => {
  it('stems, folds ё and case, drops stopwords, and marks the word being typed', () => {
    expect(parse('Как оплатить счёт')).toEqual([
      { word: 'оплатить', term: 'оплат', prefix: false },
      { word: 'счет', term: 'счет', prefix: true },
    ]);
    expect(parse('счёт ').at(-1)!.prefix).toBe(false);
    expect(parse('счёт?').at(-1)!.prefix).toBe(false);
  });

  it('keeps stopwords when there is nothing else, and a one-letter last word is not a prefix', () => {
    expect(parse('и в').map((t) => [t.term, t.prefix])).toEqual([['и', false], ['в', false]]);
  });

  it('types a prefix from the third letter: a short word as typed, a longer one by its stem', () => {
    expect(parse('об')).toEqual([{ word: 'об', term: 'об', prefix: false }]);
    // «обе» stems to «об», which would also match «общие» and «обновление».
    expect(parse('обе')).toEqual([{ word: 'обе', term: 'обе', prefix: true }]);
    expect(parse('оплатил')).toEqual([{ word: 'оплатил', term: 'оплат', prefix: true }]);
    // A spoken form still becomes the written one.
    expect(parse('вайфая').at(-1)!.term).toBe('wifi');
  });

  it('reads a hyphenated compound as one word and spoken forms as written ones', () => {
    expect(parse('Wi-Fi вай-фай вайфая инета ').map((t) => t.term)).toEqual(['wifi', 'интернет']);
  });

  it('caps the number of terms', () => {
    expect(parse(Array.from({ length: 50 }, (_, i) => `слово${i}`).join(' ')).length).toBeLessThanOrEqual(12);
  });
});

describe('matchExpression', () => {
  it('quotes every term, ANDs the groups, ORs alternatives, stars the prefix', () => {
    expect(matchExpression(plain('роутер пароль'))).toBe('"роутер" AND "парол"*');
    expect(matchExpression([{ exact: ['обеща', 'обещан'], prefix: 'обещан' }, { exact: ['wifi'], prefix: null }]))
      .toBe('("обеща" OR "обещан" OR "обещан"*) AND "wifi"');
  });

  it('never passes syntax through', () => {
    const expr = matchExpression(plain('NEAR(a b) AND "x" OR title:y* ^z -w'));
    // Outside the quoted strings only AND/OR, brackets, stars and spaces remain.
    expect(expr.replace(/"(?:[^"]|"")*"/g, '')).toMatch(/^[\sANDOR()*]*$/);
    expect(quote('a"b')).toBe('"a""b"');
  });
});
