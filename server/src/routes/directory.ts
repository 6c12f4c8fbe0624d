// Agents (supervisor, admin), their states (supervisor, quality, admin), knowledge base (everyone
// signed in), audit log (admin, quality).
import type { FastifyInstance } from 'fastify';
import {
  AgentListQuery,
  API,
  ArticleListQuery,
  AuditQuery,
  IdParams,
  type AgentListResponse,
  type AgentStatesResponse,
  type ArticleListResponse,
  type ArticleResponse,
  type AuditResponse,
} from '../../../contract/index.ts';
import type { RequireRole } from '../auth/require-role.ts';
import type { AppContext } from '../context.ts';
import { currentAgentStates } from '../db/queries/agent-states.ts';
import { listAgents } from '../db/queries/agents.ts';
import { getArticle, listArticles } from '../db/queries/articles.ts';
import { readAudit } from '../db/queries/audit.ts';
import { notFound, parseInput } from '../http/errors.ts';

export function registerDirectoryRoutes(app: FastifyInstance, ctx: AppContext, requireRole: RequireRole): void {
  app.get(API.agents, { preHandler: requireRole('supervisor', 'admin') }, async (req): Promise<AgentListResponse> => {
    const q = parseInput(AgentListQuery, req.query);
    return { agents: await listAgents(ctx.db, q) };
  });

  app.get(API.agentStates, { preHandler: requireRole('supervisor', 'quality_manager', 'admin') }, async (): Promise<AgentStatesResponse> => {
    return { states: await currentAgentStates(ctx.db) };
  });

  app.get(API.articles, { preHandler: requireRole() }, async (req): Promise<ArticleListResponse> => {
    const q = parseInput(ArticleListQuery, req.query);
    return listArticles(ctx.db, q);
  });

  app.get(API.article, { preHandler: requireRole() }, async (req): Promise<ArticleResponse> => {
    const { id } = parseInput(IdParams, req.params);
    const article = await getArticle(ctx.db, id);
    if (!article) throw notFound('article');
    return { article };
  });

  app.get(API.audit, { preHandler: requireRole('admin', 'quality_manager') }, async (req): Promise<AuditResponse> => {
    const q = parseInput(AuditQuery, req.query);
    return readAudit(ctx.db, q);
  });
}
