// Snippets are the article's own words around the hits, as { text, hit } segments: the words the
// operator typed in another form are marked, and nothing in them is markup.
import { describe, expect, it } from 'vitest';
import { indexArticles, searchArticles, type SnippetSegment } from '../../../electron/services/kb/index.ts';
import { article, emptyIndex, indexedCorpus } from './corpus.ts';

const db = indexedCorpus();
const marked = (s: readonly SnippetSegment[]) => s.filter((x) => x.hit).map((x) => x.text);
const plain = (s: readonly SnippetSegment[]) => s.map((x) => x.text).join('');

describe('snippets', () => {
  it('mark the original word forms of a stemmed query', () => {
    const r = searchArticles(db, 'роутера ', { limit: 50 });
    const words = new Set(r.hits.flatMap((h) => marked(h.snippet)).map((w) => w.toLowerCase()));
    expect(words.has('роутер')).toBe(true);
    expect(words.has('роутера')).toBe(true);
    for (const w of words) expect(w).toMatch(/^роутер/);
  });

  it('mark a compound by any of its forms, and the word being typed by its prefix', () => {
    const wifi = searchArticles(db, 'вайфай ').hits[0]!;
    expect(marked(wifi.snippet)).toContain('Wi-Fi');
    const typing = searchArticles(db, 'опл').hits;
    expect(typing.flatMap((h) => marked(h.snippet)).every((w) => /^опл/i.test(w))).toBe(true);
  });

  it('are cut from the plain text: no Markdown, whitespace collapsed, ellipses where cut', () => {
    for (const h of searchArticles(db, 'оплата картой', { limit: 50 }).hits) {
      const text = plain(h.snippet);
      expect(text).not.toMatch(/\*\*|^#|\n|\s{2}/);
      expect(text.length).toBeLessThan(300);
      expect(h.snippet.some((s) => s.hit)).toBe(true);
      // Adjacent segments alternate; no empty ones.
      h.snippet.forEach((s, i) => {
        expect(s.text.length).toBeGreaterThan(0);
        if (i > 0) expect(s.hit).not.toBe(h.snippet[i - 1]!.hit);
      });
    }
  });

  it('show the window with the most distinct query words', () => {
    const small = emptyIndex();
    const filler = Array.from({ length: 60 }, (_, i) => `слово${i}`).join(' ');
    indexArticles(small, [article(1, {
      title: 'Длинная статья',
      body: `Сначала про роутер. ${filler}. Здесь роутер и пароль рядом. ${filler}.`,
    })]);
    const [hit] = searchArticles(small, 'роутер пароль').hits;
    expect(marked(hit!.snippet)).toEqual(['роутер', 'пароль']);
    expect(plain(hit!.snippet)).toMatch(/^… .*Здесь роутер и пароль рядом.* …$/);
  });

  it('keep HTML-looking article text as plain text for the UI to escape', () => {
    const small = emptyIndex();
    indexArticles(small, [article(1, { title: 'Скрипт', body: 'Не вставляйте <img src=x onerror=alert(1)> в ответ; роутер перезагрузить.' })]);
    const [hit] = searchArticles(small, 'роутер').hits;
    expect(hit!.snippet.every((s) => typeof s.text === 'string' && typeof s.hit === 'boolean')).toBe(true);
    expect(marked(hit!.snippet)).toEqual(['роутер']);
  });

  it('start at the beginning when only the title or tags matched', () => {
    const small = emptyIndex();
    indexArticles(small, [article(1, { title: 'Коммутатор', body: 'Первое предложение. Второе предложение.', tags: ['авария'] })]);
    const byTitle = searchArticles(small, 'коммутатор').hits[0]!;
    expect(byTitle.snippet).toEqual([{ text: 'Первое предложение. Второе предложение.', hit: false }]);
    expect(searchArticles(small, 'авария').hits).toHaveLength(1);
  });
});
