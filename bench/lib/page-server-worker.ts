// The bench's stand-in for the central server (see page-server.ts), in its own thread so that its
// work never shows up as a stall of the client's main thread. Serves pull pages of precomputed
// changes in the wire format of contract/sync.ts: no database; every change is encoded once into
// one buffer, and a page of any size is a slice of it between a short head and tail, written as is.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { PROTOCOL_HEADER } from '../../contract/server-api.ts';
import { MAX_PULL_LIMIT, SYNC_API } from '../../contract/sync.ts';
import { changeJson, forEachFeedRow, type FeedSpec } from './first-sync-rows.ts';

const { specs, token } = workerData as { specs: FeedSpec[]; token: string };
const parts: Buffer[] = [];
/** starts[i]: where change i begins in `all` (changes are separated by a comma); starts[n]: the end. */
const starts: number[] = [0];
forEachFeedRow(specs, (r) => {
  const b = Buffer.from(changeJson(r) + ',');
  parts.push(b);
  starts.push(starts.at(-1)! + b.length);
});
const all = Buffer.concat(parts);
parts.length = 0;
const total = starts.length - 1;

function send(res: ServerResponse, status: number, body: string | Buffer[]): void {
  const chunks = typeof body === 'string' ? [Buffer.from(body)] : body;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': chunks.reduce((n, c) => n + c.length, 0) });
  for (const c of chunks) res.write(c);
  res.end();
}

function pull(body: string, res: ServerResponse): void {
  const req = JSON.parse(body) as { after?: unknown; limit?: unknown };
  const after = Number(req.after);
  const limit = Math.min(MAX_PULL_LIMIT, Number(req.limit ?? 500));
  if (!Number.isSafeInteger(after) || after < 0 || !Number.isSafeInteger(limit) || limit < 1) {
    return send(res, 400, JSON.stringify({ error: { code: 'invalid_input', message: 'after / limit' } }));
  }
  if (after > total) return send(res, 409, JSON.stringify({ error: { code: 'conflict', message: 'ahead of the feed', field: 'after' } }));
  // Version v is change v - 1.
  const end = Math.min(total, after + limit);
  const remaining = total - end;
  const changes = end > after ? all.subarray(starts[after], starts[end]! - 1) : Buffer.alloc(0);
  send(res, 200, [Buffer.from('{"changes":['), changes, Buffer.from(`],"next":"${end}","hasMore":${remaining > 0},"remaining":${remaining}}`)]);
}

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.headers.authorization !== `Bearer ${token}` || req.headers[PROTOCOL_HEADER] !== '1') {
      return send(res, 401, JSON.stringify({ error: { code: 'not_authenticated', message: 'sign in first' } }));
    }
    if (req.method === 'POST' && req.url === SYNC_API.pull) return pull(Buffer.concat(chunks).toString('utf8'), res);
    send(res, 404, JSON.stringify({ error: { code: 'not_found', message: `no route ${req.url}` } }));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  parentPort!.postMessage({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, changes: total });
});
// The thread says how much CPU it used, so the bench can count the client's alone.
parentPort!.on('message', (m: unknown) => {
  if (m === 'cpu') parentPort!.postMessage(process.threadCpuUsage());
  if (m === 'close') server.close(() => process.exit(0));
});
