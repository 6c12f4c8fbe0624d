// Pull pages fetched on the page checker's thread (page-checker.ts, `pull` requests): the engine's
// pages never reach the main thread, HTTP failures keep their meaning (code, retry advice, the
// server's wait, the field) across the thread, and a fetch under way there is given up on abort.
// Also the checker's copy of the write-ahead log back into the file (wal-checkpointer.ts).
import { statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_VERSION } from '../../../contract/sync.ts';
import { openReplica, type ReplicaDb } from '../../../electron/services/db/replica-client.ts';
import { openReplicaFile } from '../../../electron/services/db/open-replica-file.ts';
import { createWalCheckpointer } from '../../../electron/services/db/wal-checkpointer.ts';
import { createSyncEngine } from '../../../electron/services/sync/engine.ts';
import { SyncError } from '../../../electron/services/sync/sync-error.ts';
import { article } from './data.ts';
import { startFakeSyncServer, SYNC_TOKEN, type FakeSyncServer } from './fake-sync-server.ts';
import { tempDir } from './helpers.ts';

const nextPath = tempDir();
let server: FakeSyncServer;
const dbs: ReplicaDb[] = [];
beforeAll(async () => {
  server = await startFakeSyncServer();
});
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.close();
  server.pullOverride = null;
});
afterAll(() => server.close());

async function replica(): Promise<ReplicaDb> {
  const db = await openReplica({ path: nextPath(), key: randomBytes(32) });
  dbs.push(db);
  return db;
}

const req = (after = '0', limit = 50) => ({ protocol: SYNC_PROTOCOL_VERSION, after, limit });
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e);

describe('pull pages fetched on the page checker', () => {
  it('the engine fetches, checks and applies every page without the page passing through the main thread', async () => {
    for (let i = 0; i < 300; i++) server.put('article', article(i));
    const db = await replica();
    let fetched = 0;
    const onMainThread = () => Promise.reject(new Error('a page reached the main thread'));
    const engine = createSyncEngine({
      db: {
        ...db,
        checkPullPage: onMainThread,
        applyPullPage: onMainThread,
        fetchPullPage: (input, signal) => (fetched++, db.fetchPullPage(input, signal)),
      },
      serverUrl: server.url,
      token: SYNC_TOKEN,
      pullLimit: 50,
      live: false,
      pollIntervalMs: 3_600_000,
    });
    try {
      expect((await engine.syncNow()).state).toBe('online');
    } finally {
      await engine.stop();
    }
    expect(fetched).toBeGreaterThanOrEqual(6);
    expect(await db.countRows('article')).toBe(300);
    expect(await db.cursor()).toBe(server.version.toString());
  });

  it('HTTP failures come back as the SyncError the main thread would have made', async () => {
    const db = await replica();
    const source = { serverUrl: server.url, token: SYNC_TOKEN };
    server.pullOverride = () => ({ status: 429, headers: { 'retry-after': '7' }, body: JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }) });
    expect(await failure(db.fetchPullPage({ source, req: req() }))).toMatchObject({ name: 'SyncError', code: 'rate_limited', retry: 'backoff', retryAfterMs: 7000 });

    server.pullOverride = null;
    const ahead = await failure(db.fetchPullPage({ source, req: req('999999') }));
    expect(ahead).toBeInstanceOf(SyncError);
    expect(ahead).toMatchObject({ code: 'conflict', field: 'after' });

    expect(await failure(db.fetchPullPage({ source: { ...source, token: 'expired' }, req: req() }))).toMatchObject({ code: 'not_authenticated', retry: 'never' });

    for (let i = 0; i < 20; i++) server.put('article', article(1000 + i));
    expect(await failure(db.fetchPullPage({ source: { ...source, maxPullBytes: 1024 }, req: req() }))).toMatchObject({ code: 'payload_too_large' });

    // A bad page is still the replica's refusal, and the checker goes on with the next request.
    server.pullOverride = () => ({ body: '{"changes": [' });
    expect(await failure(db.fetchPullPage({ source, req: req() }))).toMatchObject({ name: 'ReplicaError', code: 'bad_page' });
    server.pullOverride = null;
    const page = await db.fetchPullPage({ source, req: req('0', 5) });
    expect(page).toMatchObject({ changes: 5, hasMore: true });
    const applied = await db.applyCheckedPage({ after: '0', ticket: page.ticket });
    expect(applied.changes).toBe(5);
  });

  it('a fetch under way on the checker is given up when the signal aborts', async () => {
    const db = await replica();
    // A server that takes the request and never answers.
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const { port } = silent.address() as { port: number };
      const abort = new AbortController();
      const started = Date.now();
      const pending = failure(db.fetchPullPage({ source: { serverUrl: `http://127.0.0.1:${port}`, token: SYNC_TOKEN, timeoutMs: 20_000 }, req: req() }, abort.signal));
      setTimeout(() => abort.abort(), 200);
      expect(await pending).toMatchObject({ code: 'server_unreachable' });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });
});

describe('write-ahead log copied back by another connection', () => {
  it('copies what a writer committed without waiting for it; a wrong key makes it stop trying, not fail', () => {
    const path = nextPath();
    const key = randomBytes(32);
    const writer = openReplicaFile(path, { key });
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('CREATE TABLE t (x TEXT)');
    const insert = writer.prepare('INSERT INTO t VALUES (?)');
    writer.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run('x'.repeat(500));
    })();
    // Everything written so far sits in the log; the file itself holds next to nothing.
    expect(statSync(path).size).toBeLessThan(64 * 1024);
    const checkpointer = createWalCheckpointer(path, key);
    // The writer keeps a transaction open: a passive checkpoint still copies what is committed.
    writer.exec('BEGIN IMMEDIATE');
    insert.run('in the open transaction');
    checkpointer.checkpoint();
    expect(statSync(path).size).toBeGreaterThan(2000 * 500);
    writer.exec('COMMIT');
    checkpointer.close();
    // Read back through a plain new connection: everything is there.
    const reader = openReplicaFile(path, { key, readonly: true });
    expect(reader.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2001);
    reader.close();

    const wrongKey = createWalCheckpointer(path, randomBytes(32));
    expect(() => wrongKey.checkpoint()).not.toThrow();
    expect(() => wrongKey.checkpoint()).not.toThrow();
    wrongKey.close();
    writer.close();
  });
});
