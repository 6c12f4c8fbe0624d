// kill -9 of the client while it queues and pushes mutations, at 20 points chosen by a seeded PRNG:
// while a mutation is being queued (before or after its transaction commits, before the push), as a
// push arrives, after the server applied a push but before the client heard the answer, just after
// the answer (while the client settles it), and during the pull that follows a push. Contacts
// changes carry optimistic patches, two often pending on one row while the server edits that row;
// some are refused by the server, so their patches must be undone, also when the refusal is only
// heard on a resend.
// After every kill nothing the child reported queued is lost (it is in the outbox or applied);
// after a clean last run every mutation ever committed was applied exactly once, in seq order, and
// each table's checksum equals the server's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '../../../contract/sync.ts';
import { article, customer } from './data.ts';
import { startFakeSyncServer, SYNC_TOKEN, type FakeSyncServer } from './fake-sync-server.ts';
import {
  checksums,
  contactsMutation,
  enqueuedTags,
  faultSeed,
  feedbackMutation,
  inFlightTag,
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
  type SyncedRow,
} from './fault-kit.ts';
import { tempDir } from './helpers.ts';

const KILLS = 20;
const CUSTOMERS = 40;
const PATCHED = 6; // contacts changes go to these few customers, so patches pile up on one row
const seed = faultSeed('kill-push');
const rnd = prng(seed);
const nextPath = tempDir();
const children = killChildren();
let server: FakeSyncServer;
/** Every first settlement of a (clientId, seq), in the order the server made them. */
const applied: Array<{ clientId: string; seq: number; tag: string; refused: boolean }> = [];

beforeAll(async () => {
  server = await startFakeSyncServer();
  for (let i = 0; i < 150; i++) server.put('article', article(i, 1));
  for (let i = 0; i < CUSTOMERS; i++) server.put('customer', customer(i));
  // As the real server: a contacts change rewrites the customer row, which reaches the feed.
  server.decide = (m: Mutation, clientId) => {
    applied.push({ clientId, seq: m.seq, tag: tagOf(m.name, m.args), refused: isRefused(m) });
    if (isRefused(m)) return { seq: m.seq, status: 'rejected', error: { code: 'invalid_input', message: 'phones.0: not a valid phone number', field: 'phones.0' } };
    if (m.name === 'customer.updateContacts') {
      const a = m.args as { customerId: string; phones: string[]; emails: string[] };
      const row = server.rows.get(`customer:${a.customerId}`);
      if (row?.data) server.put('customer', { ...(row.data as ReturnType<typeof customer>), phones: a.phones, emails: a.emails });
    }
    return { seq: m.seq, status: 'applied' };
  };
});
afterAll(() => server.close());

function serverRows(): SyncedRow[] {
  return [...server.rows.values()].filter((r) => r.data).map((r) => ({ entity: r.entity, id: r.id, version: r.version.toString(), data: r.data }));
}

type KillPoint =
  | { kind: 'while-queueing'; mutation: number; delayMs: number }
  | { kind: 'push-arrives'; push: number }
  | { kind: 'applied-unanswered'; push: number }
  | { kind: 'after-answer'; push: number; delayMs: number }
  | { kind: 'pull-after-push'; delayMs: number };

const KINDS = ['while-queueing', 'push-arrives', 'applied-unanswered', 'after-answer', 'pull-after-push'] as const;

function planKill(mutations: number): KillPoint {
  const kind = rnd.pick(KINDS);
  if (kind === 'while-queueing') return { kind, mutation: rnd.int(0, mutations - 1), delayMs: rnd.int(0, 3) };
  // A second push in one run is likely but not certain; a point never reached costs a run.
  const push = rnd.next() < 0.7 ? 1 : 2;
  if (kind === 'push-arrives' || kind === 'applied-unanswered') return { kind, push };
  if (kind === 'after-answer') return { kind, push, delayMs: rnd.int(0, 6) };
  return { kind, delayMs: rnd.int(0, 10) };
}

let phone = 0;
function planMutations(run: number): PlannedMutation[] {
  return Array.from({ length: rnd.int(2, 6) }, (_, j) => {
    const tag = `r${run}m${j}`;
    const pause = rnd.int(0, 25);
    const kind = rnd.next();
    const patched = customer(rnd.int(0, PATCHED - 1)).id;
    if (kind < 0.4) return contactsMutation(tag, patched, phone++, pause);
    if (kind < 0.55) return refusedContactsMutation(tag, patched, pause); // its patch is undone when refused
    return feedbackMutation(tag, article(rnd.int(0, 149)).id, pause);
  });
}

function arm(child: KillChild, point: KillPoint, tags: string[]): void {
  const pushesAtStart = server.pushRequests.length;
  const nth = () => server.pushRequests.length - pushesAtStart;
  if (point.kind === 'while-queueing') {
    child.onMessage((m) => {
      if ('enqueuing' in m && m.enqueuing === tags[point.mutation]) setTimeout(() => void child.kill(), point.delayMs);
    });
  }
  if (point.kind === 'push-arrives') {
    server.onPushReceived = () => {
      if (nth() === point.push) void child.kill(); // the push is settled while the client dies
    };
  }
  if (point.kind === 'applied-unanswered') {
    server.beforePushAnswer = async () => {
      if (nth() === point.push) await child.kill();
    };
  }
  if (point.kind === 'after-answer') {
    server.onPushAnswered = () => {
      if (nth() === point.push) setTimeout(() => void child.kill(), point.delayMs);
    };
  }
  if (point.kind === 'pull-after-push') {
    server.onPageServed = () => {
      if (nth() >= 1) setTimeout(() => void child.kill(), point.delayMs);
    };
  }
}

function disarm(): void {
  server.onPushReceived = null;
  server.beforePushAnswer = null;
  server.onPushAnswered = null;
  server.onPageServed = null;
}

describe(`kill -9 while queueing and pushing (seed ${seed})`, () => {
  it(`loses no mutation and applies none twice through ${KILLS} kills; ends equal to the server`, { timeout: 90_000 }, async () => {
    const path = nextPath();
    const plan = (mutations: PlannedMutation[]): KillChildPlan => ({ path, serverUrl: server.url, token: SYNC_TOKEN, pullLimit: 100, mutations, drainTimeoutMs: 30_000 });
    const first = children.start(plan([]));
    expect(await first.exit, first.stderr()).toEqual({ code: 0, signal: null });

    /** Tags known to be committed: reported queued by the child, or seen in the outbox after a run. */
    const committed = new Set<string>();
    /** tag → the seq the child reported for it. */
    const seqOf = new Map<string, number>();
    const kinds: string[] = [];
    let inFlightSeen = 0;
    for (let run = 1; kinds.length < KILLS; run++) {
      expect(run, `seed ${seed}: too many runs without reaching ${KILLS} kills`).toBeLessThan(KILLS * 3);
      const mutations = planMutations(run);
      const point = planKill(mutations.length);
      const child = children.start(plan(mutations));
      arm(child, point, mutations.map((m) => m.tag));
      const end = await child.exit;
      disarm();
      const why = `seed ${seed}, run ${run}, ${JSON.stringify(point)}`;
      if (end.signal === 'SIGKILL') kinds.push(point.kind);
      else expect(end.code, `${why}: ${child.stderr()}`).toBe(0); // the point was not reached: a clean run

      for (const m of child.messages) if ('enqueued' in m) seqOf.set(m.enqueued, m.seq);
      const file = inspectReplica(path);
      expect(file.integrity, why).toBe('ok');
      expect(file.indexDrift, why).toEqual({ kb: 0, customers: 0 });
      const queued = file.outbox.map((o) => tagOf(o.name, o.args));
      expect(new Set(queued).size, `${why}: a tag twice in the outbox`).toBe(queued.length);
      // Reported queued means committed: after the kill it is still queued, or already applied.
      const appliedTags = new Set(applied.map((a) => a.tag));
      for (const tag of enqueuedTags(child.messages)) expect(queued.includes(tag) || appliedTags.has(tag), `${why}: ${tag} was queued and is lost`).toBe(true);
      for (const tag of [...enqueuedTags(child.messages), ...queued]) committed.add(tag);
      // A queued change and its optimistic patch are one transaction (the one being queued at the
      // kill included): each patched row shows the last pending patch on it.
      expect(pendingPatchDrift(file), why).toEqual([]);
      const inFlight = inFlightTag(child.messages);
      if (inFlight) inFlightSeen++;

      // The server edits rows the client has patches pending on, and adds an article.
      const c = customer(rnd.int(0, PATCHED - 1));
      const row = server.rows.get(`customer:${c.id}`)!;
      server.put('customer', { ...(row.data as typeof c), balance: rnd.int(-5000, 90_000) });
      server.put('article', article(1000 + run, 1));
    }
    console.log(`[kill-push] kills: ${kinds.length} (${KINDS.map((k) => `${k} ${kinds.filter((x) => x === k).length}`).join(', ')}); mutations committed: ${committed.size}, refused ${applied.filter((a) => a.refused).length}; killed mid-queueing: ${inFlightSeen}`);

    const last = children.start(plan([]));
    expect(await last.exit, last.stderr()).toEqual({ code: 0, signal: null });

    const file = inspectReplica(path);
    expect(file.integrity).toBe('ok');
    expect(file.outbox).toEqual([]);
    expect(file.pendingBase).toBe(0);
    // Exactly once: every committed mutation applied one time; nothing applied that was not seen
    // committed (one committed at the kill but not yet reported waits in the outbox, where it is seen).
    const times = new Map<string, number>();
    for (const a of applied) times.set(a.tag, (times.get(a.tag) ?? 0) + 1);
    expect([...times].filter(([, n]) => n !== 1), `seed ${seed}: applied more than once`).toEqual([]);
    expect([...committed].filter((t) => !times.has(t)).sort(), `seed ${seed}: lost`).toEqual([]);
    expect([...times.keys()].filter((t) => !committed.has(t)), `seed ${seed}: applied but never committed`).toEqual([]);
    // In seq order, without a gap, under one client id; each under the seq it was queued with.
    expect(new Set(applied.map((a) => a.clientId)).size).toBe(1);
    expect(applied.map((a) => a.seq)).toEqual(applied.map((_, i) => i + 1));
    for (const a of applied) if (seqOf.has(a.tag)) expect(a.seq, a.tag).toBe(seqOf.get(a.tag));

    expect(rowDiff(file.rows, serverRows()), `seed ${seed}`).toEqual([]);
    expect(checksums(file.rows)).toEqual(checksums(serverRows()));
    expect(file.indexDrift).toEqual({ kb: 0, customers: 0 });
    expect(file.state.after).toBe(server.version.toString());
  });
});
