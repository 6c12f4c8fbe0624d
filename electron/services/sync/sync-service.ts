// Runs one sync engine per signed-in session: on sign-in it opens that agent's replica and starts
// syncing; on sign-out it stops and closes it. Status and refusals go out as events; a session the
// server no longer accepts is ended.
import type { SyncRejected, SyncStatus } from '../../../contract/sync-status.ts';
import type { Emit } from '../events.ts';
import { silentLog, type Log } from '../log.ts';
import type { SessionService, SignedIn } from '../session/session-service.ts';
import { openReplica, type ReplicaDb } from '../db/replica-client.ts';
import { replicaPathFor } from '../db/replica-path.ts';
import { createSyncEngine, type SyncEngine } from './engine.ts';

export interface SyncServiceOptions {
  session: SessionService;
  userDataDir: string;
  emit: Emit;
  log?: Log;
  fetch?: typeof fetch;
  /** A bundled build's own worker entry (out/main/replica-worker.js). */
  workerUrl?: URL;
  pollIntervalMs?: number;
  /** After each sync that ends online: work that follows new rows (caching article pictures). */
  onSynced?: (replica: ReplicaDb) => void;
}

export interface SyncedReplica {
  db: ReplicaDb;
  engine: SyncEngine;
}

export interface SyncService {
  status(): SyncStatus | null;
  syncNow(): Promise<SyncStatus | null>;
  /** The signed-in agent's replica and engine, for the features that read and write it. */
  current(): SyncedReplica | null;
  stop(): Promise<void>;
}

interface Running {
  key: string;
  db: ReplicaDb;
  engine: SyncEngine;
  off: Array<() => void>;
}

export function createSyncService(opts: SyncServiceOptions): SyncService {
  const log = opts.log ?? silentLog;
  let running: Running | null = null;
  // Session changes are applied one after another, so a quick sign-out/sign-in never interleaves.
  let queue: Promise<void> = Promise.resolve();

  const stopRunning = async () => {
    const r = running;
    if (!r) return;
    running = null;
    for (const off of r.off) off();
    await r.engine.stop().catch((e: unknown) => log.warn({ err: e }, 'sync engine stop failed'));
    await r.db.close().catch((e: unknown) => log.warn({ err: e }, 'replica close failed'));
    opts.emit('sync.changed', null);
  };

  const startFor = async (s: SignedIn) => {
    const agentId = s.info.agent.id;
    const key = `${s.serverUrl}|${agentId}|${s.token}`;
    if (running?.key === key) return;
    await stopRunning();
    const db = await openReplica({ path: replicaPathFor(opts.userDataDir, s.serverUrl, agentId), log, ...(opts.workerUrl ? { workerUrl: opts.workerUrl } : {}) });
    const engine = createSyncEngine({
      db,
      serverUrl: s.serverUrl,
      token: s.token,
      log,
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      ...(opts.pollIntervalMs ? { pollIntervalMs: opts.pollIntervalMs } : {}),
    });
    const off = [
      engine.onStatus((status: SyncStatus) => {
        opts.emit('sync.changed', status);
        if (status.reason?.code === 'not_authenticated') void opts.session.expire();
        if (status.state === 'online') opts.onSynced?.(db);
      }),
      engine.onRejected((r: SyncRejected) => opts.emit('sync.rejected', r)),
      db.onCrash((e) => {
        log.error({ err: e }, 'replica worker died; reopening');
        void db.reopen().then(() => engine.syncNow()).catch((err: unknown) => log.error({ err }, 'replica reopen failed'));
      }),
    ];
    running = { key, db, engine, off };
    engine.start();
  };

  const follow = (s: SignedIn | null) => {
    queue = queue
      .then(() => (s ? startFor(s) : stopRunning()))
      .catch((e: unknown) => log.error({ err: e }, 'sync could not start'));
  };
  const unsubscribe = opts.session.onChange(follow);
  const current = opts.session.current();
  if (current) follow(current);

  return {
    status: () => running?.engine.status() ?? null,
    async syncNow() {
      await queue;
      return running ? running.engine.syncNow() : null;
    },
    current: () => (running ? { db: running.db, engine: running.engine } : null),
    async stop() {
      unsubscribe();
      await queue;
      await stopRunning();
    },
  };
}
