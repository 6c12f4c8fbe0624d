// Authentication and the role check that guards every route: `preHandler: requireRole('admin')`.
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { AgentWithSite, Role } from '../../../contract/index.ts';
import type { AppContext } from '../context.ts';
import { findSession } from '../db/queries/sessions.ts';
import { forbidden, notAuthenticated } from '../http/errors.ts';
import { bearerToken, hashToken } from './tokens.ts';

export interface RequestAuth {
  agent: AgentWithSite;
  tokenHash: string;
  expiresAt: Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}

/** The signed-in agent of a request that passed requireRole. */
export function authOf(req: FastifyRequest): RequestAuth {
  if (!req.auth) throw notAuthenticated();
  return req.auth;
}

export function makeRequireRole(ctx: AppContext) {
  async function authenticate(req: FastifyRequest): Promise<RequestAuth> {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw notAuthenticated('sign in first: no bearer token');
    const tokenHash = hashToken(token);
    const s = await findSession(ctx.db, tokenHash, ctx.now());
    if (!s) throw notAuthenticated('the session has expired or was ended; sign in again');
    return { agent: s.agent, tokenHash, expiresAt: s.expiresAt };
  }

  /** Signed in with one of the roles; no roles = any signed-in agent. */
  return function requireRole(...roles: Role[]): preHandlerAsyncHookHandler {
    return async function roleCheck(req: FastifyRequest, _reply: FastifyReply) {
      req.auth = await authenticate(req);
      if (roles.length > 0 && !roles.includes(req.auth.agent.role)) {
        throw forbidden(`this needs one of the roles: ${roles.join(', ')}`);
      }
    };
  };
}

export type RequireRole = ReturnType<typeof makeRequireRole>;
