// The live WebSocket (SYNC_API.live): a signed-in client keeps it open and is poked
// ({"type":"poke","version"}) whenever its feed gets new versions, then pulls.
//
// On a NOTIFY the feed tail (sync/feed-tail.ts) reads the new rows — one query, whatever the number
// of clients — and only then are clients poked, so the pulls that follow are answered from memory.
// The read also says whose feed changed: a row for everyone pokes everyone, a scoped row only the
// sockets of its agent. The first change after a quiet spell is poked at once; during a burst,
// pokes go out at most once per POKE_MS, each covering everything committed before its read.
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { SYNC_API, type Poke } from '../../../contract/index.ts';
import { authOf, type RequireRole } from '../auth/require-role.ts';
import type { Database } from '../db/open-database.ts';
import type { Audiences } from '../sync/feed-tail.ts';
import { FEED_CHANNEL } from '../sync/synced-transaction.ts';
import { feedTailOf } from './sync.ts';

const POKE_MS = 50;
/** Sockets whose buffer is this full are slow or gone: they are closed, not waited for. */
const MAX_BUFFERED = 64 * 1024;

export async function registerSyncLive(app: FastifyInstance, database: Pick<Database, 'listen'>, requireRole: RequireRole): Promise<void> {
  const byAgent = new Map<string, Set<WebSocket>>();
  let notified: string | null = null; // newest version NOTIFY named since the last poke
  let flushing = false;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let lastPoke = -Infinity;

  const poke = (version: string, audiences: Audiences) => {
    const frame = JSON.stringify({ type: 'poke', version } satisfies Poke);
    const send = (ws: WebSocket) => (ws.bufferedAmount > MAX_BUFFERED ? ws.terminate() : ws.send(frame));
    if (audiences === 'all') for (const set of byAgent.values()) set.forEach(send);
    else for (const agent of audiences) byAgent.get(agent)?.forEach(send);
  };

  const flush = async () => {
    timer = null;
    if (notified === null || closed) return;
    const version = notified;
    notified = null;
    flushing = true;
    try {
      const tail = feedTailOf(app);
      const read = await tail?.refresh().catch((err: unknown) => {
        app.log.warn({ err }, 'sync feed tail: read failed; poking everyone');
        return null;
      });
      // Without the tail's answer nobody knows whose feed changed: everyone pulls, from the database.
      if (!closed) poke(read?.top ?? version, read?.audiences ?? 'all');
    } finally {
      flushing = false;
      lastPoke = performance.now();
      if (notified !== null) schedule();
    }
  };

  function schedule(): void {
    if (flushing || timer || closed) return;
    const wait = lastPoke + POKE_MS - performance.now();
    if (wait <= 0) void flush();
    else timer = setTimeout(() => void flush(), wait);
  }

  const unlisten = await database.listen(FEED_CHANNEL, (version) => {
    if (!/^\d{1,19}$/.test(version)) return;
    // Until the tail has read it, pulls go to the database: they must see this commit.
    feedTailOf(app)?.committed(version);
    if (notified === null || BigInt(version) > BigInt(notified)) notified = version;
    schedule();
  });
  // Started once LISTEN is in place, so every commit after its first read is announced to it.
  feedTailOf(app)?.start();
  app.addHook('onClose', async () => {
    closed = true;
    feedTailOf(app)?.stop();
    if (timer) clearTimeout(timer);
    for (const set of byAgent.values()) for (const ws of set) ws.close(1001, 'server stopping');
    await unlisten();
  });

  app.get(SYNC_API.live, { websocket: true, preHandler: requireRole() }, (socket, req) => {
    const agentId = authOf(req).agent.id;
    let set = byAgent.get(agentId);
    if (!set) byAgent.set(agentId, (set = new Set()));
    set.add(socket);
    req.log.debug({ agentId }, 'live sync connected');
    const drop = () => {
      set.delete(socket);
      if (set.size === 0 && byAgent.get(agentId) === set) byAgent.delete(agentId);
    };
    socket.on('close', drop);
    socket.on('error', drop);
    // Clients only listen; anything they send is ignored.
  });
}
