// kill -9 of a client (the sync engine in tests/unit/replica/kill-child.ts) against the real server
// over HTTP, where exactly-once is the server's job (sync_clients, sync_mutation_results): a few
// kills during a first sync of many pages, then 20 while it queues and pushes — while queueing, as a
// push arrives, after the server applied a push but before the answer left, just after the answer,
// during the pull after a push — with the server editing rows the client has patches pending on,
// and refusing some changes (their patches undone, also when the refusal comes with a resend).
// Kill points come from a seeded PRNG (the seed is printed). At the end every mutation the client
// committed has its effect in the database exactly once (a feedback row per tag, an audit row per
// contacts change), in seq order, and each replica table's checksum equals the server's feed.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_API } from '../../../contract/index.ts';
import { recordChanges } from '../../../server/src/sync/record-changes.ts';
import { withSyncedTransaction } from '../../../server/src/sync/synced-transaction.ts';
import {
  checksums,
  contactsMutation,
  enqueuedTags,
  faultSeed,
  feedbackMutation,
  inspectReplica,
  isRefused,
  killChildren,
  pendingPatchDrift,
  prng,
  refusedContactsMutation,
  rowDiff,
  tagOf,
  type KillChild,
  type KillChildPlan,
  type PlannedMutation,
} from '../../unit/replica/fault-kit.ts';
import { tempDir } from '../../unit/replica/helpers.ts';
import { AGENT_IDS, ARTICLE_ID, LOGINS } from './fixtures.ts';
import { FAULT_NOW, faultArticleId, faultData, PATCHED_CUSTOMERS, serverMutations, serverRowsFor } from './sync-fault-kit.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';
import { testDbKind } from './test-db.ts';

const FIRST_SYNC_KILLS = 4;
const PUSH_KILLS = 20;
const ARTICLES = 400;
const seed = faultSeed(`sync-kill ${testDbKind()}`);
const rnd = prng(seed);
const nextPath = tempDir();
const children = killChildren();
const OPERATOR = AGENT_IDS.operator;

/** What the server's hooks do for the current run (set by arm, cleared by disarm). */
interface Hooks {
  pullArrived?: () => void;
  pageServed?: () => void;
  pushArrived?: () => void;
  beforePushAnswer?: () => Promise<void>;
  pushAnswered?: () => void;
}
let hooks: Hooks = {};
const counts = { pulls: 0, pushes: 0 };

function addKillHooks(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    if (req.url !== SYNC_API.pull) return;
    counts.pulls++;
    hooks.pullArrived?.();
  });
  app.addHook('preHandler', async (req) => {
    if (req.url !== SYNC_API.push) return;
    counts.pushes++;
    hooks.pushArrived?.();
  });
  app.addHook('onSend', async (req, _reply, payload) => {
    if (req.url === SYNC_API.push) await hooks.beforePushAnswer?.();
    return payload;
  });
  app.addHook('onResponse', async (req) => {
    if (req.url === SYNC_API.pull) hooks.pageServed?.();
    if (req.url === SYNC_API.push) hooks.pushAnswered?.();
  });
}

let h: SyncHarness;
let serverUrl: string;
let token: string;
beforeAll(async () => {
  h = await startSyncHarness({ data: faultData({ articles: ARTICLES, conversations: 60 }), now: FAULT_NOW });
  addKillHooks(h.app); // before the first request makes the app ready
  serverUrl = await h.app.listen({ port: 0, host: '127.0.0.1' });
  token = await h.token(LOGINS.operator);
});
afterAll(async () => {
  await h?.close();
});

type KillPoint =
  | { kind: 'after-page'; pages: number; delayMs: number }
  | { kind: 'pull-arrives'; pull: number }
  | { kind: 'while-queueing'; mutation: number; delayMs: number }
  | { kind: 'push-arrives'; push: number }
  | { kind: 'applied-unanswered'; push: number }
  | { kind: 'after-answer'; push: number; delayMs: number }
  | { kind: 'pull-after-push'; delayMs: number };

const PUSH_KINDS = ['while-queueing', 'push-arrives', 'applied-unanswered', 'after-answer', 'pull-after-push'] as const;

function planPullKill(): KillPoint {
  return rnd.next() < 0.6 ? { kind: 'after-page', pages: rnd.int(1, 3), delayMs: rnd.int(0, 30) } : { kind: 'pull-arrives', pull: rnd.int(1, 3) };
}

function planPushKill(mutations: number): KillPoint {
  const kind = rnd.pick(PUSH_KINDS);
  if (kind === 'while-queueing') return { kind, mutation: rnd.int(0, mutations - 1), delayMs: rnd.int(0, 3) };
  // A second push in one run is likely but not certain; a point never reached costs a run.
  const push = rnd.next() < 0.7 ? 1 : 2;
  if (kind === 'push-arrives' || kind === 'applied-unanswered') return { kind, push };
  if (kind === 'after-answer') return { kind, push, delayMs: rnd.int(0, 6) };
  return { kind, delayMs: rnd.int(0, 10) };
}

let phone = 0;
function planMutations(run: number): PlannedMutation[] {
  return Array.from({ length: rnd.int(2, 5) }, (_, j) => {
    const tag = `r${run}m${j}`;
    const pause = rnd.int(0, 25);
    const kind = rnd.next();
    if (kind < 0.35) return contactsMutation(tag, rnd.pick(PATCHED_CUSTOMERS), phone++, pause);
    if (kind < 0.5) return refusedContactsMutation(tag, rnd.pick(PATCHED_CUSTOMERS), pause); // undone when refused
    return feedbackMutation(tag, rnd.next() < 0.2 ? ARTICLE_ID : faultArticleId(rnd.int(0, ARTICLES - 1)), pause);
  });
}

function arm(child: KillChild, point: KillPoint, tags: string[]): void {
  const at = { ...counts };
  let pages = 0;
  const kill = (delayMs: number) => setTimeout(() => void child.kill(), delayMs);
  const nthPush = () => counts.pushes - at.pushes;
  switch (point.kind) {
    case 'after-page':
      hooks.pageServed = () => {
        if (++pages === point.pages) kill(point.delayMs);
      };
      break;
    case 'pull-arrives':
      hooks.pullArrived = () => {
        if (counts.pulls - at.pulls === point.pull) void child.kill();
      };
      break;
    case 'while-queueing':
      child.onMessage((m) => {
        if ('enqueuing' in m && m.enqueuing === tags[point.mutation]) kill(point.delayMs);
      });
      break;
    case 'push-arrives': // the server goes on with the push while the client dies
      hooks.pushArrived = () => {
        if (nthPush() === point.push) void child.kill();
      };
      break;
    case 'applied-unanswered':
      hooks.beforePushAnswer = async () => {
        if (nthPush() === point.push) await child.kill();
      };
      break;
    case 'after-answer':
      hooks.pushAnswered = () => {
        if (nthPush() === point.push) kill(point.delayMs);
      };
      break;
    case 'pull-after-push':
      hooks.pageServed = () => {
        if (nthPush() > 0) kill(point.delayMs);
      };
      break;
  }
}

/** The server changes a row the client may have a patch pending on (another writer, same feed). */
async function serverEdit(customerId: string, balance: number): Promise<void> {
  await withSyncedTransaction(h.database.db, async (trx) => {
    await trx.updateTable('customers').set({ balance, updated_at: new Date() }).where('id', '=', customerId).execute();
    await recordChanges(trx, 'customer', [customerId]);
  });
}

describe(`kill -9 against the real server (${testDbKind()}, seed ${seed})`, () => {
  it(`${FIRST_SYNC_KILLS} kills in the first sync and ${PUSH_KILLS} while pushing: every mutation applied exactly once, replica equal to the feed`, { timeout: 150_000 }, async () => {
    const path = nextPath();
    const plan = (mutations: PlannedMutation[]): KillChildPlan => ({ path, serverUrl, token, pullLimit: 25, mutations, drainTimeoutMs: 30_000 });
    const kinds: string[] = [];
    /** Everything known committed: tag → seq (from the child's reports and the outbox after each run). */
    const seqOf = new Map<string, number>();
    const nameOf = new Map<string, PlannedMutation>();

    async function run(n: number, mutations: PlannedMutation[], point: KillPoint | null): Promise<void> {
      for (const m of mutations) nameOf.set(m.tag, m);
      const child = children.start(plan(mutations));
      if (point) arm(child, point, mutations.map((m) => m.tag));
      const end = await child.exit;
      hooks = {};
      const why = `seed ${seed}, run ${n}, ${JSON.stringify(point)}`;
      if (end.signal === 'SIGKILL') kinds.push(point!.kind);
      else expect(end.code, `${why}: ${child.stderr()}`).toBe(0);
      for (const m of child.messages) if ('enqueued' in m) seqOf.set(m.enqueued, m.seq);
      const file = inspectReplica(path);
      expect(file.integrity, why).toBe('ok');
      expect(file.indexDrift, why).toEqual({ kb: 0, customers: 0 });
      expect(pendingPatchDrift(file), why).toEqual([]);
      for (const o of file.outbox) seqOf.set(tagOf(o.name, o.args), o.seq);
      // Reported queued means committed: still in the outbox, or applied by the server.
      const clientId = file.state.client_id;
      if (!clientId) return; // killed before the replica had one: nothing queued yet
      const applied = new Set((await serverMutations(h, clientId, OPERATOR)).results.map((r) => r.seq));
      const queued = new Set(file.outbox.map((o) => o.seq));
      for (const tag of enqueuedTags(child.messages)) {
        const seq = seqOf.get(tag)!;
        expect(queued.has(seq) || applied.has(seq), `${why}: ${tag} (seq ${seq}) was queued and is lost`).toBe(true);
      }
    }

    let n = 0;
    while (kinds.length < FIRST_SYNC_KILLS) {
      expect(n, `seed ${seed}: the first sync ended before ${FIRST_SYNC_KILLS} kills`).toBeLessThan(FIRST_SYNC_KILLS * 2);
      await run(n++, [], planPullKill());
      expect(inspectReplica(path).state.first_sync_complete, `seed ${seed}: killed after the first sync`).toBeUndefined();
    }
    await run(n++, [], null);
    expect(inspectReplica(path).state.first_sync_complete).toBe('1');

    while (kinds.length < FIRST_SYNC_KILLS + PUSH_KILLS) {
      expect(n, `seed ${seed}: too many runs without reaching ${PUSH_KILLS} push kills`).toBeLessThan(FIRST_SYNC_KILLS * 2 + PUSH_KILLS * 3);
      const mutations = planMutations(n);
      await run(n++, mutations, planPushKill(mutations.length));
      await serverEdit(rnd.pick(PATCHED_CUSTOMERS), rnd.int(-5000, 90_000));
    }
    await run(n++, [], null);
    console.log(
      `[sync-kill ${testDbKind()}] ${n} runs, kills: ${kinds.length} (${['after-page', 'pull-arrives', ...PUSH_KINDS].map((k) => `${k} ${kinds.filter((x) => x === k).length}`).join(', ')}); mutations committed: ${seqOf.size}, refused ${[...seqOf.keys()].filter((t) => isRefused(nameOf.get(t)!)).length}`,
    );

    const file = inspectReplica(path);
    expect(file.integrity).toBe('ok');
    expect(file.outbox).toEqual([]);
    expect(file.pendingBase).toBe(0);
    const server = await serverMutations(h, file.state.client_id!, OPERATOR);
    // The server settled seqs 1..N, each once and applied, and N is the last seq the client committed.
    const committed = [...seqOf].sort((a, b) => a[1] - b[1]);
    expect(committed.map(([, seq]) => seq), `seed ${seed}: committed seqs`).toEqual(committed.map((_, i) => i + 1));
    expect(server.results).toEqual(committed.map(([tag, seq]) => ({ seq, status: isRefused(nameOf.get(tag)!) ? 'rejected' : 'applied' })));
    expect(server.lastSeq).toBe(committed.length);
    // Each effect once: a feedback row per feedback tag (in seq order), an audit row per contacts change.
    const feedback = committed.filter(([tag]) => nameOf.get(tag)!.name === 'article.feedback').map(([tag]) => tag);
    expect([...server.feedbackCount].filter(([, c]) => c !== 1), `seed ${seed}: feedback applied more than once`).toEqual([]);
    expect(server.feedbackOrder, `seed ${seed}`).toEqual(feedback);
    const contacts = committed.filter(([tag]) => nameOf.get(tag)!.name === 'customer.updateContacts' && !isRefused(nameOf.get(tag)!));
    const perCustomer = new Map<string, number>();
    for (const [tag] of contacts) {
      const id = (nameOf.get(tag)!.args as { customerId: string }).customerId;
      perCustomer.set(id, (perCustomer.get(id) ?? 0) + 1);
    }
    expect(server.contactsAudits).toEqual(perCustomer);

    const rows = await serverRowsFor(h, OPERATOR);
    expect(rowDiff(file.rows, rows), `seed ${seed}`).toEqual([]);
    expect(checksums(file.rows)).toEqual(checksums(rows));
    expect(file.indexDrift).toEqual({ kb: 0, customers: 0 });
  });
});
