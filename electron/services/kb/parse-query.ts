// What the operator typed → the terms to look for. Only words survive (letters and digits; every
// quote, star, colon, parenthesis, operator keyword and emoji is either dropped or becomes a plain
// word), so user input can never reach FTS5 as syntax — see match-expression.ts for the quoting.
import { writtenForm } from './spoken-forms.ts';
import { STOPWORDS } from './stopwords.ts';
import type { Termer } from './terms.ts';
import { words } from './tokenize.ts';

export interface QueryTerm {
  /** The normalised word as typed. */
  word: string;
  /** Its index term (stem); for a short word being typed, the word itself (see below). */
  term: string;
  /** The word the operator is still typing: matched as a prefix. */
  prefix: boolean;
}

/** A pasted paragraph is not a search: longer queries are cut, and so is the number of terms. */
export const MAX_QUERY_CHARS = 1000;
export const MAX_QUERY_TERMS = 12;
/**
 * One or two typed letters would match most of a large knowledge base (and cost as much to
 * count); they are matched as a whole word («ip», «tv», the «wi» of Wi-Fi) until the third letter.
 */
const MIN_PREFIX_LENGTH = 3;
/**
 * A shorter word being typed is its own prefix, not its stem's: its end is not an ending yet, and
 * stemming «обе» to «об» would match «общие» as well as «обещанный».
 */
const STEMMED_PREFIX_LENGTH = 5;

export function parseQuery(query: string, termer: Termer): QueryTerm[] {
  const text = query.slice(0, MAX_QUERY_CHARS);
  const found = words(text);
  // Still typing when the text ends right at the last word (no space or punctuation after it).
  const typing = found.length > 0 && found[found.length - 1]!.end === query.length;
  const all = found.map((w, i): QueryTerm => {
    const { word, term } = termer.whole(w);
    const letters = [...word].length;
    const prefix = typing && i === found.length - 1 && letters >= MIN_PREFIX_LENGTH && term.length > 0;
    return { word, term: prefix && letters < STEMMED_PREFIX_LENGTH ? writtenForm(word) : term, prefix };
  }).filter((t) => t.term.length > 0);

  // Stopwords go, unless they are all there is, or the word is still being typed («под» → «подключение»).
  const meaningful = all.filter((t) => t.prefix || !STOPWORDS.has(t.word));
  const kept = meaningful.some((t) => !STOPWORDS.has(t.word)) ? meaningful : all;

  const seen = new Set<string>();
  const out: QueryTerm[] = [];
  for (const t of kept) {
    const key = `${t.prefix ? '*' : '='}${t.term}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
    if (out.length === MAX_QUERY_TERMS) break;
  }
  return out;
}
