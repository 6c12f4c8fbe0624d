// A central server speaking contract/sync.ts on node:http + ws, for the replica and engine tests.
// It keeps one row per entity id with the version of its last change (tombstones included), serves
// pull pages in version order, settles pushes once per (clientId, seq), pokes over the live socket,
// and counts how often each page (by `after`) was served. Hooks let a test make it hostile.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { PROTOCOL_HEADER } from '../../../contract/server-api.ts';
import {
  PullRequest,
  PushRequest,
  SYNC_API,
  type Change,
  type Mutation,
  type MutationResult,
  type SyncEntityName,
  type SyncEntityRow,
} from '../../../contract/sync.ts';

export const SYNC_TOKEN = 't'.repeat(43);

export interface ServerRow {
  entity: SyncEntityName;
  id: string;
  version: bigint;
  data: { id: string } | null;
}

export interface RawAnswer {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}

export interface FakeSyncServer {
  url: string;
  /** Current rows (tombstones included), in version order. */
  rows: Map<string, ServerRow>;
  version: bigint;
  put<E extends SyncEntityName>(entity: E, data: SyncEntityRow<E>): Change;
  remove(entity: SyncEntityName, id: string): Change;
  /** Live rows (no tombstones) as entity → id → {version, data}. */
  snapshot(): Map<string, { version: string; data: unknown }>;
  /** How many times the page after each version was served. */
  servedByAfter: Map<string, number>;
  /** Every page served, in order: the cursor asked from and the one the page led to. */
  servedPages: Array<{ after: string; next: string }>;
  pagesServed: number;
  pullRequests: PullRequest[];
  pushRequests: PushRequest[];
  /** Called after a page was written out (count = pagesServed). */
  onPageServed: ((count: number, after: string) => void) | null;
  /** Returns a raw answer to replace the normal page. */
  pullOverride: ((req: PullRequest) => RawAnswer | null) | null;
  pushOverride: ((req: PushRequest) => RawAnswer | null) | null;
  /** Awaited when a push arrives, before it is settled (fault tests kill the client here). */
  onPushReceived: ((req: PushRequest) => void | Promise<void>) | null;
  /** Awaited after a push was settled, before its answer is sent: "applied, but the client never heard". */
  beforePushAnswer: ((req: PushRequest, results: MutationResult[]) => void | Promise<void>) | null;
  /** Called after the answer to a push was written out. */
  onPushAnswered: ((req: PushRequest) => void) | null;
  /** Decides a mutation not seen before (default applied); may change rows. */
  decide: (m: Mutation, clientId: string) => MutationResult;
  /** `accept`, `drop` (accept then close at once) or an HTTP status refusing the upgrade. */
  liveMode: 'accept' | 'drop' | number;
  liveUpgrades: number;
  liveClients: Set<WebSocket>;
  poke(version?: string): void;
  /** Forgets everything, like a server whose database was replaced (versions start at 1 again). */
  replaceDatabase(): void;
  /** Refuse every request with 426 incompatible_client, like a server that dropped our protocol. */
  refuseProtocol: boolean;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Accepting connections (not stopped). */
  listening(): boolean;
  close(): Promise<void>;
}

const key = (entity: string, id: string) => `${entity}:${id}`;

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}
const error = (res: ServerResponse, status: number, code: string, message: string, field?: string) =>
  send(res, status, JSON.stringify({ error: { code, message, ...(field ? { field } : {}) } }));

export async function startFakeSyncServer(): Promise<FakeSyncServer> {
  let server: Server;
  let port = 0;
  const lastSeq = new Map<string, number>();
  /** Refusals by clientId:seq: as the real server, a resend gets the same refusal, not "duplicate". */
  const refusals = new Map<string, MutationResult>();
  const wss = new WebSocketServer({ noServer: true });

  const changeOf = (r: ServerRow): Change =>
    r.data === null
      ? { op: 'delete', entity: r.entity, id: r.id, version: r.version.toString() }
      : ({ op: 'upsert', entity: r.entity, id: r.id, version: r.version.toString(), data: r.data } as Change);

  const fake: FakeSyncServer = {
    url: '',
    rows: new Map(),
    version: 0n,
    put(entity, data) {
      const row: ServerRow = { entity, id: data.id, version: ++fake.version, data };
      fake.rows.delete(key(entity, data.id)); // re-inserted last: Map order is version order
      fake.rows.set(key(entity, data.id), row);
      return changeOf(row);
    },
    remove(entity, id) {
      const row: ServerRow = { entity, id, version: ++fake.version, data: null };
      fake.rows.delete(key(entity, id));
      fake.rows.set(key(entity, id), row);
      return changeOf(row);
    },
    snapshot() {
      const out = new Map<string, { version: string; data: unknown }>();
      for (const r of fake.rows.values()) if (r.data) out.set(key(r.entity, r.id), { version: r.version.toString(), data: r.data });
      return out;
    },
    servedByAfter: new Map(),
    servedPages: [],
    pagesServed: 0,
    pullRequests: [],
    pushRequests: [],
    onPageServed: null,
    pullOverride: null,
    pushOverride: null,
    onPushReceived: null,
    beforePushAnswer: null,
    onPushAnswered: null,
    decide: (m) => ({ seq: m.seq, status: 'applied' }),
    liveMode: 'accept',
    liveUpgrades: 0,
    liveClients: new Set(),
    poke(version) {
      const frame = JSON.stringify({ type: 'poke', version: version ?? fake.version.toString() });
      for (const c of fake.liveClients) c.send(frame);
    },
    replaceDatabase() {
      fake.rows.clear();
      fake.version = 0n;
      lastSeq.clear();
      refusals.clear();
    },
    refuseProtocol: false,
    stop: () =>
      new Promise((resolve) => {
        for (const c of fake.liveClients) c.terminate();
        fake.liveClients.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    restart: () => listen(),
    listening: () => server.listening,
    close: async () => {
      await fake.stop().catch(() => undefined);
      wss.close();
    },
  };

  function pull(req: PullRequest, res: ServerResponse): void {
    fake.pullRequests.push(req);
    const raw = fake.pullOverride?.(req);
    if (raw) return send(res, raw.status ?? 200, raw.body, raw.headers);
    const after = BigInt(req.after);
    // As the real server: a cursor past every version issued comes from another database.
    if (after > fake.version) return error(res, 409, 'conflict', 'after: the replica is ahead of this server\'s feed; sync again from "0"', 'after');
    const pending = [...fake.rows.values()].filter((r) => r.version > after);
    const page = pending.slice(0, req.limit);
    const next = (page.at(-1)?.version ?? after).toString();
    fake.servedPages.push({ after: req.after, next });
    const body = JSON.stringify({
      changes: page.map(changeOf),
      next,
      hasMore: pending.length > page.length,
      remaining: pending.length - page.length,
    });
    fake.pagesServed++;
    fake.servedByAfter.set(req.after, (fake.servedByAfter.get(req.after) ?? 0) + 1);
    const count = fake.pagesServed;
    res.on('finish', () => fake.onPageServed?.(count, req.after));
    send(res, 200, body);
  }

  function push(req: PushRequest, res: ServerResponse): void {
    fake.pushRequests.push(req);
    const raw = fake.pushOverride?.(req);
    if (raw) return send(res, raw.status ?? 200, raw.body, raw.headers);
    // Without hooks the push is settled and answered synchronously, as before the hooks existed.
    const received = fake.onPushReceived;
    if (received) void Promise.resolve(received(req)).then(() => settlePush(req, res));
    else settlePush(req, res);
  }

  function settlePush(req: PushRequest, res: ServerResponse): void {
    const results: MutationResult[] = [];
    for (const m of [...req.mutations].sort((a, b) => a.seq - b.seq)) {
      const last = lastSeq.get(req.clientId) ?? 0;
      if (m.seq <= last) results.push(refusals.get(`${req.clientId}:${m.seq}`) ?? { seq: m.seq, status: 'duplicate' });
      else {
        const result = fake.decide(m, req.clientId);
        if (result.status === 'rejected') refusals.set(`${req.clientId}:${m.seq}`, result);
        results.push(result);
        lastSeq.set(req.clientId, m.seq);
      }
    }
    const body = JSON.stringify({ results, lastSeq: lastSeq.get(req.clientId) ?? 0 });
    const answer = () => {
      res.on('finish', () => fake.onPushAnswered?.(req));
      // The client may be dead by now: its socket is gone and the answer goes nowhere.
      if (!res.destroyed) send(res, 200, body);
    };
    const before = fake.beforePushAnswer;
    if (before) void Promise.resolve(before(req, results)).then(answer);
    else answer();
  }

  function refusal(headers: IncomingMessage['headers']): [number, string, string] | null {
    if (fake.refuseProtocol || headers[PROTOCOL_HEADER] !== '1') return [426, 'incompatible_client', 'this server speaks protocol 2..2. Update Pult.'];
    if (headers.authorization !== `Bearer ${SYNC_TOKEN}`) return [401, 'not_authenticated', 'sign in first'];
    return null;
  }

  function handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const refused = refusal(req.headers);
    if (refused) return error(res, refused[0], refused[1], refused[2]);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return error(res, 400, 'invalid_input', 'body is not JSON');
    }
    if (req.method === 'POST' && req.url === SYNC_API.pull) {
      const r = PullRequest.safeParse(json);
      return r.success ? pull(r.data, res) : error(res, 400, 'invalid_input', r.error.issues[0]?.message ?? 'invalid');
    }
    if (req.method === 'POST' && req.url === SYNC_API.push) {
      const r = PushRequest.safeParse(json);
      return r.success ? push(r.data, res) : error(res, 400, 'invalid_input', r.error.issues[0]?.message ?? 'invalid');
    }
    error(res, 404, 'not_found', `no route ${req.url}`);
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    fake.liveUpgrades++;
    // A refused client hangs up hard (ECONNRESET); without a listener that would be an uncaught error.
    socket.on('error', () => undefined);
    const refused = req.url === SYNC_API.live ? refusal(req.headers) : ([404, 'not_found', 'no route'] as [number, string, string]);
    const status = refused?.[0] ?? (typeof fake.liveMode === 'number' ? fake.liveMode : null);
    // The HTTP side answers as usual whatever liveMode says: only the socket is refused.
    if (status !== null) {
      const body = JSON.stringify({ error: { code: refused?.[1] ?? 'unavailable', message: refused?.[2] ?? 'try later' } });
      socket.end(`HTTP/1.1 ${status} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => undefined); // a client that hangs up hard (tests do) is no server error
      if (fake.liveMode === 'drop') return ws.close(1011, 'going away');
      fake.liveClients.add(ws);
      ws.on('close', () => fake.liveClients.delete(ws));
    });
  }

  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => handle(req, Buffer.concat(chunks).toString('utf8'), res));
      });
      server.on('upgrade', upgrade);
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as AddressInfo).port;
        fake.url = `http://127.0.0.1:${port}`;
        resolve();
      });
    });
  await listen();
  return fake;
}

/** A page body as the server would send it (for tests that write pages by hand). */
export function pageBody(changes: unknown[], next: string, hasMore = false, remaining = 0): string {
  return JSON.stringify({ changes, next, hasMore, remaining });
}
