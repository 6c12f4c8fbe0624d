// The worker's side: opens the replica, then answers each request with the result of the
// ReplicaApi method it names, after checking the request and its arguments. Errors travel back as
// {code, message, field}; nothing a caller sends can throw out of the message handler.
import type { MessagePort } from 'node:worker_threads';
import { ZodError } from 'zod';
import { fromZodError } from '../../../contract/errors.ts';
import { openReplicaFile, type Db } from './open-replica-file.ts';
import { REPLICA_ARGS, isReplicaMethod, type ReplicaApi } from './replica-api.ts';
import { ReplicaError } from './replica-error.ts';
import { createReplicaStore } from './replica-store.ts';
import { createCheckedPages } from './checked-pages.ts';
import { LOG_PAGES_BEFORE_WORKER_CHECKPOINT } from './wal-checkpointer.ts';
import { CHECKER_METHOD, CLOSE_METHOD, CheckerData, WorkerData, WorkerRequest, type WireError, type WorkerMessage } from './worker-protocol.ts';

type Port = Pick<MessagePort, 'postMessage' | 'on'>;

export function toWireError(e: unknown): WireError {
  if (e instanceof ReplicaError) return { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) };
  if (e instanceof ZodError) {
    const p = fromZodError(e, 'args');
    return { code: 'invalid_input', message: p.message, ...(p.field ? { field: p.field } : {}) };
  }
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: typeof code === 'string' ? `${code}: ${message}` : message };
}

/**
 * Serves the replica on `port`. `extra` adds methods (tests use it to make the worker misbehave);
 * their arguments are not checked.
 */
export function serveReplica(port: Port, data: unknown, extra: Record<string, (...args: unknown[]) => unknown> = {}): void {
  const send = (m: WorkerMessage) => port.postMessage(m);
  let db: Db | null = null;
  let api: ReplicaApi;
  const checked = createCheckedPages();
  try {
    const d = WorkerData.parse(data);
    db = openReplicaFile(d.path, { busyTimeoutMs: d.busyTimeoutMs, key: d.key });
    api = createReplicaStore(db, checked);
  } catch (e) {
    db?.close();
    const error = toWireError(e);
    send({ type: 'open_failed', error: { ...error, code: error.code === 'key_mismatch' ? 'key_mismatch' : 'open_failed' } });
    return;
  }

  /**
   * After a checked page: if no page waits to be applied, this thread is about to wait for the
   * page checker, and copies the log back meanwhile (PASSIVE: never waits for another connection).
   * The checker does it too, after each page it hands over (wal-checkpointer.ts); whichever side
   * has nothing to do gets there first, so the copying follows the spare core — the checker's
   * while articles are indexed here, this thread's while customers and messages are checked there.
   */
  function checkpointIfIdle(): void {
    if (!db?.open || checked.anyWaiting()) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or closing: the checker's checkpoint, or the next one here, copies it.
    }
  }

  function run(method: string, args: unknown[]): unknown {
    if (method === CLOSE_METHOD) {
      checked.close();
      db?.close();
      db = null;
      return null;
    }
    if (method === CHECKER_METHOD) {
      const port = CheckerData.shape.port.safeParse(args[0]);
      if (!port.success) throw new ReplicaError('invalid_input', `${CHECKER_METHOD}: expected a MessagePort`);
      checked.connect(port.data);
      // The checker copies the log back between pages (wal-checkpointer.ts); this connection's own
      // checkpoint waits for a higher mark, so that it rarely holds up applying a page.
      db?.pragma(`wal_autocheckpoint = ${LOG_PAGES_BEFORE_WORKER_CHECKPOINT}`);
      return null;
    }
    if (!db) throw new ReplicaError('closed', 'the replica is closed');
    if (isReplicaMethod(method)) {
      const parsed = REPLICA_ARGS[method].safeParse(args);
      if (!parsed.success) {
        const p = fromZodError(parsed.error, `${method}.args`);
        throw new ReplicaError('invalid_input', p.message, p.field);
      }
      return (api[method] as (...a: unknown[]) => unknown)(...parsed.data);
    }
    if (Object.hasOwn(extra, method)) return extra[method]!(...args);
    throw new ReplicaError('unknown_method', `the replica has no method ${JSON.stringify(method.slice(0, 64))}`);
  }

  port.on('message', (msg: unknown) => {
    const req = WorkerRequest.safeParse(msg);
    if (!req.success) {
      const id = (msg as { id?: unknown } | null)?.id;
      // Without a usable id there is nobody to answer; the client times nothing out, so this is
      // only reachable by a bug in the client, and dropping is all that can be done.
      if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
        send({ type: 'result', id, ok: false, error: { code: 'invalid_input', message: `malformed request: ${req.error.issues[0]?.message}` } });
      }
      return;
    }
    const { id, method, args } = req.data;
    try {
      send({ type: 'result', id, ok: true, result: run(method, args) });
    } catch (e) {
      send({ type: 'result', id, ok: false, error: toWireError(e) });
    }
    if (method === 'applyCheckedPage') setImmediate(checkpointIfIdle);
  });
  send({ type: 'ready', schemaVersion: db.pragma('user_version', { simple: true }) as number });
}
