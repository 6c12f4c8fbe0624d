// The category is a token in a column of its own in kb_fts and kb_head, so a category filter is
// part of the MATCH and FTS5 skips the other categories' rows while it walks the posting lists.
// The token starts with '_', which the tokenizer keeps inside tokens (schema.ts) and which no
// term of a text or a query holds (they are letters and digits): a query can never match it, so
// the query needs no column filter (which would make FTS5 read every position of every match).
import type { ArticleCategory } from '../../../contract/domain/article.ts';
import { quote } from './match-expression.ts';

export const categoryToken = (c: ArticleCategory): string => `_${c}`;

/** An FTS5 expression matching rows of any of `categories`. */
export const categoryMatch = (categories: readonly ArticleCategory[]): string =>
  `(${categories.map((c) => quote(categoryToken(c))).join(' OR ')})`;
