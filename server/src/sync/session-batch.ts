// Sign-in check for the pull route, with the same rules and answers as requireRole() with no role
// (auth/require-role.ts: a bearer token whose session exists and has not expired), but the pulls
// that arrive together share one query: after a poke every connected client pulls at once, and a
// session look-up each would queue hundreds of identical queries (on PGlite, one connection, a few
// milliseconds apiece). Every request is still checked against the database after it arrived.
import type { FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { AgentWithSite } from '../../../contract/index.ts';
import type { RequestAuth } from '../auth/require-role.ts';
import { bearerToken, hashToken } from '../auth/tokens.ts';
import { agentWithSiteColumns, toAgentWithSite } from '../db/queries/agents.ts';
import type { DB } from '../db/schema.ts';
import { notAuthenticated } from '../http/errors.ts';

/** Sessions per query at most (the query's array parameter). */
const MAX_BATCH = 500;
/**
 * In a burst (BURST_COUNT requests within BURST_MS), how long the first request of a batch waits
 * for others: a poke's pulls come within milliseconds of each other. A lone pull, or the pages of
 * one client's first sync one after another, do not wait.
 */
const GATHER_MS = 5;
const BURST_MS = 20;
const BURST_COUNT = 3;

interface Waiting {
  tokenHash: string;
  resolve: (s: { agent: AgentWithSite; expiresAt: Date } | null) => void;
  reject: (e: unknown) => void;
}

export function createBatchedAuth(db: Kysely<DB>, now: () => Date): (req: FastifyRequest) => Promise<void> {
  let queued: Waiting[] = [];
  let running = false;
  let arrivals: number[] = []; // of the last BURST_MS

  async function lookUp(batch: Waiting[]): Promise<void> {
    const hashes = [...new Set(batch.map((w) => w.tokenHash))];
    const rows = await db
      .selectFrom('sessions')
      .innerJoin('agents', 'agents.id', 'sessions.agent_id')
      .innerJoin('sites', 'sites.id', 'agents.site_id')
      .select([...agentWithSiteColumns, 'sessions.token_hash', 'sessions.expires_at'])
      // One array parameter: the same statement text whatever the batch's size.
      .where('sessions.token_hash', '=', sql<string>`any(${hashes}::text[])`)
      .where('sessions.expires_at', '>', now())
      .execute();
    const found = new Map(rows.map((r) => [r.token_hash, { agent: toAgentWithSite(r), expiresAt: r.expires_at }]));
    for (const w of batch) w.resolve(found.get(w.tokenHash) ?? null);
  }

  // One query in flight; requests arriving meanwhile wait for the next one, together.
  async function drain(): Promise<void> {
    running = true;
    try {
      while (queued.length > 0) {
        const batch = queued.slice(0, MAX_BATCH);
        queued = queued.slice(MAX_BATCH);
        await lookUp(batch).catch((e: unknown) => batch.forEach((w) => w.reject(e)));
      }
    } finally {
      running = false;
    }
  }

  function arrived(): boolean {
    const t = performance.now();
    arrivals = arrivals.filter((a) => t - a < BURST_MS);
    arrivals.push(t);
    return arrivals.length >= BURST_COUNT;
  }

  function start(burst: boolean): void {
    const run = () => void (running || drain());
    if (burst) setTimeout(run, GATHER_MS);
    else setImmediate(run);
  }

  return async function syncAuth(req) {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw notAuthenticated('sign in first: no bearer token');
    const tokenHash = hashToken(token);
    const burst = arrived();
    const session = await new Promise<{ agent: AgentWithSite; expiresAt: Date } | null>((resolve, reject) => {
      queued.push({ tokenHash, resolve, reject });
      if (!running && queued.length === 1) start(burst);
    });
    if (!session) throw notAuthenticated('the session has expired or was ended; sign in again');
    req.auth = { agent: session.agent, tokenHash, expiresAt: session.expiresAt } satisfies RequestAuth;
  };
}
