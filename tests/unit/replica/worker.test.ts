// The replica runs in a worker thread behind a typed promise interface: calls work and keep their
// order, bad requests come back as errors naming the problem, and a dying worker rejects every
// pending call with a clear error, after which the replica can be reopened.
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/services/db/migrations/index.ts';
import Database from 'better-sqlite3';
import { openReplica, type ReplicaDb } from '../../../electron/services/db/replica-client.ts';
import { ReplicaError } from '../../../electron/services/db/replica-error.ts';
import { article } from './data.ts';
import { pageBody } from './fake-sync-server.ts';
import { tempDir } from './helpers.ts';

const nextPath = tempDir();
const CRASHING = new URL('./crashing-worker.ts', import.meta.url);
const opened: ReplicaDb[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

async function open(workerUrl?: URL, path = nextPath()): Promise<ReplicaDb> {
  const db = await openReplica({ path, workerUrl });
  opened.push(db);
  return db;
}

const page = (n: number) => pageBody([{ op: 'upsert', entity: 'article', id: article(n).id, version: String(n), data: article(n) }], String(n));

describe('replica worker', () => {
  it('answers typed calls, in order, from the worker thread', async () => {
    const db = await open();
    const [a, b, info] = await Promise.all([db.applyPullPage({ after: '0', body: page(1) }), db.cursor(), db.info()]);
    expect(a).toMatchObject({ changes: 1, next: '1' });
    expect(b).toBe('1'); // sent after the page, so answered after it
    expect(info).toMatchObject({ schemaVersion: MIGRATIONS.length, cursor: '1', rows: { article: 1 } });
    expect(info.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await db.getRow('article', article(1).id)).toEqual({ version: '1', data: article(1) });
  });

  it('rejects a bad request with an error that names it, and keeps serving', async () => {
    const db = await open();
    await expect(db.call('dropEverything', [])).rejects.toMatchObject({ code: 'unknown_method', message: expect.stringContaining('"dropEverything"') });
    await expect(db.call('getRow', ['article'])).rejects.toMatchObject({ code: 'invalid_input', field: 'getRow.args' });
    await expect(db.call('getRow', ['article', 42])).rejects.toMatchObject({ code: 'invalid_input', field: 'getRow.args.1' });
    await expect(db.call('getRow', ['invoice', 'x'])).rejects.toMatchObject({ code: 'invalid_input', field: 'getRow.args.0' });
    await expect(db.call('takeBatch', [{ limit: 5 }])).rejects.toBeInstanceOf(ReplicaError);
    await expect(db.call('cursor', [() => 1])).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('cannot be sent') });
    await expect(db.applyPullPage({ after: '0', body: '{"changes":' })).rejects.toMatchObject({ code: 'bad_page', message: expect.stringContaining('not JSON') });
    expect(await db.cursor()).toBe('0');
  });

  it('turns a worker that cannot answer (unclonable result) into a rejected call', async () => {
    const db = await open(CRASHING);
    await expect(db.call('unclonable', [])).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/could not be cloned/) });
    expect(await db.cursor()).toBe('0');
  });

  it('rejects every pending call when the worker exits, tells crash listeners, and reopens', async () => {
    const path = nextPath();
    const db = await open(CRASHING, path);
    await db.applyPullPage({ after: '0', body: page(1) });
    const crashes: ReplicaError[] = [];
    db.onCrash((e) => crashes.push(e));
    const calls = [db.call('busy', [50]), db.call('exitNow', []), db.info(), db.cursor()];
    const results = await Promise.allSettled(calls);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 'done' });
    for (const r of results.slice(1)) {
      expect(r.status).toBe('rejected');
      const e = (r as PromiseRejectedResult).reason as ReplicaError;
      expect(e).toBeInstanceOf(ReplicaError);
      expect(e.code).toBe('closed');
      expect(e.message).toMatch(/replica worker died \(exit code 3\); reopen the replica/);
    }
    expect(crashes).toHaveLength(1);
    expect(db.isOpen()).toBe(false);
    await expect(db.cursor()).rejects.toMatchObject({ code: 'closed', message: expect.stringContaining('reopen') });

    await db.reopen();
    expect(await db.cursor()).toBe('1');
    expect(await db.getRow('article', article(1).id)).toMatchObject({ version: '1' });
  });

  it('reports an uncaught exception in the worker with its message', async () => {
    const db = await open(CRASHING);
    const crashed = new Promise<ReplicaError>((resolve) => db.onCrash(resolve));
    expect(await db.call('throwSoon', [])).toBe('ok');
    const e = await crashed;
    expect(e.message).toMatch(/died \(exit code 1: boom in the replica worker\)/);
    await expect(db.info()).rejects.toMatchObject({ code: 'closed' });
  });

  it('close() lets queued calls finish, then refuses new ones; it is no crash', async () => {
    const db = await open();
    let crashed = false;
    db.onCrash(() => (crashed = true));
    const pending = db.applyPullPage({ after: '0', body: page(1) });
    await db.close();
    expect(await pending).toMatchObject({ next: '1' });
    await expect(db.cursor()).rejects.toMatchObject({ code: 'closed' });
    expect(crashed).toBe(false);
  });

  it('fails to open with a clear error when the file is not a database', async () => {
    const path = nextPath();
    const raw = new Database(path);
    raw.pragma('user_version = 42');
    raw.close();
    await expect(openReplica({ path })).rejects.toMatchObject({ code: 'open_failed', message: expect.stringMatching(/schema 42, newer than this Pult/) });
  });
});
