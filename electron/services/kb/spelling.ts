// Spelling fallback: a query word the index does not know is replaced by the indexed words that
// look like it (trigram similarity over kb_vocab), so «раутер» searches for роутер, «блакировка»
// for блокировка, «интирнет» for интернет — word by word, ranked by the same stemmed index. A
// word with no look-alike is dropped from the query; nothing is guessed from whole-article
// trigram counts, which match anything long enough («пасворд» would find random articles).
// Candidates come from kb_vocab_trigram: only words sharing a trigram with the typed one are
// measured, not the whole vocabulary.
import type { Db } from './db.ts';
import { isKnown } from './known-words.ts';
import { groupOf, quote, type TermGroup } from './match-expression.ts';
import type { QueryTerm } from './parse-query.ts';
import { statement } from './statements.ts';
import { similarity, trigramsOf } from './trigrams.ts';

const MIN_SIMILARITY = 0.5;
const MAX_ALTERNATIVES = 8;
/** Words shorter than this have too few trigrams to tell a typo from another word. */
const MIN_LENGTH = 4;

/**
 * The trigrams a look-alike must share at least one of. The first trigrams («  р», « ра») are in
 * every word that starts with the same letters; they are left out while a look-alike that shares
 * none of the others would still be too far off: it must share `minShared` trigrams in all.
 */
function probe(own: ReadonlySet<string>, minShared: number): string {
  return [...own].slice(Math.min(2, minShared - 1)).map(quote).join(' OR ');
}

/** The query as term groups with unknown words replaced by their look-alikes; null if none is left. */
export function spellingGroups(db: Db, terms: readonly QueryTerm[]): TermGroup[] | null {
  const candidates = statement<[string, number, number], { word: string; term: string }>(db, `
    SELECT v.word, v.term FROM kb_vocab_trigram t JOIN kb_vocab v ON v.id = t.rowid
    WHERE kb_vocab_trigram MATCH ? AND length(v.word) BETWEEN ? AND ?`);

  const groups: TermGroup[] = [];
  let changed = false;
  for (const t of terms) {
    if (isKnown(db, t)) {
      groups.push(groupOf(db, t));
      continue;
    }
    changed = true;
    const length = t.word.length;
    if (length < MIN_LENGTH) continue;
    const own = trigramsOf(t.word);
    const slack = Math.max(2, Math.floor(length / 3));
    // Dice ≥ MIN_SIMILARITY with the shortest allowed word (length − slack letters, one trigram more).
    const minShared = Math.ceil((MIN_SIMILARITY * (own.size + length - slack + 1)) / 2);
    const scored: Array<{ word: string; term: string; score: number }> = [];
    for (const c of candidates.all(probe(own, minShared), length - slack, length + slack)) {
      const score = similarity(own, c.word);
      if (score >= MIN_SIMILARITY) scored.push({ ...c, score });
    }
    scored.sort((a, b) => b.score - a.score || (a.word < b.word ? -1 : 1));
    const alternatives = [...new Set(scored.map((c) => c.term))].slice(0, MAX_ALTERNATIVES);
    if (alternatives.length > 0) groups.push({ exact: alternatives, prefix: null });
  }
  return changed && groups.length > 0 ? groups : null;
}
