// kill -9 in the middle of a first sync, several times, at different moments: each restart resumes
// at the stored cursor, and in the end the replica equals the server, with every page applied
// exactly once (the replica counts pages applied; the server counts pages served by `after`).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReplica } from '../../../electron/services/db/replica-client.ts';
import { article, call, customer, message } from './data.ts';
import { startFakeSyncServer, SYNC_TOKEN, type FakeSyncServer } from './fake-sync-server.ts';
import { tempDir } from './helpers.ts';

const CHILD = fileURLToPath(new URL('./sync-child.ts', import.meta.url));
const LIMIT = 100;
const nextPath = tempDir();
let server: FakeSyncServer;
beforeAll(async () => {
  server = await startFakeSyncServer();
  for (let i = 0; i < 1200; i++) server.put('article', article(i, 6));
  for (let i = 0; i < 600; i++) server.put('customer', customer(i));
  for (let i = 0; i < 400; i++) server.put('message', message(i));
  for (let i = 0; i < 200; i++) server.put('call', call(i));
});
afterAll(() => server.close());

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the child; if `killAfterPages` is given, SIGKILLs it `delayMs` after that many more pages were served. */
function runChild(path: string, kill?: { afterPages: number; delayMs: number }): Promise<ChildRun> {
  const child = spawn(process.execPath, [CHILD, path, server.url, SYNC_TOKEN, String(LIMIT)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const target = server.pagesServed + (kill?.afterPages ?? Infinity);
  server.onPageServed = (count) => {
    if (count === target) setTimeout(() => child.kill('SIGKILL'), kill!.delayMs);
  };
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

describe('resume after kill -9', () => {
  it('ends identical to the server with no page applied twice', { timeout: 60_000 }, async () => {
    const path = nextPath();
    const kills = [
      { afterPages: 3, delayMs: 0 },
      { afterPages: 4, delayMs: 2 },
      { afterPages: 2, delayMs: 8 },
      { afterPages: 5, delayMs: 20 },
    ];
    for (const [n, kill] of kills.entries()) {
      const run = await runChild(path, kill);
      expect(run.signal, run.stderr).toBe('SIGKILL');
      // The feed moves on while the client is dead: edits and deletions land after its cursor.
      server.put('article', { ...article(n * 7), title: `Обновлённая статья ${n}` });
      server.remove('customer', customer(n * 11).id);
    }
    const last = await runChild(path);
    expect(last.code, last.stderr).toBe(0);
    expect(last.stdout).toContain('"done"');
    server.onPageServed = null;

    const db = await openReplica({ path });
    try {
      const info = await db.info();
      const snap = server.snapshot();
      expect(info.cursor).toBe(server.version.toString());
      expect(Object.values(info.rows).reduce((a, b) => a + b, 0)).toBe(snap.size);
      for (const [k, row] of snap) {
        const [entity, id] = k.split(':') as ['article', string];
        expect(await db.getRow(entity, id)).toEqual(row);
      }
      // Each page was applied once: as many pages as distinct cursors the server saw.
      expect(info.pagesApplied).toBe(server.servedByAfter.size);
      // A page is served again only when the kill hit between serving and committing it: the
      // page applying, and the next one, fetched and checked meanwhile (puller.ts), at most.
      const repeats = [...server.servedByAfter.values()].reduce((a, n) => a + n - 1, 0);
      expect(repeats).toBeLessThanOrEqual(2 * kills.length);
      expect(info).toMatchObject({ firstSyncComplete: true, firstSyncRows: expect.any(Number) });
    } finally {
      await db.close();
    }
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  });
});
