// The live WebSocket (SYNC_API.live): a signed-in client keeps it open and is poked
// ({"type":"poke","version"}) whenever the feed gets new versions, then pulls. Every client is poked,
// not only those whose audience changed: a pull with nothing new is one indexed query, and deciding
// per agent would cost a query per client per change. Pokes are coalesced to one per POKE_MS.
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { SYNC_API, type Poke } from '../../../contract/index.ts';
import type { RequireRole } from '../auth/require-role.ts';
import type { Database } from '../db/open-database.ts';
import { FEED_CHANNEL } from '../sync/synced-transaction.ts';

const POKE_MS = 100;
/** Sockets whose buffer is this full are slow or gone: they are closed, not waited for. */
const MAX_BUFFERED = 64 * 1024;

export async function registerSyncLive(app: FastifyInstance, database: Pick<Database, 'listen'>, requireRole: RequireRole): Promise<void> {
  const sockets = new Set<WebSocket>();
  let newest: string | null = null;
  let timer: NodeJS.Timeout | null = null;

  const flush = () => {
    timer = null;
    if (newest === null) return;
    const frame = JSON.stringify({ type: 'poke', version: newest } satisfies Poke);
    newest = null;
    for (const ws of sockets) {
      if (ws.bufferedAmount > MAX_BUFFERED) ws.terminate();
      else ws.send(frame);
    }
  };
  const unlisten = await database.listen(FEED_CHANNEL, (version) => {
    if (!/^\d{1,19}$/.test(version)) return;
    newest = version;
    timer ??= setTimeout(flush, POKE_MS);
  });
  app.addHook('onClose', async () => {
    if (timer) clearTimeout(timer);
    for (const ws of sockets) ws.close(1001, 'server stopping');
    await unlisten();
  });

  app.get(SYNC_API.live, { websocket: true, preHandler: requireRole() }, (socket, req) => {
    sockets.add(socket);
    req.log.debug({ agentId: req.auth?.agent.id }, 'live sync connected');
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
    // Clients only listen; anything they send is ignored.
  });
}
