// The live WebSocket: a signed-in client is poked with the new feed version right after a change
// commits (NOTIFY on PostgreSQL, in process on PGlite); without a valid token it is refused.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Poke, PROTOCOL_HEADER, PROTOCOL_VERSION, SYNC_API } from '../../../contract/index.ts';
import { CUSTOMER_IDS, LOGINS } from './fixtures.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';

let h: SyncHarness;
let wsUrl: string;
beforeAll(async () => {
  h = await startSyncHarness({ now: new Date('2025-01-20T12:00:00.000Z') });
  const address = await h.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `${address.replace(/^http/, 'ws')}${SYNC_API.live}`;
});
afterAll(async () => {
  await h?.close();
});

function connect(token: string | null): Promise<{ ws: WebSocket; frames: unknown[] }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
    if (token) headers.authorization = `Bearer ${token}`;
    const ws = new WebSocket(wsUrl, { headers });
    const frames: unknown[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(String(data))));
    ws.once('open', () => resolve({ ws, frames }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

async function until<T>(what: string, fn: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('live sync socket', () => {
  it('refuses a connection without a valid session', async () => {
    await expect(connect(null)).rejects.toThrow('HTTP 401');
    await expect(connect('x'.repeat(43))).rejects.toThrow('HTTP 401');
  });

  it('pokes a connected client with the new version after a change commits', async () => {
    const token = await h.token(LOGINS.personal_manager);
    const { ws, frames } = await connect(token);
    try {
      const before = (await h.pull(token, '0', 2000)).next;
      const r = await h.push(token, {
        clientId: randomUUID(),
        mutations: [{ seq: 1, name: 'customer.updateContacts', args: { customerId: CUSTOMER_IDS.ivanova, phones: ['8 (916) 555-12-34'] } }],
      });
      expect(r.results[0]?.status).toBe('applied');
      const poke = Poke.parse(await until('a poke', () => frames.at(-1)));
      expect(BigInt(poke.version)).toBeGreaterThan(BigInt(before));
      const page = await h.pull(token, before);
      expect(page.changes.some((c) => c.entity === 'customer' && c.id === CUSTOMER_IDS.ivanova)).toBe(true);
    } finally {
      ws.close();
    }
  });
});
