// The FTS5 MATCH expression. A query is a list of term groups, all of which must match (AND); a
// group matches when any of its terms does (OR). Every term is an FTS5 string literal ("…", inner
// quotes doubled), so whatever the operator typed is only ever a token to look up, never an
// operator (AND/OR/NOT/NEAR), column filter (:), initial-token marker (^) or grouping.
import type { Db } from './db.ts';
import type { QueryTerm } from './parse-query.ts';

export interface TermGroup {
  /** Terms matched whole. */
  exact: readonly string[];
  /** A term matched as a prefix (the word being typed), or null. */
  prefix: string | null;
}

export const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;

export function matchExpression(groups: readonly TermGroup[]): string {
  return groups
    .map((g) => {
      const alternatives = [...g.exact.map(quote), ...(g.prefix === null ? [] : [`${quote(g.prefix)}*`])];
      return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
    })
    .join(' AND ');
}

/** Up to this many extra terms complete the word being typed. */
const MAX_COMPLETIONS = 24;
/** Shorter prefixes stem to themselves; the vocabulary range would be most of it anyway. */
const MIN_COMPLETION_PREFIX = 3;

/**
 * Terms of indexed words that begin with the typed prefix but whose stem does not begin with the
 * prefix's stem: typing «обещанн» (stem «обещан») must still find «обещанный» (stem «обеща»).
 */
export function completions(db: Db, t: QueryTerm): string[] {
  if (!t.prefix || t.word.length < MIN_COMPLETION_PREFIX) return [];
  const rows = db
    .prepare<[string, string], string>('SELECT DISTINCT term FROM kb_vocab WHERE word >= ? AND word < ? LIMIT 2000')
    .pluck()
    .all(t.word, `${t.word}\u{10FFFF}`);
  const extra = new Set<string>();
  for (const term of rows) {
    if (!term.startsWith(t.term)) extra.add(term);
    if (extra.size === MAX_COMPLETIONS) break;
  }
  return [...extra];
}

/** The group of a parsed query term: itself, or while being typed, its prefix and completions. */
export function groupOf(db: Db, t: QueryTerm): TermGroup {
  return t.prefix ? { exact: completions(db, t), prefix: t.term } : { exact: [t.term], prefix: null };
}
