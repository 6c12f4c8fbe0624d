// The FTS5 MATCH expression. A query is a list of term groups, all of which must match (AND); a
// group matches when any of its terms does (OR). Every term is an FTS5 string literal ("…", inner
// quotes doubled), so whatever the operator typed is only ever a token to look up, never an
// operator (AND/OR/NOT/NEAR), column filter (:), initial-token marker (^) or grouping.
import type { Db } from './db.ts';
import type { QueryTerm } from './parse-query.ts';
import { statement } from './statements.ts';
import { synonymsOf } from './synonyms.ts';

export interface TermGroup {
  /** Terms matched whole. */
  exact: readonly string[];
  /** A term matched as a prefix (the word being typed), or null. */
  prefix: string | null;
}

export const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;

export function matchExpression(groups: readonly TermGroup[], join: 'AND' | 'OR' = 'AND'): string {
  return groups
    .map((g) => {
      const alternatives = [...g.exact.map(quote), ...(g.prefix === null ? [] : [`${quote(g.prefix)}*`])];
      return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
    })
    .join(` ${join} `);
}

/**
 * The same groups without the exact terms their own prefix already matches: they change which
 * articles rank first (completions), never which articles match, and each is one more posting
 * list to read. For counting and for walking matches unscored.
 */
export const matchingOnly = (groups: readonly TermGroup[]): TermGroup[] =>
  groups.map((g) => (g.prefix === null ? g : { exact: g.exact.filter((t) => !t.startsWith(g.prefix!)), prefix: g.prefix }));

/** Up to this many extra terms complete the word being typed. */
const MAX_COMPLETIONS = 24;
/** Vocabulary rows read for them: enough for that many distinct terms in practice. */
const MAX_COMPLETION_WORDS = 500;

/**
 * Terms of indexed words that begin with the typed prefix. Those whose stem does not begin with
 * the prefix's stem are found only this way: typing «обещанн» (stem «обещан») must still find
 * «обещанный» (stem «обеща»). The others also match the stem as a prefix; as exact terms they
 * rank the words that begin with what was typed above those that only share its stem
 * (head-score.ts).
 */
export function completions(db: Db, t: QueryTerm): string[] {
  if (!t.prefix) return [];
  const rows = statement<[string, string, number], string>(db, 'SELECT DISTINCT term FROM kb_vocab WHERE word >= ? AND word < ? LIMIT ?')
    .pluck()
    .all(t.word, `${t.word}\u{10FFFF}`, MAX_COMPLETION_WORDS);
  const extra = new Set<string>();
  for (const term of rows) {
    if (term !== t.term) extra.add(term);
    if (extra.size === MAX_COMPLETIONS) break;
  }
  return [...extra];
}

/** Prefixes of this length have an index of their own in the FTS tables (schema.ts). */
const INDEXED_PREFIX_LENGTH = 3;
/** A longer prefix standing for more terms than this stays a prefix query. */
const MAX_PREFIX_TERMS = 32;

/**
 * The indexed terms that begin with `prefix`, or null if there are more than MAX_PREFIX_TERMS.
 * FTS5 answers a prefix it has no index for by merging the posting lists of all those terms into
 * one in memory before it returns the first row; as plain alternatives they are read as needed.
 */
function termsWithPrefix(db: Db, prefix: string): string[] | null {
  const terms = statement<[string, string, number], string>(db, 'SELECT DISTINCT term FROM kb_vocab WHERE term >= ? AND term < ? LIMIT ?')
    .pluck()
    .all(prefix, `${prefix}\u{10FFFF}`, MAX_PREFIX_TERMS + 1);
  return terms.length > MAX_PREFIX_TERMS ? null : terms;
}

/**
 * The group of a parsed query term: itself and its synonyms (synonyms.ts), or while being typed,
 * its prefix, completions and synonyms.
 */
export function groupOf(db: Db, t: QueryTerm): TermGroup {
  if (!t.prefix) return { exact: [t.term, ...synonymsOf(t.term)], prefix: null };
  const extra = [...completions(db, t), ...synonymsOf(t.term)];
  const spelledOut = [...t.term].length === INDEXED_PREFIX_LENGTH ? null : termsWithPrefix(db, t.term);
  // None: the prefix matches nothing, and stays, so that the group is not empty.
  return spelledOut?.length ? { exact: [...new Set([...spelledOut, ...extra])], prefix: null } : { exact: extra, prefix: t.term };
}
