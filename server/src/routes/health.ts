// GET /api/health: reachable without signing in or a protocol header, so any client can learn
// whether it speaks this server's protocol before it tries.
import type { FastifyInstance } from 'fastify';
import { API, type HealthResponse } from '../../../contract/index.ts';
import type { AppContext } from '../context.ts';
import { PROTOCOL_RANGE } from '../http/protocol.ts';

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(API.health, async (): Promise<HealthResponse> => ({
    status: 'ok',
    version: ctx.version,
    protocol: PROTOCOL_RANGE,
    database: ctx.databaseKind,
    time: ctx.now().toISOString(),
  }));
}
