// The central server's HTTP API as the client sees it. Paths, request and response bodies.
import { z } from 'zod';
import { Agent, Site } from './domain/agent.ts';

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
} as const;
