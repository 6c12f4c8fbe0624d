// Scores from what an article's title and tags hold (ranked-query.ts), read from two short columns
// of kb_doc — no posting list, unlike bm25, whose IDF reads every query term's whole list first.
// Per query word: 10 if the title holds it, else 4 if a tag does (bm25's column weights); a word
// that only shares the prefix of the word being typed counts less than one that begins with what
// was typed («обе» → обещанный above общие). Ties keep rowid order: the shortest title and tags.
import type { Db } from './db.ts';
import { docIdSql } from './doc-keys.ts';
import type { TermGroup } from './match-expression.ts';
import { statement } from './statements.ts';

interface Scored {
  key: number;
  score: number;
}

const TITLE = 10;
const TAGS = 4;
/** A match by the group's prefix alone counts this much of one by an exact term. */
const BY_PREFIX = 0.7;

/** Per query group, the weight of the best match among `terms` (space-separated), 0 if none. */
function weights(terms: string, groups: readonly TermGroup[], column: number): number[] {
  const best = groups.map(() => 0);
  for (const term of terms.split(' ')) {
    groups.forEach((g, i) => {
      if (g.exact.includes(term)) best[i] = Math.max(best[i]!, column);
      else if (g.prefix !== null && term.startsWith(g.prefix)) best[i] = Math.max(best[i]!, column * BY_PREFIX);
    });
  }
  return best;
}

/** Scores rows of one table by the keys in `keyColumn` (fts_key or head_key), plus `base`. */
export function headScorer(db: Db, groups: readonly TermGroup[], keyColumn: 'fts_key' | 'head_key', base: number): (rows: readonly Scored[]) => Scored[] {
  const heads = statement<[string], { key: number; title_terms: string; tag_terms: string }>(db, `
    SELECT ${keyColumn} AS key, title_terms, tag_terms FROM kb_doc
    WHERE doc_id IN (SELECT ${docIdSql('value')} FROM json_each(?))`);
  return (rows) => {
    if (rows.length === 0) return [];
    const byKey = new Map(heads.all(JSON.stringify(rows.map((r) => r.key))).map((h) => [h.key, h]));
    return rows.map(({ key }) => {
      const h = byKey.get(key);
      if (!h) return { key, score: base };
      const title = weights(h.title_terms, groups, TITLE);
      const tags = weights(h.tag_terms, groups, TAGS);
      return { key, score: base + title.reduce((sum, w, i) => sum + Math.max(w, tags[i]!), 0) };
    });
  };
}
