// The central server's HTTP API as the client sees it. Paths, request and response bodies.
import { z } from 'zod';
import { Agent, AgentId, Role, Site, SiteId } from './domain/agent.ts';
import { AgentCurrentState } from './domain/agent-state.ts';
import { Article, ArticleCategory } from './domain/article.ts';
import { Address, Customer } from './domain/customer.ts';

/** Bumped when the wire format changes incompatibly. The server states the range it accepts. */
export const PROTOCOL_VERSION = 1;
export const PROTOCOL_HEADER = 'x-pult-protocol';

export const HealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  protocol: z.object({ min: z.number().int(), max: z.number().int() }),
  database: z.enum(['postgres', 'pglite']),
  time: z.iso.datetime({ offset: true }),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const LoginRequest = z.strictObject({
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const AgentWithSite = Agent.extend({ site: Site });
export type AgentWithSite = z.infer<typeof AgentWithSite>;

export const LoginResponse = z.object({
  token: z.string().min(32),
  expiresAt: z.iso.datetime({ offset: true }),
  agent: AgentWithSite,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MeResponse = z.object({
  agent: AgentWithSite,
  expiresAt: z.iso.datetime({ offset: true }),
});
export type MeResponse = z.infer<typeof MeResponse>;

/** Every error response of the server has this body. */
export const ServerErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ServerErrorBody = z.infer<typeof ServerErrorBody>;

export const API = {
  health: '/api/health',
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  me: '/api/auth/me',
  customers: '/api/customers',
  /** `:id` is a UUID. */
  customer: '/api/customers/:id',
  /** Supervisor, admin: give the customer to another personal manager (or to none). */
  customerManager: '/api/customers/:id/manager',
  agents: '/api/agents',
  articles: '/api/kb/articles',
  article: '/api/kb/articles/:id',
  articleVersions: '/api/kb/articles/:id/versions',
  kbFeedback: '/api/kb/feedback',
  /** `:name` is a KbImageName; the answer is the picture's bytes. */
  kbImage: '/api/kb/images/:name',
  audit: '/api/audit',
  /** Supervisor, quality, admin: every agent's latest state (ready, not ready, wrap-up, offline). */
  agentStates: '/api/agent-states',
} as const;

/** Fills `:name` placeholders of an API path: apiPath(API.customer, { id }). */
export function apiPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

// ── Customers, agents, knowledge base, audit (server routes beyond sign-in) ──────────────────────

/** Extra server-side error codes, beyond contract/errors.ts ERROR_CODES. */
export const INCOMPATIBLE_CLIENT = 'incompatible_client';

/** A UUID path parameter (`/api/customers/:id`, `/api/kb/articles/:id`). */
export const IdParams = z.strictObject({ id: z.uuid() });
export type IdParams = z.infer<typeof IdParams>;

const Limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/**
 * Customer search. `q` is a name (any words of it), a phone number in any Russian format
 * ("8 (916) 123-45-67", "+7 916 1234567", "9161234567") or an account number; `by` forces one kind.
 */
export const CustomerSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200),
  by: z.enum(['auto', 'name', 'phone', 'account']).default('auto'),
  limit: Limit(100, 20),
});
export type CustomerSearchQuery = z.infer<typeof CustomerSearchQuery>;

export const CustomerSearchResponse = z.object({ customers: z.array(Customer) });
export type CustomerSearchResponse = z.infer<typeof CustomerSearchResponse>;

export const CustomerResponse = z.object({ customer: Customer });
export type CustomerResponse = z.infer<typeof CustomerResponse>;

/**
 * A change of a customer's personal data. Phones come in any Russian format and are stored as
 * E.164 (the server normalises; an unreadable number is refused naming `phones.N`).
 * Lists replace the whole list; `address` replaces the whole address.
 */
export const CustomerPatch = z
  .strictObject({
    phones: z.array(z.string().trim().min(1).max(64)).max(10).optional(),
    emails: z.array(z.email().max(320)).max(10).optional(),
    address: Address.optional(),
  })
  .refine((p) => p.phones !== undefined || p.emails !== undefined || p.address !== undefined, {
    message: 'nothing to change: give phones, emails or address',
  });
export type CustomerPatch = z.infer<typeof CustomerPatch>;

export const CustomerManagerChange = z.strictObject({ personalManagerId: AgentId.nullable() });
export type CustomerManagerChange = z.infer<typeof CustomerManagerChange>;

export const AgentListQuery = z.strictObject({
  role: Role.optional(),
  siteId: SiteId.optional(),
});
export type AgentListQuery = z.infer<typeof AgentListQuery>;

export const AgentListResponse = z.object({ agents: z.array(AgentWithSite) });
export type AgentListResponse = z.infer<typeof AgentListResponse>;

/** Agents who ever reported a state; those who never did are absent, not "offline". */
export const AgentStatesResponse = z.object({ states: z.array(AgentCurrentState) });
export type AgentStatesResponse = z.infer<typeof AgentStatesResponse>;

export const ArticleListQuery = z.strictObject({
  category: ArticleCategory.optional(),
  limit: Limit(1000, 200),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ArticleListQuery = z.infer<typeof ArticleListQuery>;

/** An article without its body, for lists. */
export const ArticleSummary = Article.omit({ body: true });
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export const ArticleListResponse = z.object({ articles: z.array(ArticleSummary), total: z.number().int() });
export type ArticleListResponse = z.infer<typeof ArticleListResponse>;

export const ArticleResponse = z.object({ article: Article });
export type ArticleResponse = z.infer<typeof ArticleResponse>;

export const AUDIT_ACTIONS = ['login_succeeded', 'login_failed', 'logout', 'customer_updated', 'article_saved', 'customer_reassigned'] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

/** Who did what to which record, and which fields — never the values. */
export const AuditEntry = z.object({
  id: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  action: AuditAction,
  actorAgentId: AgentId.nullable(),
  /** The login given at sign-in (also for failed attempts with an unknown login). */
  actorLogin: z.string().nullable(),
  targetType: z.enum(['agent', 'customer', 'article']).nullable(),
  targetId: z.string().nullable(),
  fields: z.array(z.string()),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.strictObject({
  action: AuditAction.optional(),
  actorAgentId: AgentId.optional(),
  targetId: z.string().min(1).max(64).optional(),
  /** Page backwards: entries with id below this (the previous page's `nextBefore`). */
  before: z.coerce.number().int().positive().optional(),
  limit: Limit(500, 100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditResponse = z.object({
  entries: z.array(AuditEntry),
  nextBefore: z.number().int().nullable(),
});
export type AuditResponse = z.infer<typeof AuditResponse>;

