// Whether the index knows a query word: as a word of some article (or, while it is being typed, the
// start of one), or through a synonym (synonyms.ts). The fallbacks replace only unknown words.
import type { Db } from './db.ts';
import type { QueryTerm } from './parse-query.ts';
import { statement } from './statements.ts';
import { synonymsOf } from './synonyms.ts';

export function isKnown(db: Db, t: QueryTerm): boolean {
  if (synonymsOf(t.term).length > 0) return true;
  const known = statement<[string, string], number>(db, 'SELECT 1 FROM kb_vocab WHERE word >= ? AND word <= ? LIMIT 1').pluck();
  return known.get(t.word, t.prefix ? `${t.word}\u{10FFFF}` : t.word) !== undefined;
}
