// The rowid an article has in kb_fts and in kb_head: the length of what that table holds of it
// (in terms) above its doc_id. FTS5 walks the matches of a query in rowid order and stops at a
// LIMIT, so the first N matches are the N shortest documents — those bm25 favours — found without
// looking at the rest; ranking scores only those (ranked-query.ts).
const DOC_ID_SPAN = 2 ** 32;
/** Longer is cut: 2^20 × 2^32 stays below 2^53, so keys are exact as JS numbers. */
const MAX_LENGTH = 2 ** 20 - 1;

export const keyOf = (length: number, docId: number): number => Math.min(length, MAX_LENGTH) * DOC_ID_SPAN + docId;

/** SQL: the doc_id of a key column. */
export const docIdSql = (key: string): string => `(${key} & ${DOC_ID_SPAN - 1})`;
