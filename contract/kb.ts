// Knowledge-base calls between the renderer and the replica (offline search and reading).
import { z } from 'zod';
import { Article, ArticleCategory } from './domain/article.ts';
import { TroubleshootingScript } from './domain/script.ts';

export const KbSearchInput = z.strictObject({
  query: z.string().max(500),
  categories: z.array(ArticleCategory).max(6).optional(),
  limit: z.number().int().min(1).max(100).optional(),
  offset: z.number().int().min(0).max(10_000).optional(),
});
export type KbSearchInput = z.infer<typeof KbSearchInput>;

/** Snippets are text segments, never HTML: `hit` parts are shown marked, nothing is parsed. */
export const SnippetSegment = z.object({ text: z.string(), hit: z.boolean() });

export const KbHit = z.object({
  id: z.string(),
  title: z.string(),
  category: ArticleCategory,
  snippet: z.array(SnippetSegment),
  score: z.number(),
});
export type KbHit = z.infer<typeof KbHit>;

export const KbSearchResult = z.object({
  hits: z.array(KbHit),
  total: z.number().int().nonnegative(),
  /** There are more matches than `total` (a common word: the count stops at a cap). */
  moreThanTotal: z.literal(true).optional(),
  /** Nothing matched the words as typed; these come from the typo/substring fallback. */
  usedFallback: z.boolean(),
});
export type KbSearchResult = z.infer<typeof KbSearchResult>;

export const KbArticleInput = z.strictObject({ id: z.uuid() });
export const KbArticle = Article.nullable();

export const ScriptSummary = z.object({ id: z.uuid(), title: z.string(), category: ArticleCategory });
export type ScriptSummary = z.infer<typeof ScriptSummary>;
export const ScriptList = z.array(ScriptSummary).max(1000);
export const ScriptInput = z.strictObject({ id: z.uuid() });
export const ScriptOrNull = TroubleshootingScript.nullable();
