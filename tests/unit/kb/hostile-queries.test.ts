// Whatever the operator types or pastes, the search neither throws nor lets the text act as FTS5
// syntax: quotes, stars, operators, column filters and brackets are inert, so a query means the
// same as its words alone.
import { describe, expect, it } from 'vitest';
import { searchArticles } from '../../../electron/services/kb/index.ts';
import { idSet, indexedCorpus } from './corpus.ts';

const db = indexedCorpus();

const HOSTILE = [
  '"', '""', "'", '*', '**', 'NEAR(', 'NEAR(роутер пароль, 2)', ')(', '(((', ')))', 'AND OR NOT', 'NOT роутер',
  'роутер AND', 'роутер OR пароль', 'title:роутер', '{title body}: роутер', '^роутер', '-роутер', '+роутер', 'роутер*',
  '"роутер', 'роутер"', '"роутер пароль"', 'роутер:', ':', '^', '-', '+', '\\', '%', '_', "'; DROP TABLE kb_doc; --",
  '😀', '👍🏽 роутер 🔥', '\u0000', '\ud800', '\u200b', '\u0301', 'ё', '\t\n', '', ' ', '   ', 'а', 'и', 'в',
  'x'.repeat(10_000), 'роутер '.repeat(1500), 'й'.repeat(10_000), Array.from({ length: 2000 }, (_, i) => `w${i}`).join(' '),
];

describe('hostile queries', () => {
  it.each(HOSTILE.map((q) => [JSON.stringify(q.length > 40 ? `${q.slice(0, 40)}… (${q.length} chars)` : q), q]))(
    '%s: no error, a sane result',
    (_label, q) => {
      const r = searchArticles(db, q, { limit: 10 });
      expect(r.total).toBeGreaterThanOrEqual(0);
      expect(r.hits.length).toBeLessThanOrEqual(Math.min(10, r.total));
      for (const h of r.hits) {
        expect(typeof h.id).toBe('string');
        expect(Number.isFinite(h.score)).toBe(true);
      }
    },
  );

  it('empty and whitespace-only queries find nothing and do not fall back', () => {
    for (const q of ['', ' ', '\t\n', '😀', '"*"']) expect(searchArticles(db, q), JSON.stringify(q)).toEqual({ hits: [], total: 0, usedFallback: false });
  });

  it('syntax characters change nothing: a query means what its words mean', () => {
    const words = (q: string) => q.replace(/[^\p{L}\p{N}\s-]/gu, ' ');
    for (const q of ['title:роутер', '"роутер пароль"', '^роутер', 'NEAR(роутер пароль)', 'роутер*', '(роутер) (пароль)', 'роутер" OR "пароль']) {
      expect(idSet(db, q), q).toEqual(idSet(db, words(q)));
    }
    // Operator keywords are words like any other, not operators: «NOT роутер» does not exclude.
    expect(searchArticles(db, 'NOT роутер').total).not.toBe(
      searchArticles(db, 'a').total - searchArticles(db, 'роутер ').total,
    );
  });

  it('a 10 000-character query returns quickly', () => {
    const started = performance.now();
    searchArticles(db, 'роутер пароль ошибка '.repeat(500));
    searchArticles(db, 'x'.repeat(10_000));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
