// The replica worker copies its write-ahead log back into the file after a checked page when no
// other page waits for it (worker-host.ts): during a first sync of customers and messages it
// would otherwise wait idle for the page checker, which was left to do all the copying.
import { statSync } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { createCheckedPages } from '../../../electron/services/db/checked-pages.ts';
import { packPage } from '../../../electron/services/db/packed-page.ts';
import { preparePage } from '../../../electron/services/db/prepare-page.ts';
import { openReplica, type ReplicaDb } from '../../../electron/services/db/replica-client.ts';
import { article } from './data.ts';
import { pageBody } from './fake-sync-server.ts';
import { tempDir, waitFor } from './helpers.ts';

const nextPath = tempDir();
const opened: ReplicaDb[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

const up = (n: number) => ({ op: 'upsert', entity: 'article', id: article(n).id, version: String(n), data: article(n) });
const size = (path: string) => statSync(path, { throwIfNoEntry: false })?.size ?? 0;

describe('checked pages waiting for the worker', () => {
  it('tells whether a page waits, and still hands it over after telling', () => {
    const pages = createCheckedPages();
    const { port1, port2 } = new MessageChannel();
    pages.connect(port1);
    expect(pages.anyWaiting()).toBe(false);
    const prepared = preparePage(pageBody([up(1)], '1'), '0');
    port2.postMessage({ ticket: 7, page: packPage(prepared) });
    expect(pages.anyWaiting()).toBe(true);
    expect(pages.take(7)).toMatchObject({ after: '0', next: '1', changes: [{ id: article(1).id }] });
    expect(pages.anyWaiting()).toBe(false);
    pages.close();
    port2.close();
  });
});

describe('the worker copying the log back', () => {
  it('copies it into the file after a checked page when nothing else waits', async () => {
    const path = nextPath();
    const db = await openReplica({ path, workerUrl: new URL('./log-copying-worker.ts', import.meta.url) });
    opened.push(db);
    const rows = Array.from({ length: 400 }, (_, i) => up(i + 1));
    const checked = await db.checkPullPage({ after: '0', body: new Uint8Array(Buffer.from(pageBody(rows, '400'))) });
    const before = size(path);
    const logBefore = size(`${path}-wal`);
    await db.applyCheckedPage({ after: '0', ticket: checked.ticket });
    // The page went into the log (hundreds of kilobytes); the copy follows the answer.
    expect(size(`${path}-wal`)).toBeGreaterThan(logBefore + 200_000);
    await waitFor(() => size(path) > before + 200_000, 5000, 'the database file to receive the page');
    expect(await db.countRows('article')).toBe(400);
  });
});
