// From a written word to the term the index holds: normalise (normalize.ts), replace spoken forms
// (spoken-forms.ts), then stem — Russian Snowball for Cyrillic, English Snowball for Latin, numbers
// as they are. Index, query and snippet highlighting all go through here, so they cannot disagree.
import { foldCase, foldLookalikes } from './normalize.ts';
import { stemEnglish, stemRussian } from './snowball.ts';
import { writtenForm } from './spoken-forms.ts';
import type { Word } from './tokenize.ts';

export interface Term {
  /** The normalised word as written (parts of a compound joined): «роутера», «wifi», «macадрес». */
  word: string;
  /** What the index holds for it: «роутер», «wifi», «macадрес». */
  term: string;
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

export function stemWord(word: string): string {
  if (CYRILLIC.test(word)) return stemRussian(word);
  if (LATIN.test(word)) return stemEnglish(word);
  return word;
}

export interface Termer {
  /** Every term a written word stands for: each part and, for a compound, the parts together. */
  all(word: Word): Term[];
  /** The one term a query word asks for: a compound as a whole («wi-fi» → wifi). */
  whole(word: Word): Term;
}

/**
 * A termer with its own memo, for one batch of work (an index run, one search): articles repeat
 * their words a lot and stemming is the costly step. Nothing is shared between batches.
 */
export function createTermer(): Termer {
  const parts = new Map<string, string>();
  const terms = new Map<string, Term>();

  const part = (raw: string): string => {
    let p = parts.get(raw);
    if (p === undefined) parts.set(raw, (p = foldLookalikes(foldCase(raw))));
    return p;
  };
  const termOf = (normalised: string): Term => {
    let t = terms.get(normalised);
    if (t === undefined) {
      const written = writtenForm(normalised);
      terms.set(normalised, (t = { word: normalised, term: stemWord(written) }));
    }
    return t;
  };

  return {
    all(word) {
      const normalised = word.parts.map(part);
      const out = normalised.map(termOf);
      if (normalised.length > 1) out.push(termOf(normalised.join('')));
      return out;
    },
    whole(word) {
      return termOf(word.parts.map(part).join(''));
    },
  };
}
