// The puller's page size: fixed when the caller sets it, otherwise growing while pages apply quickly
// (up to the protocol's maximum, or below a size the server refused as too large) and shrinking
// when one keeps the replica worker busy too long.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PULL_LIMIT } from '../../../contract/sync.ts';
import { openReplica, type ReplicaDb } from '../../../electron/services/db/replica-client.ts';
import { DEFAULT_PULL_LIMIT, PAGE_TARGET_MS, pageLimit, pullAll } from '../../../electron/services/sync/puller.ts';
import { createSyncHttp } from '../../../electron/services/sync/sync-http.ts';
import { message } from './data.ts';
import { startFakeSyncServer, SYNC_TOKEN, type FakeSyncServer } from './fake-sync-server.ts';
import { tempDir } from './helpers.ts';

const nextPath = tempDir();
let server: FakeSyncServer;
const dbs: ReplicaDb[] = [];
beforeAll(async () => {
  server = await startFakeSyncServer();
  for (let i = 0; i < 6000; i++) server.put('message', message(i));
});
afterAll(async () => {
  for (const db of dbs) await db.close();
  await server.close();
});

describe('page size', () => {
  it('doubles after a quick page, halves after a slow one, within its bounds', () => {
    expect(pageLimit(500, 10, MAX_PULL_LIMIT)).toBe(1000);
    expect(pageLimit(1500, 10, MAX_PULL_LIMIT)).toBe(MAX_PULL_LIMIT);
    expect(pageLimit(1000, 10, 1000)).toBe(1000); // never back up to a size refused as too large
    expect(pageLimit(500, PAGE_TARGET_MS, MAX_PULL_LIMIT)).toBe(500);
    expect(pageLimit(500, PAGE_TARGET_MS * 3, MAX_PULL_LIMIT)).toBe(250);
    expect(pageLimit(150, PAGE_TARGET_MS * 3, MAX_PULL_LIMIT)).toBe(100);
  });

  it('adapts only when the caller does not fix it', async () => {
    const http = createSyncHttp({ serverUrl: server.url, token: SYNC_TOKEN, timeoutMs: 10_000 });
    const fixed = await openReplica({ path: nextPath() });
    dbs.push(fixed);
    const from = server.pullRequests.length;
    await pullAll({ db: fixed, http, limit: 700 });
    expect(new Set(server.pullRequests.slice(from).map((r) => r.limit))).toEqual(new Set([700]));

    const adaptive = await openReplica({ path: nextPath() });
    dbs.push(adaptive);
    const start = server.pullRequests.length;
    // Small rows apply in a few milliseconds a page: the pages grow.
    const summary = await pullAll({ db: adaptive, http });
    const limits = server.pullRequests.slice(start).map((r) => r.limit);
    expect(limits[0]).toBe(DEFAULT_PULL_LIMIT);
    expect(Math.max(...limits)).toBeGreaterThan(DEFAULT_PULL_LIMIT);
    expect(limits.every((l) => l >= 100 && l <= MAX_PULL_LIMIT)).toBe(true);
    expect(summary.changes).toBe(6000);
    expect(await adaptive.countRows('message')).toBe(6000);
  });
});
