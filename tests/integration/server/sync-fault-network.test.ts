// The network cut for a minute of real time while the operator keeps working: the sync engine talks
// to the real server through a loopback TCP proxy (sync-fault-proxy.ts), which for 60 s first
// resets every connection, then swallows them (requests time out). Meanwhile the operator queues a
// change every 2 s and the server's feed moves. The engine says offline (since the cut, not
// flapping) with the queue growing; after the network is back it goes online by itself, the outbox
// drains in seq order — every change applied exactly once — and the replica equals the feed.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_API, type PushRequest } from '../../../contract/index.ts';
import { openReplica } from '../../../electron/services/db/replica-client.ts';
import { createSyncEngine } from '../../../electron/services/sync/engine.ts';
import type { SyncStatus } from '../../../electron/services/sync/status.ts';
import { recordChanges } from '../../../server/src/sync/record-changes.ts';
import { withSyncedTransaction } from '../../../server/src/sync/synced-transaction.ts';
import { checksums, contactsMutation, feedbackMutation, inspectReplica, rowDiff, type PlannedMutation } from '../../unit/replica/fault-kit.ts';
import { tempDir, waitFor } from '../../unit/replica/helpers.ts';
import { AGENT_IDS, ARTICLE_ID, CUSTOMER_IDS, LOGINS } from './fixtures.ts';
import { FAULT_NOW, faultArticleId, faultData, serverMutations, serverRowsFor } from './sync-fault-kit.ts';
import { startFaultProxy, type FaultProxy } from './sync-fault-proxy.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';
import { testDbKind } from './test-db.ts';

const CUT_MS = 60_000;
const EVERY_MS = 2_000;
const OPERATOR = AGENT_IDS.operator;
const nextPath = tempDir();
let h: SyncHarness;
let proxy: FaultProxy;
let token: string;
/** The seqs of every push request the server received, in arrival order. */
const pushed: number[][] = [];

beforeAll(async () => {
  h = await startSyncHarness({ data: faultData({ articles: 100, conversations: 10 }), now: FAULT_NOW });
  h.app.addHook('preHandler', async (req) => {
    if (req.url === SYNC_API.push) pushed.push((req.body as PushRequest).mutations.map((m) => m.seq));
  });
  const address = new URL(await h.app.listen({ port: 0, host: '127.0.0.1' }));
  proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(address.port) });
  token = await h.token(LOGINS.operator);
});
afterAll(async () => {
  await proxy?.close();
  await h?.close();
});

/** Another writer changes rows of the operator's feed while the operator is cut off. */
async function serverEdits(i: number): Promise<void> {
  await withSyncedTransaction(h.database.db, async (trx) => {
    await trx.updateTable('customers').set({ balance: 1000 + i, updated_at: new Date() }).where('id', '=', CUSTOMER_IDS.ivanova).execute();
    await recordChanges(trx, 'customer', [CUSTOMER_IDS.ivanova]);
    await trx.updateTable('kb_articles').set({ title: `Правка во время обрыва ${i}`, updated_at: new Date() }).where('id', '=', ARTICLE_ID).execute();
    await recordChanges(trx, 'article', [ARTICLE_ID]);
  });
}

describe(`network cut for a minute (${testDbKind()})`, () => {
  it('offline while cut, the operator keeps queueing; after reconnection the outbox drains in order, once each', { timeout: 150_000 }, async () => {
    const path = nextPath();
    const db = await openReplica({ path });
    const engine = createSyncEngine({
      db,
      serverUrl: proxy.url,
      token,
      live: true,
      // Shorter than the default 1 s → 60 s, so the test need not wait up to a minute after the
      // cut for the next retry; the behaviour is the same, the numbers smaller.
      backoff: { baseMs: 500, maxMs: 5_000, floorMs: 100 },
      requestTimeoutMs: 3_000,
      pollIntervalMs: 3_600_000,
    });
    const statuses: Array<SyncStatus & { at: number }> = [];
    engine.onStatus((s) => statuses.push({ ...s, at: Date.now() }));
    try {
      engine.start();
      await waitFor(() => engine.status().state === 'online', 30_000, 'the first sync');
      const clientId = await db.clientId();

      // One change while online: sent at once.
      const planned: PlannedMutation[] = [feedbackMutation('online0', ARTICLE_ID, 0)];
      await engine.enqueue('article.feedback', planned[0]!.args as never);
      await waitFor(async () => engine.status().state === 'online' && (await db.outboxCount()) === 0, 15_000, 'the first push');

      proxy.set('reset');
      const cutAt = Date.now();
      for (let i = 0; i < CUT_MS / EVERY_MS; i++) {
        if (i === CUT_MS / EVERY_MS / 2) proxy.set('blackhole'); // the second half: no resets, just silence
        if (i % 10 === 5) await serverEdits(i);
        const m = i % 4 === 3 ? contactsMutation(`cut${i}`, CUSTOMER_IDS.ivanova, i, 0) : feedbackMutation(`cut${i}`, faultArticleId(i), 0);
        planned.push(m);
        await engine.enqueue(m.name, m.args as never, { apply: m.apply });
        // The operator's pace, not a wait for an event: one change every 2 s of the cut.
        await sleep(Math.max(0, cutAt + (i + 1) * EVERY_MS - Date.now()));
      }
      const during = statuses.filter((s) => s.at >= cutAt);
      const offlineAt = during.findIndex((s) => s.state === 'offline');
      expect(offlineAt, JSON.stringify(during.slice(0, 3))).toBeGreaterThanOrEqual(0);
      // Offline since the first failure, through every retry: no flapping, the queue counted.
      const offline = during.slice(offlineAt);
      expect(new Set(offline.map((s) => s.state))).toEqual(new Set(['offline']));
      expect(new Set(offline.map((s) => s.since)).size).toBe(1);
      expect(engine.status()).toMatchObject({ state: 'offline', queued: CUT_MS / EVERY_MS, reason: { code: 'server_unreachable' } });
      expect(proxy.accepted.reset).toBeGreaterThan(2); // it kept retrying, the live socket too
      expect(proxy.accepted.blackhole).toBeGreaterThan(0);

      proxy.set('pass');
      const restoredAt = Date.now();
      await waitFor(async () => engine.status().state === 'online' && (await db.outboxCount()) === 0, 30_000, 'online and drained after the cut');
      console.log(`[sync-fault-network ${testDbKind()}] drained ${Date.now() - restoredAt} ms after the network came back`);
      const after = statuses.filter((s) => s.at >= restoredAt);
      expect(after.at(-1)).toMatchObject({ state: 'online', queued: 0 });
      expect(after.some((s) => s.state === 'online')).toBe(true);

      // Every change once, in the order queued.
      const server = await serverMutations(h, clientId, OPERATOR);
      expect(server.results).toEqual(planned.map((_, i) => ({ seq: i + 1, status: 'applied' })));
      expect(server.lastSeq).toBe(planned.length);
      expect(server.feedbackOrder).toEqual(planned.filter((m) => m.name === 'article.feedback').map((m) => m.tag));
      expect([...server.contactsAudits]).toEqual([[CUSTOMER_IDS.ivanova, planned.filter((m) => m.name === 'customer.updateContacts').length]]);
      // Sent in order: each seq first reached the server after every lower one.
      const firstSeen = [...new Set(pushed.flat())];
      expect(firstSeen).toEqual(planned.map((_, i) => i + 1));

      // The replica caught up with what changed on the server meanwhile, the last contacts change included.
      await engine.stop();
      await db.close();
      const file = inspectReplica(path);
      const rows = await serverRowsFor(h, OPERATOR);
      expect(rowDiff(file.rows, rows)).toEqual([]);
      expect(checksums(file.rows)).toEqual(checksums(rows));
      expect(file).toMatchObject({ integrity: 'ok', outbox: [], pendingBase: 0, indexDrift: { kb: 0, customers: 0 } });
      const ivanova = file.rows.find((r) => r.entity === 'customer' && r.id === CUSTOMER_IDS.ivanova)!.data as { balance: number; emails: string[] };
      expect(ivanova).toMatchObject({ balance: 1025, emails: ['cut27@example.ru'] });
    } finally {
      await engine.stop();
      await db.close();
    }
  });
});
