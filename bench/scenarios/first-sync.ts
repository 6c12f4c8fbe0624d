// A big first sync as the client makes it: 50 000 articles, 100 000 customers and 200 000 messages
// pulled over loopback HTTP by the real sync engine (electron/services/sync: puller with its adaptive
// page size, byte cap, progress) into the real replica (page checker thread: the HTTP fetch, JSON,
// contract schemas on every row, version order, search keys and terms, and copying the replica's
// write-ahead log back into its file between pages; worker thread: rows + cursor + search indexes in one
// transaction per page; the two overlap, page N+1 checked while page N applies) — against inserting
// the same rows straight into better-sqlite3 (id, version, JSON; one transaction per page of the
// largest size a pull may have) in the same run. Both files are encrypted as the app's replica is
// (replica-cipher.ts); a plain file's bare rate is printed beside, so the cipher's cost shows.
// The server is a stand-in in its own thread serving precomputed pages in the real wire format
// (bench/lib/page-server.ts), so the figure is the client's rate, not the central server's.
// The feed comes in blocks (articles, then customers, then messages), so each entity's share of the
// time shows; article pages include knowledge-base search indexing (electron/services/kb).
// Also the longest stall of the main process's event loop during the sync (target: under 50 ms),
// beside that of an idle process watched at the same time (bench/lib/idle-stall.ts): on a loaded
// machine the scheduler alone stalls a process by tens of milliseconds.
// On a machine shared with other work the wall-clock rates move with its load, so the CPU time of
// the client's threads (the process minus the server's thread) is reported too: rows per CPU-second.
// Even on a quiet machine here one run of each side is hostage to the moment: the very same sync
// took 20 to 28 s of CPU from one run to the next. So the client and the bare insert run in turns,
// ROUNDS times each, and the medians are compared (each round's own ratio is printed beside).
// Run alone: node bench/scenarios/first-sync.ts [scale, e.g. 0.1 for a tenth of the rows] [rounds]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { unlockReplica } from '../../electron/services/db/replica-cipher.ts';
import { MAX_PULL_LIMIT } from '../../contract/sync.ts';
import { openReplica } from '../../electron/services/db/replica-client.ts';
import { createSyncEngine, type EngineDb } from '../../electron/services/sync/engine.ts';
import { forEachFeedRow, type FeedRow, type FeedSpec } from '../lib/first-sync-rows.ts';
import { startPageServer } from '../lib/page-server.ts';
import { stallControl } from '../lib/stall-control.ts';
import { fmtMs, fmtOps, type Row } from '../lib/timing.ts';

const FULL: FeedSpec[] = [
  { entity: 'article', count: 50_000 },
  { entity: 'customer', count: 100_000 },
  { entity: 'message', count: 200_000 },
];

interface Timed {
  ms: number;
  /** CPU time of the side measured (client threads, or the bare insert's thread). */
  cpuMs: number;
  maxStallMs: number;
  /** When the rows done reached each block's end (ms from the start). */
  blockEnds: number[];
  /** Client only: time during which the replica worker had a page to apply (applying or queued), and the page checker one to check (overlapping), and the main thread's CPU. */
  applyMs?: number;
  checkMs?: number;
  mainCpuMs?: number;
  /** The idle control process's longest stall meanwhile. */
  idleStallMs?: number;
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const blockEndsOf = (specs: readonly FeedSpec[]) => specs.map((_, i) => specs.slice(0, i + 1).reduce((n, s) => n + s.count, 0));

async function clientSync(dir: string, specs: readonly FeedSpec[], key: Uint8Array): Promise<Timed> {
  const server = await startPageServer(specs);
  const db = await openReplica({ path: join(dir, 'replica.sqlite'), key });
  /** Time during which at least one call of a kind was under way (pages are handed to the worker ahead, so apply calls overlap). */
  const busy = () => {
    let running = 0;
    let since = 0;
    const t = {
      ms: 0,
      wrap:
        <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
        async (...a: A): Promise<R> => {
          if (running++ === 0) since = performance.now();
          try {
            return await fn(...a);
          } finally {
            if (--running === 0) t.ms += performance.now() - since;
          }
        },
    };
    return t;
  };
  const applying = busy();
  const checking = busy();
  // Pages are fetched and checked on the page checker's thread while the worker applies those before, so the
  // two shares overlap; applyPullPage (check and apply in the worker) is the path without it.
  const timedDb: EngineDb = {
    ...db,
    applyPullPage: applying.wrap(db.applyPullPage),
    applyCheckedPage: applying.wrap(db.applyCheckedPage),
    checkPullPage: checking.wrap(db.checkPullPage),
    fetchPullPage: checking.wrap(db.fetchPullPage),
  };
  const engine = createSyncEngine({ db: timedDb, serverUrl: server.url, token: server.token, live: false, pollIntervalMs: 3_600_000 });
  const ends = blockEndsOf(specs);
  const blockEnds: number[] = [];
  let start = 0;
  engine.onStatus((s) => {
    while (s.progress && blockEnds.length < ends.length && s.progress.done >= ends[blockEnds.length]!) blockEnds.push(performance.now() - start);
  });
  const h = monitorEventLoopDelay({ resolution: 1 });
  const control = await stallControl();
  // The app has signed in before its first sync, so fetch is loaded and warm by then.
  await fetch(server.url).then((r) => r.arrayBuffer());
  try {
    const serverCpu = await server.cpu();
    const cpu = process.cpuUsage();
    const mainCpu = process.threadCpuUsage();
    h.enable();
    start = performance.now();
    const status = await engine.syncNow();
    const ms = performance.now() - start;
    h.disable();
    const idleStallMs = await control.stop();
    const mainCpuMs = cpuMs(process.threadCpuUsage(mainCpu));
    const clientCpuMs = cpuMs(process.cpuUsage(cpu)) - (cpuMs(await server.cpu()) - cpuMs(serverCpu));
    if (status.state !== 'online') throw new Error(`first sync ended ${status.state}: ${status.reason?.message}`);
    for (const s of specs) {
      const n = await db.countRows(s.entity);
      if (n !== s.count) throw new Error(`${s.entity}: ${n} rows in the replica, ${s.count} sent`);
    }
    return { ms, cpuMs: clientCpuMs, maxStallMs: h.max / 1e6, blockEnds, applyMs: applying.ms, checkMs: checking.ms, mainCpuMs, idleStallMs };
  } finally {
    await engine.stop();
    await db.close();
    await server.close();
  }
}

/**
 * The same rows straight into better-sqlite3 on the main thread, MAX_PULL_LIMIT to a transaction;
 * with `key`, into a file encrypted as the replica is (replica-cipher.ts).
 */
async function bareInsert(dir: string, specs: readonly FeedSpec[], key?: Uint8Array): Promise<Timed> {
  const pages: FeedRow[][] = [[]];
  forEachFeedRow(specs, (r) => {
    if (pages.at(-1)!.length === MAX_PULL_LIMIT) pages.push([]);
    pages.at(-1)!.push(r);
  });
  const path = join(dir, key ? 'bare-encrypted.sqlite' : 'bare-plain.sqlite');
  const bare = new Database(path);
  if (key) unlockReplica(bare, path, key);
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = NORMAL');
  const inserts = Object.fromEntries(
    specs.map(({ entity }) => {
      bare.exec(`CREATE TABLE ${entity} (id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL) STRICT`);
      return [entity, bare.prepare(`INSERT INTO ${entity} (id, version, data) VALUES (?, ?, ?)`)];
    }),
  );
  const page = bare.transaction((rows: FeedRow[]) => {
    for (const r of rows) inserts[r.entity]!.run(r.id, r.version, r.data);
  });
  const ends = blockEndsOf(specs);
  const blockEnds: number[] = [];
  let done = 0;
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const rows of pages) {
    page(rows);
    done += rows.length;
    if (done >= ends[blockEnds.length]!) blockEnds.push(performance.now() - start);
    await new Promise((r) => setImmediate(r)); // yields between pages, as a careful caller would
  }
  const ms = performance.now() - start;
  const used = cpuMs(process.cpuUsage(cpu));
  h.disable();
  bare.close();
  return { ms, cpuMs: used, maxStallMs: h.max / 1e6, blockEnds };
}

const rate = (rows: number, ms: number) => (rows / ms) * 1000;
const pct = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;

/** Client and bare insert, in turns, this many times each (see the header). */
export const ROUNDS = 3;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** The round of median wall time, whose other figures are printed with it. */
const medianRound = (runs: readonly Timed[]): Timed => [...runs].sort((a, b) => a.ms - b.ms)[Math.floor((runs.length - 1) / 2)]!;
const blockMs = (t: Timed, i: number) => t.blockEnds[i]! - (i === 0 ? 0 : t.blockEnds[i - 1]!);

export async function firstSync(scale = 1, rounds = ROUNDS): Promise<Row[]> {
  const specs = FULL.map((s) => ({ ...s, count: Math.round(s.count * scale) }));
  const total = specs.reduce((n, s) => n + s.count, 0);
  const dir = mkdtempSync(join(tmpdir(), 'pult-bench-first-sync-'));
  try {
    // The app's replica is encrypted (replica-cipher.ts); the baseline writes the same rows into a
    // file encrypted the same way, so the ratio is the engine's cost over the storage it must use.
    // A plain file's rate is printed too.
    const clients: Timed[] = [];
    const bares: Timed[] = [];
    for (let r = 0; r < Math.max(1, rounds); r++) {
      const round = mkdtempSync(join(dir, 'round-'));
      const key = randomBytes(32);
      clients.push(await clientSync(round, specs, key));
      bares.push(await bareInsert(round, specs, key));
      rmSync(round, { recursive: true, force: true }); // half a gigabyte a round
    }
    const plain = await bareInsert(dir, specs);
    const client = medianRound(clients);
    const bare = medianRound(bares);
    const perRound = clients.map((c, i) => (bares[i]!.ms / c.ms).toFixed(2)).join(', ');
    const n = (x: number) => x.toLocaleString('en-US');
    const rows: Row[] = [
      {
        scenario: `First sync of ${n(total)} rows (${specs.map((s) => `${n(s.count)} ${s.entity}s`).join(', ')}) over loopback HTTP into the encrypted replica: engine + replica worker (checked, applied, indexed) vs bare INSERT into an equally encrypted better-sqlite3 file; medians of ${clients.length} rounds each, in turns`,
        measured: `${fmtOps(rate(total, client.ms))} rows, ${fmtMs(client.ms)} total (pages applying or queued in the replica worker ${pct(client.applyMs!, client.ms)} of it, fetched and checked on the page checker ${pct(client.checkMs!, client.ms)}, overlapping); rounds ${clients.map((c) => fmtMs(c.ms)).join(', ')}`,
        baseline: `${fmtOps(rate(total, bare.ms))} rows, ${fmtMs(bare.ms)} total; rounds ${bares.map((b) => fmtMs(b.ms)).join(', ')}`,
        ratio: rate(total, client.ms) / rate(total, bare.ms),
        of: `rows per second (target ≥ 0.25); each round's own ratio: ${perRound}`,
      },
      {
        scenario: '  the same per CPU-second (client threads: main + replica worker + page checker; bare: its one thread), steadier on a loaded machine',
        measured: `${fmtOps(rate(total, median(clients.map((c) => c.cpuMs))))} rows, ${fmtMs(median(clients.map((c) => c.cpuMs)))} CPU (main thread ${fmtMs(median(clients.map((c) => c.mainCpuMs!)))}); rounds ${clients.map((c) => fmtMs(c.cpuMs)).join(', ')}`,
        baseline: `${fmtOps(rate(total, median(bares.map((b) => b.cpuMs))))} rows, ${fmtMs(median(bares.map((b) => b.cpuMs)))} CPU`,
        ratio: median(bares.map((b) => b.cpuMs)) / median(clients.map((c) => c.cpuMs)),
        of: 'rows per CPU-second',
      },
      {
        scenario: '  the same against a bare INSERT into a plain (unencrypted) file: what the encryption costs the baseline',
        measured: `${fmtOps(rate(total, client.ms))} rows, ${fmtMs(client.ms)} total`,
        baseline: `${fmtOps(rate(total, plain.ms))} rows, ${fmtMs(plain.ms)} total (encrypted: ${fmtMs(bare.ms)}, ${(plain.ms / bare.ms).toFixed(2)}× the plain rate)`,
        ratio: rate(total, client.ms) / rate(total, plain.ms),
        of: 'rows per second',
      },
    ];
    specs.forEach((s, i) => {
      const what = s.entity === 'article' ? ' (with knowledge-base search indexing)' : s.entity === 'customer' ? ' (with the customer search index)' : '';
      const clientMs = median(clients.map((c) => blockMs(c, i)));
      const bareMs = median(bares.map((b) => blockMs(b, i)));
      rows.push({
        scenario: `  of which the ${n(s.count)} ${s.entity}s${what} (medians)`,
        measured: `${fmtOps(rate(s.count, clientMs))} rows, ${fmtMs(clientMs)}`,
        baseline: `${fmtOps(rate(s.count, bareMs))} rows, ${fmtMs(bareMs)}`,
        ratio: rate(s.count, clientMs) / rate(s.count, bareMs),
        of: 'rows per second',
      });
    });
    // The worst of the rounds, not a median: a stall is what the operator would notice once.
    const worst = (runs: readonly Timed[], f: (t: Timed) => number) => Math.max(...runs.map(f));
    rows.push({
      scenario: `Longest main-thread stall during that first sync, the worst of ${clients.length} rounds: engine + worker vs bare INSERT in process`,
      measured: `${fmtMs(worst(clients, (c) => c.maxStallMs))} (an idle process at the same time, its worst: ${fmtMs(worst(clients, (c) => c.idleStallMs!))})`,
      baseline: fmtMs(worst(bares, (b) => b.maxStallMs)),
      ratio: worst(clients, (c) => c.maxStallMs) / worst(bares, (b) => b.maxStallMs),
      of: 'max event-loop delay (target: measured < 50 ms)',
    });
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  for (const r of await firstSync(Number(process.argv[2] ?? 1), Number(process.argv[3] ?? ROUNDS))) console.log(`${r.scenario}\n  measured: ${r.measured}\n  baseline: ${r.baseline}\n  ratio:    ${r.ratio.toFixed(2)}× (${r.of})`);
}
