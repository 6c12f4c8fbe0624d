// kill -9 of the client (the sync engine in kill-child.ts) at 20 points of a first sync chosen by a
// seeded PRNG: a delay after the N-th page was served, the moment a pull request arrives, or a time
// after the process started. The feed moves between runs. After every kill the file is intact and
// the next run asks exactly from the stored cursor; after a clean last run each table's checksum
// equals the server's, and every page was applied exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { article, call, customer, message } from './data.ts';
import { startFakeSyncServer, SYNC_TOKEN, type FakeSyncServer } from './fake-sync-server.ts';
import { checksums, faultSeed, inspectReplica, killChildren, prng, rowDiff, type KillChild, type SyncedRow } from './fault-kit.ts';
import { tempDir } from './helpers.ts';

const KILLS = 20;
const LIMIT = 30;
const ROWS = 1000; // per entity kind, interleaved: about 120 pages, far more than 20 kills get through
const seed = faultSeed('kill-first-sync');
const rnd = prng(seed);
const nextPath = tempDir();
const children = killChildren();
let server: FakeSyncServer;

beforeAll(async () => {
  server = await startFakeSyncServer();
  for (let i = 0; i < ROWS; i++) {
    server.put('article', article(i, 2));
    server.put('customer', customer(i));
    server.put('message', message(i));
    if (i % 2 === 0) server.put('call', call(i));
  }
});
afterAll(() => server.close());

function serverRows(): SyncedRow[] {
  return [...server.rows.values()].filter((r) => r.data).map((r) => ({ entity: r.entity, id: r.id, version: r.version.toString(), data: r.data }));
}

type KillPoint = { kind: 'after-page'; pages: number; delayMs: number } | { kind: 'on-request'; request: number } | { kind: 'after-start'; delayMs: number };

function planKill(): KillPoint {
  const kind = rnd.pick(['after-page', 'after-page', 'on-request', 'after-start'] as const);
  if (kind === 'after-page') return { kind, pages: rnd.int(1, 3), delayMs: rnd.int(0, 30) };
  if (kind === 'on-request') return { kind, request: rnd.int(1, 3) };
  // After the plan reached the (warm) child: while it opens the replica, or in its first pages.
  return { kind, delayMs: rnd.int(50, 500) };
}

/** Arms the kill point for this child; the server's hooks are cleared by disarm(). */
function arm(child: KillChild, point: KillPoint | null): void {
  const pagesAtStart = server.pagesServed;
  const pullsAtStart = server.pullRequests.length;
  if (point?.kind === 'after-page') {
    server.onPageServed = (count) => {
      if (count === pagesAtStart + point.pages) setTimeout(() => void child.kill(), point.delayMs);
    };
  }
  if (point?.kind === 'on-request') {
    server.pullOverride = () => {
      if (server.pullRequests.length === pullsAtStart + point.request) void child.kill();
      return null; // served as usual, to a client that is dying
    };
  }
  if (point?.kind === 'after-start') setTimeout(() => void child.kill(), point.delayMs);
}

/**
 * Pages from cursor `from` to cursor `to` along what the server served since `sinceIndex` (one run:
 * the feed does not move within a run, so each cursor leads to one next). Throws when `to` is not
 * on that chain: the replica stored a cursor no served page led to.
 */
function pagesBetween(from: string, to: string, sinceIndex: number): number {
  const nextOf = new Map(server.servedPages.slice(sinceIndex).map((p) => [p.after, p.next]));
  let hops = 0;
  for (let at = from; at !== to; hops++) {
    const next = nextOf.get(at);
    if (next === undefined || next === at || hops > nextOf.size) throw new Error(`no served page chain from ${from} to ${to}`);
    at = next;
  }
  return hops;
}

function disarm(): void {
  server.onPageServed = null;
  server.pullOverride = null;
}

describe(`kill -9 during a first sync (seed ${seed})`, () => {
  it(`resumes at the stored cursor after ${KILLS} kills and ends equal to the server, table by table`, { timeout: 90_000 }, async () => {
    const path = nextPath();
    const plan = { path, serverUrl: server.url, token: SYNC_TOKEN, pullLimit: LIMIT, mutations: [], drainTimeoutMs: 30_000 };
    const kinds: string[] = [];
    let cursorAfterKill: string | null = null;
    let expectedApplied = 0;
    for (let run = 0; kinds.length < KILLS; run++) {
      expect(run, `seed ${seed}: too many runs without reaching ${KILLS} kills`).toBeLessThan(KILLS * 2);
      const point = planKill();
      const pullsBefore = server.pullRequests.length;
      const servedBefore = server.servedPages.length;
      const child = children.start(plan);
      arm(child, point);
      const end = await child.exit;
      disarm();
      // The run resumed exactly at the cursor the last kill left (its first request, if it got that far).
      const firstPull = server.pullRequests[pullsBefore];
      if (cursorAfterKill !== null && firstPull) expect(firstPull.after, `seed ${seed}, run ${run}`).toBe(cursorAfterKill);
      if (end.signal !== 'SIGKILL') {
        // The point was never reached: this run is no kill, but it must not have ended the first sync.
        expect(end.code, child.stderr()).toBe(0);
        throw new Error(`seed ${seed}: run ${run} (${JSON.stringify(point)}) finished the first sync before ${KILLS} kills; make the feed larger`);
      }
      kinds.push(point.kind);
      const file = inspectReplica(path);
      expect(file.integrity, `seed ${seed}, run ${run}`).toBe('ok');
      expect(file.state.first_sync_complete, `seed ${seed}: run ${run} was killed after the first sync`).toBeUndefined();
      expect(file.indexDrift).toEqual({ kb: 0, customers: 0 });
      expectedApplied += pagesBetween(cursorAfterKill ?? '0', file.state.after ?? '0', servedBefore);
      cursorAfterKill = file.state.after ?? '0';
      // The feed moves while the client is down: an edit, a deletion and a new row after its cursor.
      const n = rnd.int(0, ROWS - 1);
      server.put('article', { ...article(n, 2), title: `Обновлено после запуска ${run}` });
      server.remove('customer', customer(rnd.int(0, ROWS - 1)).id);
      server.put('message', message(ROWS + run));
    }
    console.log(`[kill-first-sync] kills: ${kinds.length} (${['after-page', 'on-request', 'after-start'].map((k) => `${k} ${kinds.filter((x) => x === k).length}`).join(', ')})`);

    const servedBefore = server.servedPages.length;
    const last = children.start(plan);
    const end = await last.exit;
    expect(end, last.stderr()).toEqual({ code: 0, signal: null });
    expect(last.messages.some((m) => 'done' in m)).toBe(true);

    const file = inspectReplica(path);
    expect(file.integrity).toBe('ok');
    expect(file.state).toMatchObject({ after: server.version.toString(), first_sync_complete: '1' });
    expect(rowDiff(file.rows, serverRows()), `seed ${seed}`).toEqual([]);
    expect(checksums(file.rows)).toEqual(checksums(serverRows()));
    expect(file.indexDrift).toEqual({ kb: 0, customers: 0 });
    expect(file.outbox).toEqual([]);
    // Applied pages are exactly the chain of pages from each run's starting cursor to the one it
    // stored: none applied twice, none skipped. (Not every page served: the client fetches ahead,
    // and a page fetched but not yet applied when the kill came is asked for again, and after the
    // feed moved it may end elsewhere.)
    expectedApplied += pagesBetween(cursorAfterKill ?? '0', file.state.after!, servedBefore);
    expect(Number(file.state.pages_applied)).toBe(expectedApplied);
  });
});
