// What the index holds of one article, computed in JS before anything is written: the plain text,
// its word-aligned terms, the FTS column strings and their lengths (for the rowid keys).
import type { Article } from '../../../contract/domain/article.ts';
import { markdownToText } from './markdown-text.ts';
import { encodeText, ftsText, type WordEntry } from './word-terms.ts';

export interface ArticleTerms {
  text: string;
  /** The text's terms word by word (word-terms.ts). */
  terms: string;
  title: string;
  body: string;
  tags: string;
  /** Words with a term, stopwords aside, in title, body and tags; and in title and tags. */
  length: number;
  headLength: number;
}

/** `seen` collects the words met, for the vocabulary (word-terms.ts). */
export function articleTerms(a: Article, seen: Set<WordEntry>): ArticleTerms {
  const text = markdownToText(a.body);
  const body = encodeText(text, seen);
  const title = encodeText(a.title, seen);
  const tags = encodeText(a.tags.join(' · '), seen);
  return {
    text,
    terms: body.encoded,
    // Titles and tags keep their stopwords: a query of stopwords alone («и в») looks there.
    title: ftsText(title.encoded),
    body: body.indexed,
    tags: ftsText(tags.encoded),
    length: title.count + body.count + tags.count,
    headLength: title.count + tags.count,
  };
}
