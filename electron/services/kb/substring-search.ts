// Substring fallback over kb_trigram: when no word matches by stem, look for the query words as
// parts of longer words («config» in «ipconfig», «лефон» in «телефон»). The trigram tokenizer
// matches a phrase of three or more characters anywhere in the text.
import { quote } from './match-expression.ts';
import { foldText } from './normalize.ts';
import { STOPWORDS } from './stopwords.ts';

const MAX_WORDS = 8;
/** Pasted garbage is cut; a typed word is never this long. */
const MAX_WORD_LENGTH = 48;

/** The query's words as the trigram index holds text: folded, no stopwords, at least 3 letters. */
export function substringWords(query: string): string[] {
  const all = foldText(query).match(/[\p{L}\p{N}]+/gu) ?? [];
  const kept = all.filter((w) => [...w].length >= 3 && !STOPWORDS.has(w)).map((w) => [...w].slice(0, MAX_WORD_LENGTH).join(''));
  return [...new Set(kept)].slice(0, MAX_WORDS);
}

/** Every word as a substring (AND); null when no word is long enough. */
export const substringMatch = (words: readonly string[]): string | null => (words.length ? words.map(quote).join(' AND ') : null);
