// Spelling fallback: a query word the index does not know is replaced by the indexed words that
// look like it (trigram similarity over kb_vocab), so «раутер» searches for роутер, «блакировка»
// for блокировка, «интирнет» for интернет — word by word, ranked by the same stemmed index. A
// word with no look-alike is dropped from the query; nothing is guessed from whole-article
// trigram counts, which match anything long enough («пасворд» would find random articles).
import type { Db } from './db.ts';
import { groupOf, type TermGroup } from './match-expression.ts';
import type { QueryTerm } from './parse-query.ts';
import { similarity, trigramsOf } from './trigrams.ts';

const MIN_SIMILARITY = 0.5;
const MAX_ALTERNATIVES = 8;
/** Words shorter than this have too few trigrams to tell a typo from another word. */
const MIN_LENGTH = 4;

/** The query as term groups with unknown words replaced by their look-alikes; null if none is left. */
export function spellingGroups(db: Db, terms: readonly QueryTerm[]): TermGroup[] | null {
  const known = db.prepare<[string, string], number>('SELECT 1 FROM kb_vocab WHERE word >= ? AND word <= ? LIMIT 1').pluck();
  const sameLength = db.prepare<[number, number], string>('SELECT word FROM kb_vocab WHERE length(word) BETWEEN ? AND ?').pluck();
  const termOf = db.prepare<[string], string>('SELECT term FROM kb_vocab WHERE word = ?').pluck();

  const groups: TermGroup[] = [];
  let changed = false;
  for (const t of terms) {
    // Known whole word (or, while typing, the start of one): kept as it is.
    if (known.get(t.word, t.prefix ? `${t.word}\u{10FFFF}` : t.word) !== undefined) {
      groups.push(groupOf(db, t));
      continue;
    }
    changed = true;
    const length = t.word.length;
    if (length < MIN_LENGTH) continue;
    const own = trigramsOf(t.word);
    const slack = Math.max(2, Math.floor(length / 3));
    const scored: Array<{ word: string; score: number }> = [];
    for (const word of sameLength.all(length - slack, length + slack)) {
      const score = similarity(own, word);
      if (score >= MIN_SIMILARITY) scored.push({ word, score });
    }
    scored.sort((a, b) => b.score - a.score);
    const alternatives = [...new Set(scored.map((c) => termOf.get(c.word)!))].slice(0, MAX_ALTERNATIVES);
    if (alternatives.length > 0) groups.push({ exact: alternatives, prefix: null });
  }
  return changed && groups.length > 0 ? groups : null;
}
