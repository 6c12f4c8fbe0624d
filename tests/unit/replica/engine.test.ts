// The sync engine end to end against the fake server: first sync with progress in its status,
// pokes over the live socket, queued writes pushed and rejections reported, offline and back with
// backoff, a protocol refusal that stops the engine without a retry loop, and stop().
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openReplica, type ReplicaDb } from '../../../electron/services/db/replica-client.ts';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../../../electron/services/sync/engine.ts';
import type { SyncRejected, SyncStatus } from '../../../electron/services/sync/status.ts';
import { SyncStatus as SyncStatusSchema } from '../../../electron/services/sync/status.ts';
import { article, customer } from './data.ts';
import { startFakeSyncServer, SYNC_TOKEN, type FakeSyncServer } from './fake-sync-server.ts';
import { tempDir, waitFor } from './helpers.ts';

const nextPath = tempDir();
let server: FakeSyncServer;
const engines: SyncEngine[] = [];
const dbs: ReplicaDb[] = [];
beforeAll(async () => {
  server = await startFakeSyncServer();
});
afterEach(async () => {
  for (const e of engines.splice(0)) await e.stop();
  for (const d of dbs.splice(0)) await d.close();
  server.pullOverride = null;
  server.refuseProtocol = false;
  server.liveMode = 'accept';
  // A test that failed with the server stopped must not fail the ones after it.
  if (!server.listening()) await server.restart();
});
afterAll(() => server.close());

async function engine(over: Partial<SyncEngineOptions> = {}) {
  const db = await openReplica({ path: nextPath() });
  dbs.push(db);
  const e = createSyncEngine({ db, serverUrl: server.url, token: SYNC_TOKEN, pollIntervalMs: 3_600_000, requestTimeoutMs: 3000, ...over });
  engines.push(e);
  const statuses: SyncStatus[] = [];
  const rejected: SyncRejected[] = [];
  e.onStatus((s) => statuses.push(s));
  e.onRejected((r) => rejected.push(r));
  return { e, db, statuses, rejected };
}

describe('sync engine', () => {
  it('first sync: syncing with progress, then online; every status fits its schema', async () => {
    for (let i = 0; i < 120; i++) server.put('article', article(i));
    const { e, db, statuses } = await engine({ pullLimit: 25, live: false });
    expect(e.status()).toMatchObject({ state: 'offline', queued: 0 });
    e.start();
    await waitFor(() => e.status().state === 'online', 10_000, 'online');
    expect(statuses[0]).toMatchObject({ state: 'syncing' });
    const progress = statuses.flatMap((s) => (s.progress ? [s.progress] : []));
    expect(progress.map((p) => p.done)).toEqual([25, 50, 75, 100, 120]);
    expect(progress.map((p) => p.percent)).toEqual([20, 41, 62, 83, 100]);
    expect(progress.every((p) => p.total === 120)).toBe(true);
    // The app shows its first-sync screen from this flag.
    expect(progress.every((p) => p.firstSync === true)).toBe(true);
    expect(progress.at(-1)!.etaSeconds).toBe(0);
    expect(e.status().progress).toBeUndefined();
    for (const s of statuses) expect(SyncStatusSchema.safeParse(s).success).toBe(true);
    const sinces = statuses.map((s) => s.since);
    expect(new Set(sinces).size).toBeLessThanOrEqual(2); // `since` changes with the state only
    expect(await db.countRows('article')).toBe(120);
  });

  it('a poke on the live socket triggers a pull', async () => {
    const { e, db } = await engine();
    e.start();
    await waitFor(() => e.status().state === 'online' && server.liveClients.size === 1, 10_000, 'online and live');
    const before = server.pullRequests.length;
    const fresh = article(5000);
    server.put('article', fresh);
    server.poke();
    await waitFor(async () => (await db.getRow('article', fresh.id)) !== null, 15_000, 'the poked article');
    expect(server.pullRequests.length).toBeGreaterThan(before);
    // A poke for a version the replica already has costs nothing.
    const after = server.pullRequests.length;
    server.poke('1');
    await new Promise((r) => setTimeout(r, 100));
    expect(server.pullRequests.length).toBe(after);
  });

  it('queued writes are pushed at once; a rejection is undone and reported', async () => {
    server.put('customer', customer(1));
    const { e, db, rejected } = await engine({ live: false });
    e.start();
    await waitFor(() => e.status().state === 'online', 10_000, 'online');
    const c = customer(1);
    server.decide = (m) => ({ seq: m.seq, status: 'rejected', error: { code: 'conflict', message: 'данные уже изменены' } });
    try {
      await e.enqueue('customer.updateContacts', { customerId: c.id, phones: ['+74957654321'] }, { apply: [{ entity: 'customer', id: c.id, set: { phones: ['+74957654321'] } }] });
      await waitFor(() => rejected.length === 1, 15_000, 'a rejection');
    } finally {
      server.decide = (m) => ({ seq: m.seq, status: 'applied' });
    }
    expect(rejected[0]).toMatchObject({ name: 'customer.updateContacts', error: { code: 'conflict', message: 'данные уже изменены' } });
    await waitFor(() => e.status().state === 'online' && e.status().queued === 0, 15_000, 'settled');
    expect((await db.getRow('customer', c.id))?.data).toEqual(c);
    await expect(e.enqueue('customer.updateContacts', { customerId: 'x' })).rejects.toMatchObject({ code: 'invalid_input', field: 'args.customerId' });
  });

  it('offline: says so, keeps the writes, retries with backoff, and catches up when the server returns', async () => {
    const { e, db, statuses } = await engine({ live: false, backoff: { baseMs: 20, maxMs: 80 } });
    e.start();
    await waitFor(() => e.status().state === 'online', 10_000, 'online');
    await server.stop();
    await e.enqueue('article.feedback', { articleId: article(1).id, verdict: 'helped' });
    await e.enqueue('article.feedback', { articleId: article(2).id, verdict: 'outdated' });
    // The count follows each write as the replica answers it, which may be after the run failed.
    await waitFor(() => e.status().state === 'offline' && e.status().queued === 2, 15_000, 'offline with both writes counted');
    expect(e.status()).toMatchObject({ queued: 2, reason: { code: 'server_unreachable' } });
    const { since } = e.status();
    const seen = statuses.length;
    await new Promise((r) => setTimeout(r, 200)); // several retries against the dead server
    expect(await db.outboxCount()).toBe(2);
    expect(e.status()).toMatchObject({ state: 'offline', since }); // offline since then, retries or not
    expect(statuses.length).toBe(seen);
    const pushes = server.pushRequests.length;
    await server.restart();
    await waitFor(() => e.status().state === 'online' && e.status().queued === 0, 15_000, 'back online');
    expect(e.status().reason).toBeUndefined();
    expect(server.pushRequests.slice(pushes).flatMap((r) => r.mutations.map((m) => m.seq))).toEqual([1, 2]);
  });

  it('waiting out a long backoff, a word from the live socket starts the retry at once', async () => {
    // Pulls fail while the socket stays up (a proxy that drops HTTP, say): the retry waits a minute.
    server.pullOverride = () => ({ status: 503, body: '{"error":{"code":"unavailable","message":"down"}}' });
    const { e, db } = await engine({ backoff: { baseMs: 60_000, maxMs: 60_000 } });
    e.start();
    await waitFor(() => e.status().state === 'offline' && server.liveClients.size === 1, 10_000, 'offline, socket open');
    await e.enqueue('article.feedback', { articleId: article(1).id, verdict: 'helped' });
    expect(await db.outboxCount()).toBe(1);
    server.pullOverride = null;
    server.poke();
    // Far sooner than the minute of backoff: the poke ended the wait.
    await waitFor(() => e.status().state === 'online' && e.status().queued === 0, 5_000, 'online, outbox drained');
  });

  it('a poke that arrives while a run is failing is not lost in the backoff: the next run starts at once', async () => {
    const { e, db } = await engine({ backoff: { baseMs: 60_000, maxMs: 60_000 } });
    e.start();
    await waitFor(() => e.status().state === 'online' && server.liveClients.size === 1, 10_000, 'online and live');
    await e.enqueue('article.feedback', { articleId: article(1).id, verdict: 'helped' });
    await waitFor(async () => (await db.outboxCount()) === 0, 10_000, 'drained');
    // The next pull fails, and the server pokes while that failing request is still under way (it
    // came back mid-run). Without the fix the run ends in a minute of backoff and ignores the poke.
    let failed = 0;
    server.pullOverride = () => {
      if (failed++ > 0) return null;
      server.poke();
      return { status: 503, body: '{"error":{"code":"unavailable","message":"down"}}' };
    };
    await e.enqueue('article.feedback', { articleId: article(2).id, verdict: 'helped' });
    await waitFor(() => e.status().state === 'online' && e.status().queued === 0 && failed >= 2, 5_000, 'retried at once, outbox drained');
    server.pullOverride = null;
  });

  it('a replaced server database (409 on the cursor): the replica starts over, the outbox is sent under a new client id', async () => {
    server.replaceDatabase();
    for (let i = 0; i < 30; i++) server.put('article', article(i));
    const { e, db } = await engine({ live: false });
    e.start();
    await waitFor(() => e.status().state === 'online', 10_000, 'online');
    const oldClient = await db.clientId();
    await server.stop(); // the operator keeps working while the server is swapped
    await waitFor(async () => (await db.countRows('article')) === 30, 15_000, 'synced');
    await e.enqueue('article.feedback', { articleId: article(1).id, verdict: 'helped' });
    await e.enqueue('article.feedback', { articleId: article(2).id, verdict: 'outdated' });
    server.replaceDatabase();
    for (let i = 100; i < 110; i++) server.put('article', article(i));
    await server.restart();
    const pushes = server.pushRequests.length;
    expect(await e.syncNow()).toMatchObject({ state: 'online', queued: 0 });
    expect(await db.countRows('article')).toBe(10);
    expect(await db.getRow('article', article(100).id)).toMatchObject({ version: '1' });
    const newClient = await db.clientId();
    expect(newClient).not.toBe(oldClient);
    const sent = server.pushRequests.slice(pushes);
    expect(sent.map((r) => r.clientId)).toEqual(sent.map(() => newClient));
    expect(sent.flatMap((r) => r.mutations.map((m) => m.seq))).toEqual([1, 2]);
  });

  it('a protocol refusal (426 incompatible_client): offline with a reason, no retry loop; syncNow tries again', async () => {
    server.refuseProtocol = true;
    const { e } = await engine({ backoff: { baseMs: 10, maxMs: 20 } });
    e.start();
    await waitFor(() => e.status().state === 'offline' && e.status().reason !== undefined, 15_000, 'refused');
    expect(e.status().reason).toMatchObject({ code: 'incompatible_server', message: expect.stringContaining('Update Pult') });
    const pulls = server.pullRequests.length;
    const upgrades = server.liveUpgrades;
    await new Promise((r) => setTimeout(r, 300));
    expect(server.pullRequests.length).toBe(pulls);
    expect(server.liveUpgrades).toBeLessThanOrEqual(upgrades + 1);
    server.refuseProtocol = false;
    expect((await e.syncNow()).state).toBe('online');
    await waitFor(() => server.liveClients.size === 1, 15_000, 'live again');
  });

  it('a server without the live endpoint (404): no reconnect loop, sync goes on by the timer', async () => {
    server.liveMode = 404;
    const { e, db } = await engine({ pollIntervalMs: 50 });
    const upgrades = server.liveUpgrades;
    e.start();
    await waitFor(() => e.status().state === 'online', 10_000, 'online');
    const fresh = article(7000);
    server.put('article', fresh);
    await waitFor(async () => (await db.getRow('article', fresh.id)) !== null, 15_000, 'polled');
    expect(server.liveUpgrades - upgrades).toBe(1);
    expect(e.status().reason).toBeUndefined();
  });

  it('a token the server does not accept: offline, not_authenticated, stopped', async () => {
    const { e } = await engine({ token: 'expired', backoff: { baseMs: 10, maxMs: 20 } });
    e.start();
    await waitFor(() => e.status().reason?.code === 'not_authenticated', 15_000, 'refused');
    const pulls = server.pullRequests.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(server.pullRequests.length).toBe(pulls);
  });

  it('a bad page: offline with the reason, retried with backoff (the page may be a proxy glitch)', async () => {
    const { e } = await engine({ live: false, backoff: { baseMs: 20, maxMs: 40 } });
    let bad = 3;
    server.pullOverride = () => (bad-- > 0 ? { body: '{"changes": [' } : null);
    e.start();
    await waitFor(() => e.status().state === 'offline', 15_000, 'offline');
    expect(e.status().reason).toMatchObject({ code: 'incompatible_server', message: expect.stringContaining('pull page rejected') });
    await waitFor(() => e.status().state === 'online', 15_000, 'online after the glitch');
  });

  it('stop() closes the live socket, timers and requests; nothing happens afterwards', async () => {
    const { e } = await engine({ pollIntervalMs: 50 });
    e.start();
    await waitFor(() => server.liveClients.size === 1 && e.status().state === 'online', 10_000, 'live');
    await e.stop();
    await waitFor(() => server.liveClients.size === 0, 15_000, 'the socket closed');
    const pulls = server.pullRequests.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(server.pullRequests.length).toBe(pulls);
    expect(await e.syncNow()).toBe(e.status());
  });
});
