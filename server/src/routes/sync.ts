// The sync endpoints (contract/sync.ts): pull pages of the change feed, push mutations. Any
// signed-in role; what each agent receives and may change is decided in server/src/sync/.
import type { FastifyInstance } from 'fastify';
import {
  INCOMPATIBLE_CLIENT,
  PullRequest,
  PushRequest,
  SYNC_API,
  SYNC_PROTOCOL_VERSION,
  type PullResponse,
  type PushResponse,
} from '../../../contract/index.ts';
import { authOf, type RequireRole } from '../auth/require-role.ts';
import type { AppContext } from '../context.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { createFeedTail, type FeedTail } from '../sync/feed-tail.ts';
import { pullPage } from '../sync/pull.ts';
import { createBatchedAuth } from '../sync/session-batch.ts';
import { processPush } from '../sync/push.ts';

const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** Each app's feed tail; the live route (sync-live.ts) starts it and refreshes it before poking. */
const tails = new WeakMap<FastifyInstance, FeedTail>();
export const feedTailOf = (app: FastifyInstance): FeedTail | null => tails.get(app) ?? null;

/** Same answer as the x-pult-protocol check (http/protocol.ts): 426, and the client says "update Pult". */
function assertSyncProtocol(body: unknown): void {
  const protocol = (body as { protocol?: unknown } | null)?.protocol;
  if (typeof protocol === 'number' && protocol !== SYNC_PROTOCOL_VERSION) {
    throw new HttpError(426, INCOMPATIBLE_CLIENT, `this server speaks sync protocol ${SYNC_PROTOCOL_VERSION}; the client sent ${protocol}. Update Pult.`, 'protocol');
  }
}

export function registerSyncRoutes(app: FastifyInstance, ctx: AppContext, requireRole: RequireRole): void {
  const tail = createFeedTail(ctx.db);
  tails.set(app, tail);
  // requireRole() with no role, with the session look-ups of simultaneous pulls batched.
  app.post(SYNC_API.pull, { preHandler: createBatchedAuth(ctx.db, ctx.now) }, async (req): Promise<PullResponse> => {
    assertSyncProtocol(req.body);
    const body = parseInput(PullRequest, req.body);
    if (BigInt(body.after) > MAX_BIGINT) throw new HttpError(400, 'invalid_input', 'after: beyond any feed version', 'after');
    const agentId = authOf(req).agent.id;
    // After a poke every connected client asks at once for the newest rows: memory answers those.
    return tail.page(agentId, body.after, body.limit) ?? pullPage(ctx.db, agentId, body.after, body.limit);
  });

  app.post(SYNC_API.push, { preHandler: requireRole() }, async (req): Promise<PushResponse> => {
    assertSyncProtocol(req.body);
    const body = parseInput(PushRequest, req.body);
    return processPush({ db: ctx.db, agent: authOf(req).agent, ip: req.ip, now: ctx.now, scopeDays: ctx.settings.syncScopeDays }, body);
  });
}
