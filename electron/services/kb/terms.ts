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
  /** The one term a query word asks for: a compound as a whole («wi-fi» → wifi). */
  whole(word: Word): Term;
}

// Memo shared by every termer: articles and queries repeat their words a lot, stemming is the
// costly step, and a word's term depends on nothing but the word (KB_INDEX_VERSION covers this
// code). Bounded: emptied when full, as a vocabulary that large is no longer worth remembering.
const MEMO_LIMIT = 200_000;
const normalisedParts = new Map<string, string>();
const termsOfWords = new Map<string, Term>();

const part = (raw: string): string => {
  let p = normalisedParts.get(raw);
  if (p === undefined) {
    if (normalisedParts.size >= MEMO_LIMIT) normalisedParts.clear();
    normalisedParts.set(raw, (p = foldLookalikes(foldCase(raw))));
  }
  return p;
};

const termOf = (normalised: string): Term => {
  let t = termsOfWords.get(normalised);
  if (t === undefined) {
    if (termsOfWords.size >= MEMO_LIMIT) termsOfWords.clear();
    termsOfWords.set(normalised, (t = { word: normalised, term: stemWord(writtenForm(normalised)) }));
  }
  return t;
};

/** The term of a plain word (one written part). */
export const termOfPart = (raw: string): Term => termOf(part(raw));

/** The terms of a compound's written parts: each part, then the parts together. */
export function termsOfCompound(raw: readonly string[]): Term[] {
  const normalised = raw.map(part);
  const out = normalised.map(termOf);
  out.push(termOf(normalised.join('')));
  return out;
}

export function createTermer(): Termer {
  return { whole: (word) => termOf(word.parts.length === 1 ? part(word.parts[0]!) : word.parts.map(part).join('')) };
}
