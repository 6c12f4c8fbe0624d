import { describe, expect, it } from 'vitest';
import { searchWords, wordKey } from '../../../electron/services/customers/search-key.ts';

// wordKey builds the key without searchWords' arrays; it must stay the same words.
const viaWords = (text: string) => searchWords(text).map((w) => ` ${w}`).join('');

describe('wordKey', () => {
  it('is a space before every folded word', () => {
    expect(wordKey('Иванова-Петрова Алёна')).toBe(' иванова петрова алена');
    expect(wordKey('  ул. Ленина, д. 12/1, кв. 5 ')).toBe(' ул ленина д 12/1 кв 5');
    expect(wordKey('')).toBe('');
    expect(wordKey(' —,. ')).toBe('');
  });

  it('gives what searchWords gives, on any text', () => {
    const alphabet = ['а', 'Ё', 'ё', 'Z', '9', ' ', '-', '/', ',', '\u00a0', '\t', '\n', 'ß', 'İ', '🙂', '\u0301', '.', '№'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: next() % 24 }, () => alphabet[next() % alphabet.length]).join('');
      expect(wordKey(text), JSON.stringify(text)).toBe(viaWords(text));
    }
  });
});
