// Runs one sync engine per signed-in session: on sign-in it opens that agent's replica and starts
// syncing; on sign-out it stops and closes it. Status and refusals go out as events; a session the
// server no longer accepts is ended.
import type { SyncRejected, SyncStatus } from '../../../contract/sync-status.ts';
import type { Emit } from '../events.ts';
import { silentLog, type Log } from '../log.ts';
import type { SessionService, SignedIn } from '../session/session-service.ts';
import { openReplica, type OpenReplicaOptions, type ReplicaDb } from '../db/replica-client.ts';
import { ReplicaError } from '../db/replica-error.ts';
import { replicaKeyFor, type KeyVault } from '../db/replica-keys.ts';
import { replicaPathFor } from '../db/replica-path.ts';
import { removeReplicaFiles } from '../db/reset-replica-files.ts';
import { uploadWaitingFiles } from '../inbox/upload-waiting-files.ts';
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
  /**
   * Where the replicas' encryption keys are kept (replica-keys.ts). The app always has one; without
   * it replicas are plain files (tests of other parts).
   */
  keys?: KeyVault;
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
  /** The replica had to be made anew at this start (its key was lost). */
  recreated: boolean;
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
    const { db, recreated } = await openEncryptedReplica(replicaPathFor(opts.userDataDir, s.serverUrl, agentId));
    const engine = createSyncEngine({
      db,
      serverUrl: s.serverUrl,
      token: s.token,
      log,
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      ...(opts.pollIntervalMs ? { pollIntervalMs: opts.pollIntervalMs } : {}),
      beforePush: (signal) =>
        uploadWaitingFiles({ db, session: () => ({ serverUrl: s.serverUrl, token: s.token }), signal, log, ...(opts.fetch ? { fetch: opts.fetch } : {}) }),
    });
    const off = [
      engine.onStatus((status: SyncStatus) => {
        opts.emit('sync.changed', recreated ? { ...status, replicaRecreated: true } : status);
        if (status.reason?.code === 'not_authenticated') void opts.session.expire();
        if (status.state === 'online') opts.onSynced?.(db);
      }),
      engine.onRejected((r: SyncRejected) => opts.emit('sync.rejected', r)),
      db.onCrash((e) => {
        log.error({ err: e }, 'replica worker died; reopening');
        void db.reopen().then(() => engine.syncNow()).catch((err: unknown) => log.error({ err }, 'replica reopen failed'));
      }),
    ];
    running = { key, db, engine, off, recreated };
    engine.start();
  };

  /**
   * Opens the replica with its key. A file this computer cannot decrypt (its key was lost with the
   * OS profile, or the file came from elsewhere) cannot be used by anyone: it is removed and made
   * anew, and the UI says so (SyncStatus.replicaRecreated).
   */
  const openEncryptedReplica = async (path: string): Promise<{ db: ReplicaDb; recreated: boolean }> => {
    const base: OpenReplicaOptions = { path, log, ...(opts.workerUrl ? { workerUrl: opts.workerUrl } : {}) };
    if (!opts.keys) return { db: await openReplica(base), recreated: false };
    const key = await replicaKeyFor(opts.keys, path);
    try {
      return { db: await openReplica({ ...base, key }), recreated: false };
    } catch (e) {
      if (!(e instanceof ReplicaError && e.code === 'key_mismatch')) throw e;
      log.error({ path }, 'the replica cannot be decrypted with the stored key; recreating it');
      await removeReplicaFiles(path);
      return { db: await openReplica({ ...base, key }), recreated: true };
    }
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
    status: () => {
      const s = running?.engine.status() ?? null;
      return s && running?.recreated ? { ...s, replicaRecreated: true } : s;
    },
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
