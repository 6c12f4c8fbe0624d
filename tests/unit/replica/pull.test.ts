// Pulling the feed over HTTP into the replica: pages with progress, and every kind of hostile or
// broken page refused with a clear error while the replica stays exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReplica, type ReplicaDb } from '../../../electron/services/db/replica-client.ts';
import type { ReplicaInfo } from '../../../electron/services/db/replica-api.ts';
import { pullAll } from '../../../electron/services/sync/puller.ts';
import type { SyncProgress } from '../../../electron/services/sync/progress.ts';
import { SyncError } from '../../../electron/services/sync/sync-error.ts';
import { createSyncHttp } from '../../../electron/services/sync/sync-http.ts';
import { SYNC_ENTITIES } from '../../../contract/sync.ts';
import { article, customer, MAKERS } from './data.ts';
import { pageBody, startFakeSyncServer, SYNC_TOKEN, type FakeSyncServer } from './fake-sync-server.ts';
import { tempDir } from './helpers.ts';

const nextPath = tempDir();
let server: FakeSyncServer;
let db: ReplicaDb;
beforeAll(async () => {
  server = await startFakeSyncServer();
  db = await openReplica({ path: nextPath() });
});
afterAll(async () => {
  await db.close();
  await server.close();
});

const http = (over: Partial<Parameters<typeof createSyncHttp>[0]> = {}) => createSyncHttp({ serverUrl: server.url, token: SYNC_TOKEN, timeoutMs: 5000, ...over });

async function expectSameAsServer(replica: ReplicaDb): Promise<void> {
  const snap = server.snapshot();
  const info = await replica.info();
  const total = Object.values(info.rows).reduce((a, b) => a + b, 0);
  expect(total).toBe(snap.size);
  for (const [k, row] of snap) {
    const [entity, id] = k.split(':') as [(typeof SYNC_ENTITIES)[number], string];
    expect(await replica.getRow(entity, id)).toEqual(row);
  }
}

describe('first sync', () => {
  it('pulls the whole feed in pages, reporting rows done, percent and time left', async () => {
    for (let i = 0; i < 230; i++) server.put('article', article(i));
    for (let i = 0; i < 120; i++) server.put('customer', customer(i));
    for (const e of SYNC_ENTITIES) for (let i = 0; i < 5; i++) server.put(e, MAKERS[e](i));
    let t = 0;
    const seen: SyncProgress[] = [];
    const summary = await pullAll({ db, http: http(), limit: 50, now: () => (t += 100), onPage: (_p, progress) => seen.push(progress) });
    // 5 of each entity; the first 5 articles and customers were already put above (same ids).
    const total = 230 + 120 + 5 * (SYNC_ENTITIES.length - 2);
    const pages = Math.ceil(total / 50);
    expect(summary).toMatchObject({ pages, changes: total, cursor: server.version.toString() });
    expect(seen.map((s) => s.done)).toEqual(Array.from({ length: pages }, (_, i) => Math.min(50 * (i + 1), total)));
    expect(seen.every((s) => s.total === total)).toBe(true);
    expect(seen.map((s) => s.percent)).toEqual(seen.map((s) => Math.floor((100 * s.done) / total)));
    expect(seen.at(-1)!.percent).toBe(100);
    // 50 rows per 100 ms of the injected clock: 500 rows/s.
    expect(seen[0]!.etaSeconds).toBe(Math.ceil((total - 50) / 500));
    expect(seen.at(-1)!.etaSeconds).toBe(0);
    await expectSameAsServer(db);
    expect(await db.info()).toMatchObject({ firstSyncComplete: true, firstSyncRows: total, pagesApplied: pages });
    expect(server.pullRequests.every((r) => r.protocol === 1 && r.limit === 50)).toBe(true);
  });

  it('then pulls only what changed: updates, tombstones, nothing twice', async () => {
    server.put('article', { ...article(3), title: 'Как перезагрузить роутер (обновлено)' });
    server.remove('article', article(4).id);
    server.remove('customer', customer(7).id);
    const summary = await pullAll({ db, http: http() });
    expect(summary).toMatchObject({ pages: 1, changes: 3, written: 3 });
    expect(await db.getRow('article', article(4).id)).toBeNull();
    expect((await db.getRow('article', article(3).id))?.data).toMatchObject({ title: 'Как перезагрузить роутер (обновлено)' });
    await expectSameAsServer(db);
    expect(await pullAll({ db, http: http() })).toMatchObject({ pages: 1, changes: 0 });
  });
});

describe('hostile and broken pages change nothing', () => {
  const valid = () => ({ op: 'upsert', entity: 'article', id: article(900).id, version: String(server.version + 1n), data: article(900) });
  const cases: Array<[string, () => string, RegExp]> = [
    ['truncated JSON', () => pageBody([valid(), valid()], '1').slice(0, 700), /not JSON/],
    ['wrong types', () => JSON.stringify({ changes: [valid()], next: String(server.version + 1n), hasMore: 'no', remaining: 0 }), /hasMore: .*expected boolean/],
    ['a wrong type deep in the last change', () => pageBody([valid(), { ...valid(), id: article(901).id, version: String(server.version + 2n), data: { ...article(901), title: 42 } }], String(server.version + 2n)), /changes\.1\.data\.title/],
    ['an unknown entity', () => pageBody([valid(), { op: 'upsert', entity: 'invoice', id: 'p1', version: String(server.version + 2n), data: { id: 'p1' } }], String(server.version + 2n)), /changes\.1\.entity: Invalid discriminator/],
    ['a version going backwards', () => pageBody([{ ...valid(), version: '3' }], '3'), /changes\.0\.version: 3 does not come after/],
    ['versions out of order', () => pageBody([{ ...valid(), version: String(server.version + 5n) }, { ...valid(), id: article(901).id, data: article(901), version: String(server.version + 4n) }], String(server.version + 5n)), /changes\.1\.version/],
    ['next behind the changes', () => pageBody([valid()], String(server.version)), /next: .* is behind/],
    ['an id that differs from its row', () => pageBody([{ ...valid(), data: article(901) }], String(server.version + 1n)), /changes\.0\.data\.id/],
    ['more promised without progress', () => pageBody([], String(server.version), true, 10), /promises more but did not move/],
    ['a version beyond 2^63-1', () => pageBody([{ ...valid(), version: '9999999999999999999' }], '9999999999999999999'), /beyond 2\^63-1/],
    ['an HTML error page', () => '<html><body>502 Bad Gateway</body></html>', /not JSON/],
  ];

  let before: ReplicaInfo;
  beforeAll(async () => {
    before = await db.info();
  });

  it.each(cases)('%s', async (_name, body, message) => {
    const requests = server.pullRequests.length;
    server.pullOverride = () => ({ body: body() });
    try {
      const err = await pullAll({ db, http: http() }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SyncError);
      expect((err as SyncError).code).toBe('incompatible_server');
      expect((err as SyncError).message).toMatch(/pull page rejected: /);
      expect((err as SyncError).message).toMatch(message);
    } finally {
      server.pullOverride = null;
    }
    expect(server.pullRequests.length).toBe(requests + 1); // refused at once, no retry loop
    expect(await db.info()).toEqual(before);
    expect(await db.getRow('article', article(900).id)).toBeNull();
    await expectSameAsServer(db);
  });

  it('a 10 MB body: read no further than the cap, asked again with smaller pages, then refused', async () => {
    const huge = pageBody([{ ...valid(), data: { ...article(900), body: 'Ж'.repeat(5 * 1024 * 1024) } }], String(server.version + 1n));
    expect(Buffer.byteLength(huge)).toBeGreaterThan(10 * 1024 * 1024);
    const limits: number[] = [];
    server.pullOverride = (req) => (limits.push(req.limit), { body: huge });
    try {
      await expect(pullAll({ db, http: http(), limit: 8 })).rejects.toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('larger than 8388608 bytes') });
    } finally {
      server.pullOverride = null;
    }
    expect(limits).toEqual([8, 4, 2, 1]);
    expect(await db.info()).toEqual(before);
  });

  it('a page too large for the cap at 500 rows goes through at a smaller limit', async () => {
    for (let i = 1000; i < 1040; i++) server.put('article', article(i, 40));
    const limits: number[] = [];
    const spy = createSyncHttp({ serverUrl: server.url, token: SYNC_TOKEN, maxPullBytes: 64 * 1024 });
    const summary = await pullAll({ db, http: { pull: (req, s) => (limits.push(req.limit), spy.pull(req, s)) } });
    expect(limits[0]).toBe(500);
    expect(Math.max(...limits.slice(1))).toBeLessThan(500);
    expect(summary.changes).toBe(40);
    await expectSameAsServer(db);
    before = await db.info();
  });
});

describe('HTTP failures become sync errors', () => {
  it.each([
    [426, 'incompatible_client', 'incompatible_server', 'never'],
    [401, 'not_authenticated', 'not_authenticated', 'never'],
    [503, 'internal', 'server_unreachable', 'backoff'],
    [429, 'rate_limited', 'rate_limited', 'backoff'],
  ])('HTTP %i (%s) → %s, retry %s', async (status, code, expected, retry) => {
    server.pullOverride = () => ({ status, body: JSON.stringify({ error: { code, message: 'no' } }), headers: (status === 429 ? { 'retry-after': '7' } : {}) as Record<string, string> });
    try {
      const err = (await pullAll({ db, http: http() }).catch((e: unknown) => e)) as SyncError;
      expect(err).toMatchObject({ code: expected, retry });
      if (status === 429) expect(err.retryAfterMs).toBe(7000);
    } finally {
      server.pullOverride = null;
    }
  });

  it('an unreachable server → server_unreachable', async () => {
    const err = (await pullAll({ db, http: createSyncHttp({ serverUrl: 'http://127.0.0.1:1', token: SYNC_TOKEN }) }).catch((e: unknown) => e)) as SyncError;
    expect(err).toMatchObject({ code: 'server_unreachable', retry: 'backoff' });
  });
});
