// Which words of an article's text to highlight: the same decision the index made, taken again on
// the original text. Both return the index of the group or word a text word matches, or -1.
import type { TermGroup } from './match-expression.ts';
import { foldText } from './normalize.ts';
import { termsOf } from './word-terms.ts';

/**
 * Stemmed search: a word (given as its stored index terms, word-terms.ts) is a hit when one of its
 * terms is an exact term of a group or begins with a group's prefix.
 */
export function groupMatcher(groups: readonly TermGroup[]): (entry: string) => number {
  const exact = new Map<string, number>();
  const prefixes: Array<readonly [string, number]> = [];
  groups.forEach((g, i) => {
    for (const term of g.exact) if (!exact.has(term)) exact.set(term, i);
    if (g.prefix !== null) prefixes.push([g.prefix, i]);
  });
  const matchTerm = (term: string): number => {
    const i = exact.get(term);
    if (i !== undefined) return i;
    for (const [prefix, j] of prefixes) if (term.startsWith(prefix)) return j;
    return -1;
  };
  // Most words have a single term, so no split for them.
  return (entry) => {
    if (!entry.includes('+')) return matchTerm(entry);
    for (const term of termsOf(entry)) {
      const i = matchTerm(term);
      if (i >= 0) return i;
    }
    return -1;
  };
}

/** Substring fallback: a word is a hit when it contains one of the query words. */
export function substringMatcher(words: readonly string[]): (raw: string) => number {
  return (raw) => {
    const folded = foldText(raw);
    return words.findIndex((w) => folded.includes(w));
  };
}
