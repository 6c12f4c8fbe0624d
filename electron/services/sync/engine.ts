// The sync engine of one signed-in session: it keeps the replica in step with the server.
// One run at a time — pull, push the outbox, pull what the push changed — started on start(), on a
// poke from the live socket, after a mutation is queued, on a timer, and by syncNow(). A failed run
// retries with backoff and full jitter; a refusal that retrying cannot fix (protocol, token) stops
// the engine with a reason the UI words, until syncNow(). stop() ends everything the engine opened;
// the replica itself belongs to the caller.
import type { PultError } from '../../../contract/errors.ts';
import type { MutationName, PullRequest } from '../../../contract/sync.ts';
import type { Enqueued } from '../db/outbox-store.ts';
import type { ReplicaCalls, ReplicaDb } from '../db/replica-client.ts';
import { ReplicaError } from '../db/replica-error.ts';
import { ServiceError } from '../errors.ts';
import { silentLog, type Log } from '../log.ts';
import { createBackoff, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import { systemClock, type Clock } from './clock.ts';
import { createLiveConnection, type LiveConnection } from './live.ts';
import { createOutbox, type EnqueueOptions, type MutationArgs } from './outbox.ts';
import { pullAll, type PullDb } from './puller.ts';
import { pushAll } from './pusher.ts';
import type { SyncRejected, SyncStatus } from './status.ts';
import { SyncError } from './sync-error.ts';
import { createSyncHttp, type SyncAuth } from './sync-http.ts';

/**
 * With checkPullPage and applyCheckedPage (a ReplicaDb has them), pulls check pages on a second
 * thread; with fetchPullPage too, that thread also fetches them (unless a custom `fetch` is given).
 */
export type EngineDb = Pick<
  ReplicaCalls,
  'cursor' | 'clientId' | 'applyPullPage' | 'resetReplica' | 'enqueue' | 'outboxCount' | 'takeBatch' | 'releaseBatch' | 'settle'
> &
  Pick<PullDb, 'checkPullPage' | 'applyCheckedPage'> &
  Partial<Pick<ReplicaDb, 'fetchPullPage'>>;

export interface SyncEngineOptions extends SyncAuth {
  db: EngineDb;
  fetch?: typeof fetch;
  log?: Log;
  clock?: Clock;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** A pull even without pokes, in case one was lost (default 60 s). */
  pollIntervalMs?: number;
  pullLimit?: number;
  maxPullBytes?: number;
  requestTimeoutMs?: number;
  /** Open the live WebSocket (default true). */
  live?: boolean;
  /**
   * Runs after each pull, before the outbox is pushed (files attached offline are uploaded, so the
   * replies that name them find them). A failure fails the run like a push would.
   */
  beforePush?: (signal: AbortSignal) => Promise<unknown>;
}

export interface SyncEngine {
  start(): void;
  /** Closes the socket, timers and requests in flight; waits for the current run to end. */
  stop(): Promise<void>;
  status(): SyncStatus;
  /** Runs now (the user's "sync now", the OS saying the network is back); also after a stop for good. */
  syncNow(): Promise<SyncStatus>;
  enqueue<N extends MutationName>(name: N, args: MutationArgs<N>, opts?: EnqueueOptions): Promise<Enqueued>;
  onStatus(listener: (s: SyncStatus) => void): () => void;
  onRejected(listener: (r: SyncRejected) => void): () => void;
}

function toSyncError(e: unknown): SyncError {
  if (e instanceof SyncError) return e;
  if (e instanceof ServiceError) return new SyncError(e.code, e.message);
  if (e instanceof ReplicaError) return new SyncError('internal', `replica: ${e.message}`);
  return new SyncError('internal', e instanceof Error ? e.message : String(e));
}

export function createSyncEngine(opts: SyncEngineOptions): SyncEngine {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? silentLog;
  const pollMs = opts.pollIntervalMs ?? 60_000;
  const backoff = createBackoff(opts.backoff ?? DEFAULT_BACKOFF, opts.random);
  const http = createSyncHttp({ serverUrl: opts.serverUrl, token: opts.token, fetch: opts.fetch, timeoutMs: opts.requestTimeoutMs, maxPullBytes: opts.maxPullBytes });
  // Pages are fetched where they are checked, off the main thread; a caller's own fetch (tests
  // that cut or slow the network) can only run here.
  const source = {
    serverUrl: opts.serverUrl,
    token: opts.token,
    ...(opts.requestTimeoutMs !== undefined ? { timeoutMs: opts.requestTimeoutMs } : {}),
    ...(opts.maxPullBytes !== undefined ? { maxPullBytes: opts.maxPullBytes } : {}),
  };
  const fetchPullPage = opts.fetch ? undefined : opts.db.fetchPullPage;
  const fetchChecked = fetchPullPage && ((req: Required<PullRequest>, signal?: AbortSignal) => fetchPullPage({ source, req }, signal));
  const statusListeners = new Set<(s: SyncStatus) => void>();
  const rejectedListeners = new Set<(r: SyncRejected) => void>();
  const iso = () => new Date(clock.now()).toISOString();

  let status: SyncStatus = { state: 'offline', since: iso(), queued: 0 };
  let started = false;
  let stopped = false;
  let halted = false; // refused for good: only syncNow() tries again
  let running: Promise<void> | null = null;
  let again = false;
  /** The live socket opened or poked during the run under way. */
  let heardWhileRunning = false;
  let retryTimer: unknown = null;
  let pollTimer: unknown = null;
  const abort = new AbortController();
  let cursor = 0n;
  let live: LiveConnection | null = null;

  function emit<T>(listeners: Set<(v: T) => void>, value: T): void {
    for (const l of listeners) {
      try {
        l(value);
      } catch (e) {
        log.error({ err: e }, 'sync listener failed');
      }
    }
  }

  function update(next: Partial<SyncStatus> & { state?: SyncStatus['state'] }): void {
    const merged: SyncStatus = { ...status, ...next };
    if (merged.progress === undefined) delete merged.progress;
    if (merged.reason === undefined) delete merged.reason;
    if (merged.state !== status.state) merged.since = iso();
    if (JSON.stringify(merged) === JSON.stringify(status)) return;
    status = merged;
    emit(statusListeners, status);
  }

  const refreshQueued = async () => update({ queued: await opts.db.outboxCount() });

  function clearTimer(t: unknown): null {
    if (t !== null) clock.clearTimeout(t);
    return null;
  }

  async function pull(): Promise<void> {
    let pages = 0;
    const summary = await pullAll({
      db: opts.db,
      http,
      ...(fetchChecked ? { fetchChecked } : {}),
      limit: opts.pullLimit,
      signal: abort.signal,
      now: () => clock.now(),
      onPage: (page, progress) => {
        pages++;
        // Progress only for a pull longer than a page; a poke's single page needs no bar.
        update({ state: 'syncing', reason: undefined, ...(page.firstSync || page.hasMore || pages > 1 ? { progress: { ...progress, firstSync: page.firstSync } } : {}) });
      },
    });
    cursor = BigInt(summary.cursor);
  }

  /**
   * Pull first: it is the pull that learns the server's feed was replaced (409 on the cursor) and
   * starts the replica over under a new client id — pushing first would send the outbox under the
   * old id, whose seqs the new server would refuse as a gap. Then push, then pull what it changed.
   */
  async function runOnce(): Promise<void> {
    // A retry stays offline (keeping `since`: offline since when) until the server answers.
    if (!status.reason) update({ state: 'syncing' });
    await pull();
    await opts.beforePush?.(abort.signal);
    const pushed = await pushAll({
      db: opts.db,
      http,
      clientId: await opts.db.clientId(),
      signal: abort.signal,
      onRejected: (r) => {
        log.warn({ seq: r.seq, name: r.name, code: r.error.code }, 'mutation rejected; optimistic change undone');
        emit(rejectedListeners, r);
      },
    });
    if (pushed.batches > 0) await pull();
    await refreshQueued();
  }

  async function run(): Promise<void> {
    do {
      again = false;
      heardWhileRunning = false;
      pollTimer = clearTimer(pollTimer);
      try {
        await runOnce();
        backoff.reset();
        update({ state: 'online', progress: undefined, reason: undefined });
      } catch (e) {
        if (stopped) return;
        const err = toSyncError(e);
        const reason: PultError = err.toPultError();
        update({ state: 'offline', progress: undefined, reason });
        if (err.retry === 'never') {
          log.warn({ code: err.code, message: err.message }, 'sync stopped: retrying cannot help');
          halt();
          return;
        }
        // The live socket spoke while this run was failing (the server came back mid-run): the
        // word would be lost in a backoff of up to a minute, so the next run starts at once.
        const delay = err.retryAfterMs ?? (heardWhileRunning ? 0 : backoff.next());
        log.info({ code: err.code, message: err.message, delay }, 'sync failed; retrying later');
        retryTimer = clock.setTimeout(() => {
          retryTimer = null;
          trigger();
        }, delay);
        return;
      }
    } while (again && !stopped);
    if (!stopped) pollTimer = clock.setTimeout(() => trigger(), pollMs);
  }

  function halt(): void {
    halted = true;
    live?.stop();
    live = null;
    pollTimer = clearTimer(pollTimer);
  }

  /** Asks for a run; while one runs, one more follows it. Waiting out a backoff, it waits. */
  function trigger(): Promise<void> {
    if (stopped || halted || !started) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    if (retryTimer !== null) return Promise.resolve();
    running = run().finally(() => {
      running = null;
    });
    return running;
  }

  /**
   * The live socket opened or poked: the server is reachable again. A run waiting out its backoff
   * (up to a minute after a long cut) starts now, so the outbox drains as soon as the link is back.
   */
  function serverHeard(): void {
    retryTimer = clearTimer(retryTimer);
    if (running) heardWhileRunning = true;
    void trigger();
  }

  function startLive(): void {
    if (opts.live === false || live) return;
    live = createLiveConnection({
      serverUrl: opts.serverUrl,
      token: opts.token,
      clock,
      random: opts.random,
      backoff: opts.backoff,
      log,
      onOpen: () => serverHeard(),
      onPoke: (poke) => {
        if (BigInt(poke.version) > cursor || retryTimer !== null) serverHeard();
        // Nothing new for the run under way, but the server is up: should that run fail, retry now.
        else if (running) heardWhileRunning = true;
      },
      // The socket only speeds things up: without it, sync goes on by the timer. If the refusal
      // concerns HTTP as well (protocol, token), the run this starts says so and stops the engine.
      onFatal: (err) => {
        log.warn({ code: err.code, message: err.message }, 'live updates unavailable; syncing by the timer');
        live = null;
        void trigger();
      },
    });
    live.start();
  }

  const outbox = createOutbox(opts.db, () => {
    void refreshQueued().catch(() => undefined);
    void trigger();
  });

  return {
    start() {
      if (started || stopped) return;
      started = true;
      void refreshQueued().catch(() => undefined);
      void trigger();
      startLive();
    },
    async stop() {
      stopped = true;
      abort.abort();
      retryTimer = clearTimer(retryTimer);
      pollTimer = clearTimer(pollTimer);
      live?.stop();
      live = null;
      await running?.catch(() => undefined);
    },
    status: () => status,
    async syncNow() {
      if (stopped) return status;
      started = true;
      halted = false;
      // A run under way started before this call: let it end, then run anew.
      await running?.catch(() => undefined);
      retryTimer = clearTimer(retryTimer);
      await trigger();
      if (!halted && status.state === 'online') startLive();
      return status;
    },
    enqueue: (name, args, o) => outbox.enqueue(name, args, o),
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onRejected(listener) {
      rejectedListeners.add(listener);
      return () => rejectedListeners.delete(listener);
    },
  };
}
