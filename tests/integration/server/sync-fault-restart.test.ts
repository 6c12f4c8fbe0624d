// The server stopped and started again under a working client. The HTTP server is stopped hard —
// every connection cut, nothing more answered — at chosen moments: as it answers a pull page of a
// big first sync (the page computed, the answer lost), as a pull request arrives, after it applied
// a push batch but before the answer left, and as a push batch arrives (nothing applied). It comes
// back on the same port and database after the client has retried against it. The client's engine
// (backoff, live socket) carries on by itself: the replica equals the feed, and the outbox drains
// in seq order with every mutation applied exactly once.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_API, type PullRequest, type PushRequest } from '../../../contract/index.ts';
import { openReplica, type ReplicaDb } from '../../../electron/services/db/replica-client.ts';
import { createSyncEngine, type SyncEngine } from '../../../electron/services/sync/engine.ts';
import type { SyncStatus } from '../../../electron/services/sync/status.ts';
import { buildApp } from '../../../server/src/app.ts';
import { checksums, contactsMutation, feedbackMutation, inspectReplica, rowDiff, type PlannedMutation } from '../../unit/replica/fault-kit.ts';
import { tempDir, waitFor } from '../../unit/replica/helpers.ts';
import { AGENT_IDS, LOGINS } from './fixtures.ts';
import { FAULT_NOW, faultArticleId, faultData, PATCHED_CUSTOMERS, serverMutations, serverRowsFor } from './sync-fault-kit.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';
import { testDbKind } from './test-db.ts';

const OPERATOR = AGENT_IDS.operator;
const MUTATIONS = 450; // three push batches of at most 200
const nextPath = tempDir();

/** Where the server stops next, by the running count of pull / push requests (null: it does not). */
const stopAt: { pullArrives?: number; pullAnswer?: number; pushArrives?: number; pushAnswer?: number } = {};
const counts = { pulls: 0, pushes: 0 };
/** `after` of every pull and the seqs of every push the server took up, in arrival order. */
const pulledAfter: string[] = [];
const pushed: number[][] = [];

let h: SyncHarness;
let app: FastifyInstance;
let port: number;
let stopping: Promise<void> | null = null;
let token: string;

/** The server stops at once: connections cut (the request in hand answers nobody), port closed. */
function stopHard(): void {
  app.server.closeAllConnections();
  stopping = app.close();
}

function addStopHooks(a: FastifyInstance): void {
  a.addHook('onRequest', async (req) => {
    if (req.url !== SYNC_API.pull) return;
    if (++counts.pulls === stopAt.pullArrives) stopHard();
  });
  a.addHook('preHandler', async (req) => {
    if (req.url === SYNC_API.pull) pulledAfter.push((req.body as PullRequest).after);
    if (req.url !== SYNC_API.push) return;
    pushed.push((req.body as PushRequest).mutations.map((m) => m.seq));
    if (++counts.pushes === stopAt.pushArrives) {
      stopHard();
      throw new Error('the server stopped before applying this push');
    }
  });
  a.addHook('onSend', async (req, _reply, payload) => {
    if ((req.url === SYNC_API.pull && counts.pulls === stopAt.pullAnswer) || (req.url === SYNC_API.push && counts.pushes === stopAt.pushAnswer)) stopHard();
    return payload;
  });
}

async function startAgain(): Promise<void> {
  await stopping;
  stopping = null;
  app = await buildApp({ database: h.database, log: { level: 'silent' } });
  addStopHooks(app);
  await app.listen({ port, host: '127.0.0.1' });
}

beforeAll(async () => {
  h = await startSyncHarness({ data: faultData({ articles: 1000, conversations: 100 }), now: FAULT_NOW });
  app = h.app;
  addStopHooks(app);
  port = Number(new URL(await app.listen({ port: 0, host: '127.0.0.1' })).port);
  token = await h.token(LOGINS.operator);
});
afterAll(async () => {
  await engine?.stop();
  await db?.close();
  await stopping;
  await app?.close();
  await h?.database.close();
});

let db: ReplicaDb;
let engine: SyncEngine;
const path = nextPath();
const statuses: SyncStatus[] = [];
let failures = 0;
/** fetch that counts requests which reached no server, so a test can wait for the client's retries. */
const countingFetch: typeof fetch = async (input, init) => {
  try {
    return await fetch(input, init);
  } catch (e) {
    failures++;
    throw e;
  }
};

/** Waits until the server has stopped, the engine says offline, and it has retried twice in vain. */
async function stoppedAndRetried(what: string): Promise<void> {
  await waitFor(() => stopping !== null, 30_000, `the server to stop ${what}`);
  await stopping;
  await waitFor(() => engine.status().state === 'offline', 30_000, `offline ${what}`);
  const seen = failures;
  await waitFor(() => failures >= seen + 2, 30_000, `two retries ${what}`);
}

describe(`server stopped and started again (${testDbKind()})`, () => {
  it('mid-pull of a big first sync, twice: the engine resumes at its cursor and ends equal to the feed', { timeout: 90_000 }, async () => {
    db = await openReplica({ path });
    engine = createSyncEngine({
      db,
      serverUrl: `http://127.0.0.1:${port}/`,
      token,
      pullLimit: 50,
      // Shorter than the default 1 s → 60 s: the same behaviour in less test time.
      backoff: { baseMs: 200, maxMs: 2_000, floorMs: 100 },
      requestTimeoutMs: 10_000,
      pollIntervalMs: 3_600_000,
      fetch: countingFetch,
    });
    engine.onStatus((s) => statuses.push(s));
    stopAt.pullAnswer = 6;
    engine.start();
    await stoppedAndRetried('as it answers the 6th page');
    const cursor = await db.cursor();
    expect((await db.info()).firstSyncComplete).toBe(false);
    expect(BigInt(cursor)).toBeGreaterThan(0n);

    stopAt.pullAnswer = undefined;
    stopAt.pullArrives = counts.pulls + 6;
    await startAgain();
    await stoppedAndRetried('as a pull arrives');
    expect(BigInt(await db.cursor())).toBeGreaterThan(BigInt(cursor));

    stopAt.pullArrives = undefined;
    await startAgain();
    await waitFor(() => engine.status().state === 'online', 60_000, 'the first sync to finish');
    expect(statuses.some((s) => s.progress)).toBe(true);
    // The cursor never went back: each pull asked from where the last applied page ended.
    for (let i = 1; i < pulledAfter.length; i++) expect(BigInt(pulledAfter[i]!)).toBeGreaterThanOrEqual(BigInt(pulledAfter[i - 1]!));
    const info = await db.info();
    expect(info).toMatchObject({ firstSyncComplete: true, queued: 0 });
    const file = inspectReplica(path);
    const rows = await serverRowsFor(h, OPERATOR);
    expect(rowDiff(file.rows, rows)).toEqual([]);
    expect(checksums(file.rows)).toEqual(checksums(rows));
    expect(file).toMatchObject({ integrity: 'ok', indexDrift: { kb: 0, customers: 0 } });
  });

  it('mid-push, twice (applied but unanswered; received but not applied): the outbox drains in seq order, each mutation once', { timeout: 90_000 }, async () => {
    expect(engine.status().state).toBe('online');
    stopHard(); // the server goes down while the operator works on
    await stopping;
    const planned: PlannedMutation[] = [];
    for (let i = 0; i < MUTATIONS; i++) {
      const m = i % 5 === 4 ? contactsMutation(`p${i}`, PATCHED_CUSTOMERS[i % 3]!, i, 0) : feedbackMutation(`p${i}`, faultArticleId(i % 1000), 0);
      planned.push(m);
      await engine.enqueue(m.name, m.args as never, { apply: m.apply });
    }
    await waitFor(() => engine.status().state === 'offline' && engine.status().queued === MUTATIONS, 30_000, 'offline with the queue');
    const clientId = await db.clientId();
    const from = pushed.length;

    stopAt.pushAnswer = counts.pushes + 2;
    await startAgain();
    await stoppedAndRetried('after applying the second batch');
    // The server has the second batch although the client never heard so.
    expect((await serverMutations(h, clientId, OPERATOR)).lastSeq).toBe(400);
    expect(await db.outboxCount()).toBe(MUTATIONS - 200);

    stopAt.pushAnswer = undefined;
    stopAt.pushArrives = counts.pushes + 2; // the resent second batch passes, the third stops the server
    await startAgain();
    await stoppedAndRetried('as the third batch arrives');
    expect((await serverMutations(h, clientId, OPERATOR)).lastSeq).toBe(400);
    expect(await db.outboxCount()).toBe(MUTATIONS - 400);

    stopAt.pushArrives = undefined;
    await startAgain();
    await waitFor(async () => engine.status().state === 'online' && (await db.outboxCount()) === 0, 60_000, 'online and drained');

    const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
    expect(pushed.slice(from)).toEqual([range(1, 200), range(201, 400), range(201, 400), range(401, 450), range(401, 450)]);
    const server = await serverMutations(h, clientId, OPERATOR);
    expect(server.results).toEqual(planned.map((_, i) => ({ seq: i + 1, status: 'applied' })));
    expect(server.feedbackOrder).toEqual(planned.filter((m) => m.name === 'article.feedback').map((m) => m.tag));
    expect([...server.feedbackCount.values()].every((n) => n === 1)).toBe(true);
    const perCustomer = new Map<string, number>();
    for (const m of planned) {
      if (m.name === 'customer.updateContacts') perCustomer.set((m.args as { customerId: string }).customerId, (perCustomer.get((m.args as { customerId: string }).customerId) ?? 0) + 1);
    }
    expect(server.contactsAudits).toEqual(perCustomer);

    await engine.stop();
    await db.close();
    const file = inspectReplica(path);
    const rows = await serverRowsFor(h, OPERATOR);
    expect(rowDiff(file.rows, rows)).toEqual([]);
    expect(checksums(file.rows)).toEqual(checksums(rows));
    expect(file).toMatchObject({ integrity: 'ok', outbox: [], pendingBase: 0, indexDrift: { kb: 0, customers: 0 } });
  });
});
