// Substring fallback: when no word matches by stem, look for the unknown query words as parts of
// longer words («config» in «ipconfig», «лефон» in «телефон»). kb_vocab_trigram finds the indexed
// words that contain a query word (the trigram tokenizer matches any run of three or more
// characters), and the search goes on by stem with their terms: every query word (AND), any of the
// words containing it (OR). Known words stay as they are.
import type { Db } from './db.ts';
import { isKnown } from './known-words.ts';
import { groupOf, quote, type TermGroup } from './match-expression.ts';
import type { QueryTerm } from './parse-query.ts';
import { statement } from './statements.ts';

/** Shorter fragments are inside too many words to mean anything. */
const MIN_LENGTH = 3;
/** Terms a query word may stand for; a short fragment is inside many words. */
const MAX_TERMS = 64;

/** The query with each unknown word replaced by the terms of the words containing it; null when that changes nothing or a word is in none. */
export function substringGroups(db: Db, terms: readonly QueryTerm[]): TermGroup[] | null {
  const containing = statement<[string, number], string>(db, `
    SELECT DISTINCT v.term FROM kb_vocab_trigram t JOIN kb_vocab v ON v.id = t.rowid
    WHERE kb_vocab_trigram MATCH ? ORDER BY v.term LIMIT ?`).pluck();
  const groups: TermGroup[] = [];
  let changed = false;
  for (const t of terms) {
    if (isKnown(db, t)) {
      groups.push(groupOf(db, t));
      continue;
    }
    const found = [...t.word].length >= MIN_LENGTH ? containing.all(quote(t.word), MAX_TERMS) : [];
    if (found.length === 0) return null;
    groups.push({ exact: found, prefix: null });
    changed = true;
  }
  return changed ? groups : null;
}
