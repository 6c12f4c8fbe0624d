// The terms of a text word by word, in the order tokenize.ts finds the words: words separated by
// a space, a compound's terms by '+' («wi-fi» → «wi+fi+wifi»). Terms are letters and digits only,
// so neither separator occurs inside one. kb_doc keeps this beside the plain text, so marking a
// snippet's hits needs no stemming and no tokenising past the snippet (otherwise the costly part
// of a search). Both sides tokenise with the same code; KB_INDEX_VERSION covers changes to it.
// The FTS column is the same string with '+' as a space.
import type { Termer } from './terms.ts';
import type { Word } from './tokenize.ts';

/** `words` as aligned terms, and every (normalised word, term) pair seen into `vocab`. */
export function encodeWordTerms(words: readonly Word[], termer: Termer, vocab: Map<string, string>): string {
  return words
    .map((w) => {
      // A word of combining marks only folds to nothing; it keeps its (empty) place.
      const terms = termer.all(w).filter((t) => t.term !== '');
      for (const t of terms) vocab.set(t.word, t.term);
      return terms.map((t) => t.term).join('+');
    })
    .join(' ');
}

/** The FTS5 column text: every term, space-separated. */
export const ftsText = (encoded: string): string => encoded.replaceAll('+', ' ');

/** Per word of the text, its terms as stored ('+'-joined for a compound; split them with termsOf). */
export const decodeWordTerms = (encoded: string): string[] => (encoded === '' ? [] : encoded.split(' '));

export const termsOf = (entry: string): string[] => entry.split('+');
