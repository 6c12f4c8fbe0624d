// The page checker: a pull page checked and prepared on a thread of its own, then applied by the
// worker under the checker's ticket, with its cursor in one transaction like any page; a bad page is
// refused by the checker and nothing of it lands; a ticket the worker does not hold changes nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { openReplica, type ReplicaDb } from '../../../electron/services/db/replica-client.ts';
import { article } from './data.ts';
import { pageBody } from './fake-sync-server.ts';
import { tempDir } from './helpers.ts';

const nextPath = tempDir();
const opened: ReplicaDb[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

const up = (n: number, data: object = article(n)) => ({ op: 'upsert', entity: 'article', id: article(n).id, version: String(n), data });
const bytes = (text: string) => new Uint8Array(Buffer.from(text));

describe('page checker', () => {
  it('checks a page on its thread, then the worker applies it under its ticket', async () => {
    const db = await openReplica({ path: nextPath() });
    opened.push(db);
    const body = bytes(pageBody([up(1), up(2)], '2', true, 5));
    const checked = await db.checkPullPage({ after: '0', body });
    expect(body.byteLength).toBe(0); // moved to the checker, not copied
    expect(checked).toMatchObject({ changes: 2, next: '2', hasMore: true, remaining: 5 });
    expect(await db.cursor()).toBe('0'); // checked is not applied
    expect(await db.applyCheckedPage({ after: '0', ticket: checked.ticket })).toMatchObject({ changes: 2, written: 2, next: '2' });
    expect(await db.cursor()).toBe('2');
    expect(await db.getRow('article', article(2).id)).toEqual({ version: '2', data: article(2) });
    expect((await db.searchKb({ query: article(1).title })).hits.map((h) => h.id)).toContain(article(1).id);
    // Taken once: the same ticket again finds nothing.
    await expect(db.applyCheckedPage({ after: '2', ticket: checked.ticket })).rejects.toMatchObject({ code: 'invalid_input', field: 'ticket' });
  });

  it('refuses a bad page before the worker sees it, and a page checked for another cursor', async () => {
    const db = await openReplica({ path: nextPath() });
    opened.push(db);
    await expect(db.checkPullPage({ after: '0', body: bytes(pageBody([up(1, { ...article(1), title: '' })], '1')) })).rejects.toMatchObject({
      code: 'bad_page',
      message: expect.stringContaining('changes.0.data.title'),
    });
    const checked = await db.checkPullPage({ after: '0', body: bytes(pageBody([up(1)], '1')) });
    await expect(db.applyCheckedPage({ after: '1', ticket: checked.ticket })).rejects.toMatchObject({ code: 'invalid_input', field: 'after' });
    expect(await db.info()).toMatchObject({ cursor: '0', rows: { article: 0 } });
  });

  it('applies nothing whose cursor is no longer the stored one', async () => {
    const db = await openReplica({ path: nextPath() });
    opened.push(db);
    const first = await db.checkPullPage({ after: '0', body: bytes(pageBody([up(1)], '1')) });
    const again = await db.checkPullPage({ after: '0', body: bytes(pageBody([up(1)], '1')) });
    await db.applyCheckedPage({ after: '0', ticket: first.ticket });
    // Fetched for cursor 0 as well, but the replica is at 1 now.
    await expect(db.applyCheckedPage({ after: '0', ticket: again.ticket })).rejects.toMatchObject({ code: 'cursor_moved' });
    expect(await db.info()).toMatchObject({ cursor: '1', pagesApplied: 1 });
  });
});
