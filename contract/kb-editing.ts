// Editing the knowledge base (quality manager, admin) and reading what operators said about it.
// Online only: an edit is checked against the article as the editor saw it (`baseUpdatedAt`), so
// two editors never overwrite each other silently; every save keeps a version with who and why.
import { z } from 'zod';
import { Article, ArticleCategory } from './domain/article.ts';
import type { Role } from './domain/agent.ts';

/** Who may edit articles and see the feedback on them. */
export const KB_EDITOR_ROLES = ['quality_manager', 'admin'] as const satisfies readonly Role[];
export const KB_FEEDBACK_ROLES = ['quality_manager', 'admin', 'supervisor'] as const satisfies readonly Role[];

const Tag = z.string().trim().min(1).max(64);

export const ArticleDraft = z.strictObject({
  category: ArticleCategory,
  title: z.string().trim().min(1).max(300),
  body: z.string().trim().min(1).max(200_000),
  tags: z.array(Tag).max(30),
  /** What changed and why, for the history ("цены с 1 декабря"). */
  note: z.string().trim().max(500).optional(),
});
export type ArticleDraft = z.infer<typeof ArticleDraft>;

/** A change of an existing article: refused with `conflict` if it changed since `baseUpdatedAt`. */
export const ArticleUpdate = ArticleDraft.extend({ baseUpdatedAt: z.iso.datetime({ offset: true }) });
export type ArticleUpdate = z.infer<typeof ArticleUpdate>;

export const ArticleSaved = z.object({ article: Article, revision: z.number().int().positive() });
export type ArticleSaved = z.infer<typeof ArticleSaved>;

export const ArticleVersion = z.object({
  revision: z.number().int().positive(),
  category: ArticleCategory,
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  editedAt: z.iso.datetime({ offset: true }),
  /** null: the version came with the initial import, or its author was removed. */
  editedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  note: z.string().nullable(),
});
export type ArticleVersion = z.infer<typeof ArticleVersion>;

export const ARTICLE_VERSIONS_MAX = 100;
/** Newest first. */
export const ArticleVersionsResponse = z.object({ versions: z.array(ArticleVersion).max(ARTICLE_VERSIONS_MAX) });
export type ArticleVersionsResponse = z.infer<typeof ArticleVersionsResponse>;

export const FeedbackSummaryQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(365).default(30),
});
export type FeedbackSummaryQuery = z.infer<typeof FeedbackSummaryQuery>;

export const FeedbackComment = z.object({
  verdict: z.enum(['helped', 'outdated']),
  comment: z.string(),
  at: z.iso.datetime({ offset: true }),
  agentName: z.string().nullable(),
});

export const FEEDBACK_SUMMARY_MAX = 200;
export const FeedbackSummaryRow = z.object({
  articleId: z.uuid(),
  title: z.string(),
  category: ArticleCategory,
  helped: z.number().int().nonnegative(),
  outdated: z.number().int().nonnegative(),
  lastAt: z.iso.datetime({ offset: true }),
  /** The latest comments, newest first. */
  comments: z.array(FeedbackComment).max(5),
});
export type FeedbackSummaryRow = z.infer<typeof FeedbackSummaryRow>;

/** Articles with feedback in the period, most "outdated" first: what to fix next. */
export const FeedbackSummary = z.object({ days: z.number().int(), articles: z.array(FeedbackSummaryRow).max(FEEDBACK_SUMMARY_MAX) });
export type FeedbackSummary = z.infer<typeof FeedbackSummary>;

// ── IPC (renderer → main) ──
export const KbSaveArticleInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('create'), draft: ArticleDraft }),
  z.strictObject({ kind: z.literal('update'), id: z.uuid(), update: ArticleUpdate }),
]);
export type KbSaveArticleInput = z.infer<typeof KbSaveArticleInput>;
export const KbHistoryInput = z.strictObject({ id: z.uuid() });
