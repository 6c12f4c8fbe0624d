// Child process of the live-latency bench: many lightweight clients, each a signed-in session that
// holds the live WebSocket and, on every poke, pulls over HTTP from its cursor to the end of the
// feed (as the real engine does, minus the replica), so the server carries the load of that many
// clients. Driven over IPC: {start: {url, tokens, after}} → "ready"; "stop" → {stats} and exit.
// Plain node:http with keep-alive rather than fetch: all of them share this process's CPU with the
// server on the bench machine, where each would have a PC of its own.
import { Agent, request } from 'node:http';
import WebSocket from 'ws';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../contract/server-api.ts';
import { SYNC_API, SYNC_PROTOCOL_VERSION, type PullResponse } from '../../contract/sync.ts';

interface Start {
  url: string;
  tokens: string[];
  /** The feed's head when the clients start: they are already in sync. */
  after: string;
}

const send = (m: unknown) => process.send!(m);
const stats = { pulls: 0, failures: 0, pokes: 0, cpuMs: 0 };
const sockets: WebSocket[] = [];
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function client(url: string, token: string, after: string): Promise<void> {
  let cursor = after;
  let running = false;
  let again = false;
  const headers = { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };

  async function pull(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        for (let page = 0; page < 100; page++) {
          const res = await post(url + SYNC_API.pull, headers, JSON.stringify({ protocol: SYNC_PROTOCOL_VERSION, after: cursor, limit: 500 }));
          stats.pulls++;
          if (res.status !== 200) {
            stats.failures++;
            break;
          }
          const body = JSON.parse(res.text) as PullResponse;
          cursor = body.next;
          if (!body.hasMore) break;
        }
      } while (again);
    } catch {
      stats.failures++;
    } finally {
      running = false;
    }
  }

  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + SYNC_API.live, { headers });
    sockets.push(ws);
    ws.on('message', () => {
      stats.pokes++;
      void pull();
    });
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
}

let startCpu = process.cpuUsage();
process.on('message', (m: { start?: Start } | 'stop' | 'measure') => {
  if (m === 'measure') {
    startCpu = process.cpuUsage();
    stats.pulls = 0;
    return;
  }
  if (m === 'stop') {
    for (const ws of sockets) ws.terminate();
    agent.destroy();
    const cpu = process.cpuUsage(startCpu);
    stats.cpuMs = (cpu.user + cpu.system) / 1000;
    process.send!({ stats }, () => process.disconnect());
    return;
  }
  if (!m.start) return;
  const { url, tokens, after } = m.start;
  // Connected in small batches, as offices come online, not as one burst of handshakes.
  void (async () => {
    for (let i = 0; i < tokens.length; i += 20) await Promise.all(tokens.slice(i, i + 20).map((t) => client(url, t, after)));
    send('ready');
  })().catch((e: unknown) => send({ error: String(e) }));
});
