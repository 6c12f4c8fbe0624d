// The central server as a Fastify instance, without listening: main.ts listens, tests inject.
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { makeRequireRole } from './auth/require-role.ts';
import { startChannelDispatcher } from './channels/dispatcher.ts';
import { startMailReaders } from './channels/email/channels.ts';
import { DEFAULT_SETTINGS, type AppContext, type ServerSettings } from './context.ts';
import type { Database } from './db/open-database.ts';
import { HttpError, installErrorHandlers } from './http/errors.ts';
import { createLogger, type LogOptions } from './http/logger.ts';
import { installProtocolCheck } from './http/protocol.ts';
import { registerAuthRoutes } from './routes/auth.ts';
import { registerChannelAttachmentRoutes } from './routes/channels-attachments.ts';
import { registerTelegramChannelRoutes } from './routes/channels-telegram.ts';
import { registerWhatsAppChannelRoutes } from './routes/channels-whatsapp.ts';
import { registerConnectionRequestRoutes } from './routes/connection-requests.ts';
import { registerCustomerRoutes } from './routes/customers.ts';
import { registerDirectoryRoutes } from './routes/directory.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerKbEditingRoutes } from './routes/kb-editing.ts';
import { registerKbImageRoutes } from './routes/kb-images.ts';
import { registerSyncRoutes } from './routes/sync.ts';
import { registerSyncLive } from './routes/sync-live.ts';
import { SERVER_VERSION } from './version.ts';

export interface BuildOptions {
  database: Pick<Database, 'db' | 'kind'> & Partial<Pick<Database, 'listen'>>;
  settings?: Partial<ServerSettings>;
  log?: LogOptions;
  /** Clock, for tests of expiry. */
  now?: () => Date;
  /** Trust X-Forwarded-For from a reverse proxy (for the client IP in rate limits and the audit log). */
  trustProxy?: boolean;
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const ctx: AppContext = {
    db: opts.database.db,
    databaseKind: opts.database.kind,
    settings: { ...DEFAULT_SETTINGS, ...opts.settings },
    version: SERVER_VERSION,
    now: opts.now ?? (() => new Date()),
  };
  const app = Fastify({
    loggerInstance: createLogger(opts.log),
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 1_000_000,
  });
  app.decorateRequest('auth', null);
  installErrorHandlers(app);
  installProtocolCheck(app);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, c) => new HttpError(429, 'rate_limited', `too many attempts; try again in ${c.after}`),
  });

  const requireRole = makeRequireRole(ctx);
  registerHealthRoutes(app, ctx);
  registerAuthRoutes(app, ctx, requireRole);
  registerCustomerRoutes(app, ctx, requireRole);
  registerDirectoryRoutes(app, ctx, requireRole);
  registerKbEditingRoutes(app, ctx, requireRole);
  registerKbImageRoutes(app, ctx, requireRole);
  registerSyncRoutes(app, ctx, requireRole);
  registerConnectionRequestRoutes(app, ctx, requireRole);
  registerTelegramChannelRoutes(app, ctx);
  registerWhatsAppChannelRoutes(app, ctx);
  registerChannelAttachmentRoutes(app, ctx, requireRole);
  startChannelDispatcher(app, ctx);
  startMailReaders(app, ctx);
  // Live pokes need LISTEN; a database handle without it (some tests) serves pull and push only.
  if (opts.database.listen) {
    await app.register(websocket, { options: { maxPayload: 1024 } });
    await registerSyncLive(app, { listen: opts.database.listen }, requireRole);
  }
  return app;
}
