// The terms of a text word by word, in the order tokenize.ts finds the words: words separated by
// a space, a compound's terms by '+' («wi-fi» → «wi+fi+wifi»). Terms are letters and digits only,
// so neither separator occurs inside one. kb_doc keeps this beside the plain text, so marking a
// snippet's hits needs no stemming and no tokenising past the snippet (otherwise the costly part
// of a search). Both sides tokenise with the same code; KB_INDEX_VERSION covers changes to it.
// The FTS column is the same string with '+' as a space.
import { termOfPart, termsOfCompound, type Term } from './terms.ts';
import { STOPWORDS } from './stopwords.ts';
import { cut, HYPHEN, scanWords } from './tokenize.ts';

/** A written word's entry in the encoding, and its (normalised word, term) pairs. */
export interface WordEntry {
  encoded: string;
  terms: readonly Term[];
  /** A stopword: kept in the encoding, left out of the FTS body (see encodeText). */
  stop: boolean;
}

// Written word → entry, shared like the termer's memo (terms.ts) and bounded the same way: an
// article repeats its words, and the knowledge base repeats its vocabulary.
const MEMO_LIMIT = 200_000;
/** Longer strings are looked up through terms.ts alone: they are rare and would bloat the memo. */
const MAX_MEMO_KEY = 64;
const entries = new Map<string, WordEntry>();

function entryOf(s: string, compound: boolean): WordEntry {
  let e = entries.get(s);
  if (e !== undefined) return e;
  // A word of combining marks only folds to nothing; it keeps its (empty) place.
  const terms = (compound ? termsOfCompound(s.split(HYPHEN).map(cut)) : [termOfPart(cut(s))]).filter((t) => t.term !== '');
  e = { encoded: terms.map((t) => t.term).join('+'), terms, stop: terms.length === 1 && STOPWORDS.has(terms[0]!.word) };
  if (s.length <= MAX_MEMO_KEY) {
    if (entries.size >= MEMO_LIMIT) entries.clear();
    entries.set(s, e);
  }
  return e;
}

export interface EncodedText {
  /** Word-aligned terms, as described above. */
  encoded: string;
  /**
   * The FTS column: every term but the stopwords'. Queries leave stopwords out (stopwords.ts), so
   * in a body they only cost: many words, and the longest posting lists.
   */
  indexed: string;
  /** How many words have a term in `indexed`. */
  count: number;
}

/** `text`'s words as aligned terms; every word's entry goes into `seen` (see vocabularyOf). */
export function encodeText(text: string, seen: Set<WordEntry>): EncodedText {
  const out: string[] = [];
  const indexed: string[] = [];
  scanWords(text, (start, end, compound) => {
    const e = entryOf(text.slice(start, end), compound);
    seen.add(e);
    out.push(e.encoded);
    if (e.encoded !== '' && !e.stop) indexed.push(e.encoded);
  });
  return { encoded: out.join(' '), indexed: ftsText(indexed.join(' ')), count: indexed.length };
}

/** Every (normalised word → term) pair of the entries seen. */
export function vocabularyOf(seen: ReadonlySet<WordEntry>): Map<string, string> {
  const vocab = new Map<string, string>();
  for (const e of seen) for (const t of e.terms) vocab.set(t.word, t.term);
  return vocab;
}

/** The FTS5 column text: every term, space-separated. */
export const ftsText = (encoded: string): string => (encoded.includes('+') ? encoded.replaceAll('+', ' ') : encoded);
