// Editing the knowledge base (quality manager, admin) and the feedback on it (also supervisors).
import type { FastifyInstance } from 'fastify';
import {
  API,
  ArticleDraft,
  ArticleUpdate,
  FeedbackSummaryQuery,
  IdParams,
  KB_EDITOR_ROLES,
  KB_FEEDBACK_ROLES,
  type ArticleSaved,
  type ArticleVersionsResponse,
  type FeedbackSummary,
} from '../../../contract/index.ts';
import { authOf, type RequireRole } from '../auth/require-role.ts';
import type { AppContext } from '../context.ts';
import { getArticle } from '../db/queries/articles.ts';
import { notFound, parseInput } from '../http/errors.ts';
import { feedbackSummary, listArticleVersions } from '../kb/article-history.ts';
import { createArticle, updateArticle } from '../kb/save-article.ts';

export function registerKbEditingRoutes(app: FastifyInstance, ctx: AppContext, requireRole: RequireRole): void {
  const saveContext = (req: Parameters<typeof authOf>[0]) => ({ db: ctx.db, agent: authOf(req).agent, ip: req.ip ?? null, now: ctx.now() });

  app.post(API.articles, { preHandler: requireRole(...KB_EDITOR_ROLES) }, async (req, reply): Promise<ArticleSaved> => {
    const draft = parseInput(ArticleDraft, req.body);
    const saved = await createArticle(saveContext(req), draft);
    void reply.code(201);
    return saved;
  });

  app.put(API.article, { preHandler: requireRole(...KB_EDITOR_ROLES) }, async (req): Promise<ArticleSaved> => {
    const { id } = parseInput(IdParams, req.params);
    const update = parseInput(ArticleUpdate, req.body);
    return updateArticle(saveContext(req), id, update);
  });

  app.get(API.articleVersions, { preHandler: requireRole(...KB_EDITOR_ROLES) }, async (req): Promise<ArticleVersionsResponse> => {
    const { id } = parseInput(IdParams, req.params);
    if (!(await getArticle(ctx.db, id))) throw notFound('article');
    return { versions: await listArticleVersions(ctx.db, id) };
  });

  app.get(API.kbFeedback, { preHandler: requireRole(...KB_FEEDBACK_ROLES) }, async (req): Promise<FeedbackSummary> => {
    const q = parseInput(FeedbackSummaryQuery, req.query);
    return feedbackSummary(ctx.db, q.days, ctx.now());
  });
}
