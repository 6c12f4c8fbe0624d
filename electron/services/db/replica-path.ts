// Where a replica file lives: one per server and agent, so signing in elsewhere never mixes rows
// (or outbox mutations and their client id) of two feeds.
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export function replicaPathFor(userDataDir: string, serverUrl: string, agentId: string): string {
  const server = createHash('sha256').update(serverUrl.replace(/\/+$/, '').toLowerCase()).digest('hex').slice(0, 16);
  const agent = agentId.replace(/[^0-9a-zA-Z-]/g, '_').slice(0, 64);
  return join(userDataDir, 'replica', `${server}-${agent}.sqlite`);
}
