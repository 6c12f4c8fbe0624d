// Trigram similarity of two words, as PostgreSQL's pg_trgm measures it: the word padded with two
// spaces in front and one behind, so the first letters count more and short words still have a
// few trigrams. «роутор» and «роутер» share 4 of their 7: similarity 0.57.

export const padded = (word: string): string => `  ${word} `;

export function trigramsOf(word: string): Set<string> {
  const s = padded(word);
  const out = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
  return out;
}

/**
 * Dice coefficient of a word against trigrams made by trigramsOf: shared over the average count,
 * 0…1. Runs over the whole vocabulary, so it counts the word's trigrams in place instead of
 * building a set (a trigram repeated inside one word is rare enough to count twice).
 */
export function similarity(trigrams: ReadonlySet<string>, word: string): number {
  const s = padded(word);
  const n = s.length - 2;
  let shared = 0;
  for (let i = 0; i < n; i++) if (trigrams.has(s.slice(i, i + 3))) shared++;
  return Math.min(1, (2 * shared) / (trigrams.size + n));
}
