// Sign-in, sign-out and "who am I". Sign-in is rate-limited per IP and login, and every attempt,
// successful or not, goes to the audit log.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API, LoginRequest, type LoginResponse, type MeResponse } from '../../../contract/index.ts';
import { dummyPasswordHash, verifyPassword } from '../auth/password.ts';
import { authOf, type RequireRole } from '../auth/require-role.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import { findAgentForLogin } from '../db/queries/agents.ts';
import { writeAudit } from '../db/queries/audit.ts';
import { createSession, deleteSession } from '../db/queries/sessions.ts';
import { HttpError, parseInput } from '../http/errors.ts';

/** Rate-limit key: the client's address and the login it tries (lower-cased). */
export function loginAttemptKey(req: FastifyRequest): string {
  const body = req.body as { login?: unknown } | undefined;
  const login = typeof body?.login === 'string' ? body.login.trim().toLowerCase().slice(0, 64) : '';
  return `${req.ip}|${login}`;
}

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext, requireRole: RequireRole): void {
  app.post(API.login, {
    config: {
      rateLimit: {
        max: ctx.settings.loginMaxAttempts,
        timeWindow: ctx.settings.loginWindowMs,
        hook: 'preHandler', // after body parsing, so the key can include the login
        keyGenerator: loginAttemptKey,
      },
    },
  }, async (req): Promise<LoginResponse> => {
    const { login, password } = parseInput(LoginRequest, req.body);
    const agent = await findAgentForLogin(ctx.db, login);
    // An unknown login costs the same time as a wrong password, so timing does not reveal logins.
    const ok = await verifyPassword(password, agent?.passwordHash ?? (await dummyPasswordHash()));
    if (!agent || !ok) {
      await writeAudit(ctx.db, { action: 'login_failed', actorAgentId: agent?.id ?? null, actorLogin: login, targetType: 'agent', targetId: agent?.id ?? null, ip: req.ip });
      req.log.info({ agentId: agent?.id ?? null }, 'sign-in refused');
      throw new HttpError(401, 'wrong_credentials', 'wrong login or password');
    }
    const token = newToken();
    const expiresAt = new Date(ctx.now().getTime() + ctx.settings.sessionTtlMs);
    await createSession(ctx.db, { tokenHash: hashToken(token), agentId: agent.id, expiresAt, ip: req.ip });
    await writeAudit(ctx.db, { action: 'login_succeeded', actorAgentId: agent.id, actorLogin: agent.login, targetType: 'agent', targetId: agent.id, ip: req.ip });
    req.log.info({ agentId: agent.id }, 'signed in');
    const { passwordHash: _hash, ...publicAgent } = agent;
    return { token, expiresAt: expiresAt.toISOString(), agent: publicAgent };
  });

  app.post(API.logout, { preHandler: requireRole() }, async (req) => {
    const { agent, tokenHash } = authOf(req);
    await deleteSession(ctx.db, tokenHash);
    await writeAudit(ctx.db, { action: 'logout', actorAgentId: agent.id, actorLogin: agent.login, targetType: 'agent', targetId: agent.id, ip: req.ip });
    req.log.info({ agentId: agent.id }, 'signed out');
    return { ok: true as const };
  });

  app.get(API.me, { preHandler: requireRole() }, async (req): Promise<MeResponse> => {
    const { agent, expiresAt } = authOf(req);
    return { agent, expiresAt: expiresAt.toISOString() };
  });
}
