// The tokeniser walks text by code unit instead of running a regex (tokenize.ts); it must find
// exactly the words the regex finds, or stored terms and snippets would fall out of step.
import { describe, expect, it } from 'vitest';
import { words, WORD } from '../../../electron/services/kb/tokenize.ts';
import { markdownToText } from '../../../electron/services/kb/markdown-text.ts';
import { articles } from './corpus.ts';

const byRegex = (text: string) => [...text.matchAll(WORD)].map((m) => `${m.index}:${m.index + m[0].length}`);
const byScan = (text: string) => words(text).map((w) => `${w.start}:${w.end}`);

describe('words', () => {
  it('finds what the WORD regex finds in every seed article', () => {
    for (const a of articles()) {
      const text = markdownToText(a.body);
      expect(byScan(text), a.title).toEqual(byRegex(text));
    }
  });

  it('finds what the WORD regex finds in random mixes of letters, marks, hyphens, surrogates and digits', () => {
    const alphabet = ['a', 'Я', 'ё', '-', '\u2010', '\u2011', ' ', '1', '\u0301', '😀', '𝐀', '\ud800', '\udc00', '_', '.', 'й', '\u200b', 'ß', '中', '--'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: Math.floor(next() * 14) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      expect(byScan(text), JSON.stringify(text)).toEqual(byRegex(text));
    }
  });

  it('stops after `max` words and keeps compound parts apart', () => {
    expect(words('раз два три', 2).map((w) => w.parts)).toEqual([['раз'], ['два']]);
    expect(words('Wi-Fi и MAC‑адрес')).toMatchObject([{ parts: ['Wi', 'Fi'] }, { parts: ['и'] }, { parts: ['MAC', 'адрес'] }]);
  });
});
