// The client as a process a test can kill -9 anywhere: the sync engine on a replica file, queueing
// the planned mutations (each announced before and after, so the test knows what may be committed),
// then waiting until the outbox has drained and the engine is online.
//   node kill-child.ts   (then one line on stdin: the KillChildPlan as JSON)
// The plan comes on stdin so that the test can start this process, modules loaded, before the
// previous one is dead (fault-kit.ts killChildren). Without a plan (stdin closed) it just exits.
// Prints JSON lines (ChildMessage); exits 0 when drained, 3 when it gave up.
import { setTimeout as sleep } from 'node:timers/promises';
import { openReplica } from '../../../electron/services/db/replica-client.ts';
import { createSyncEngine } from '../../../electron/services/sync/engine.ts';
import type { ChildMessage, KillChildPlan } from './fault-kit.ts';

const plan = await new Promise<KillChildPlan>((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (c: string) => (text += c));
  process.stdin.on('end', () => {
    if (!text.trim()) process.exit(0);
    resolve(JSON.parse(text) as KillChildPlan);
  });
});
const say = (m: ChildMessage) => process.stdout.write(`${JSON.stringify(m)}\n`);

const db = await openReplica({ path: plan.path });
const engine = createSyncEngine({
  db,
  serverUrl: plan.serverUrl,
  token: plan.token,
  live: false,
  pullLimit: plan.pullLimit,
  pollIntervalMs: 3_600_000,
  requestTimeoutMs: 15_000,
  // Short waits: a test kills this process many times and waits for each run to end.
  backoff: { baseMs: 50, maxMs: 400, floorMs: 20 },
});
say({ started: await db.clientId() });
engine.start();

for (const m of plan.mutations) {
  say({ enqueuing: m.tag });
  const queued = await engine.enqueue(m.name, m.args as never, { apply: m.apply });
  say({ enqueued: m.tag, seq: queued.seq });
  if (m.pauseMs > 0) await sleep(m.pauseMs);
}

const deadline = Date.now() + plan.drainTimeoutMs;
for (;;) {
  const queued = await db.outboxCount();
  // Read after the await: a run that started meanwhile says "syncing" first.
  if (queued === 0 && engine.status().state === 'online') break;
  if (Date.now() > deadline) {
    process.stderr.write(`not drained after ${plan.drainTimeoutMs} ms: ${queued} queued, status ${JSON.stringify(engine.status())}\n`);
    process.exit(3);
  }
  await sleep(10);
}
const info = await db.info();
say({ done: { cursor: info.cursor, pagesApplied: info.pagesApplied } });
await engine.stop();
await db.close();
