// Files attached offline: kept in the replica under their attachment ids, uploaded by the sync
// before the push only when a queued reply names them (each under its own id, once), kept when the
// server cannot be reached, let go when the server refuses one for good, and forgotten a day after
// being attached if no reply ever named them. Also the engine's place for that step: after the pull,
// before the push, and a failure there keeps the outbox as it is.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openReplica, type ReplicaDb } from '../../../electron/services/db/replica-client.ts';
import { uploadWaitingFiles } from '../../../electron/services/inbox/upload-waiting-files.ts';
import { UNSENT_FILE_KEPT_MS } from '../../../electron/services/inbox/waiting-uploads.ts';
import { createSyncEngine } from '../../../electron/services/sync/engine.ts';
import { SyncError } from '../../../electron/services/sync/sync-error.ts';
import { startFakeSyncServer, SYNC_TOKEN, type FakeSyncServer } from '../replica/fake-sync-server.ts';
import { tempDir } from '../replica/helpers.ts';

const nextPath = tempDir();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 3)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Posted {
  id: string;
  name: string;
  type: string;
  body: Buffer;
}

/** The server's attachments endpoint, answering each upload as `answer` says. */
let answer: (p: Posted) => number = () => 201;
const posted: Posted[] = [];
let files: Server;
let filesUrl = '';
beforeAll(async () => {
  files = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const p = { id: String(req.headers['x-attachment-id']), name: decodeURIComponent(String(req.headers['x-file-name'])), type: String(req.headers['content-type']), body: Buffer.concat(chunks) };
      posted.push(p);
      const status = answer(p);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          status < 300 ? { id: p.id, fileName: p.name, mimeType: p.type, size: p.body.length, sha256: sha(p.body), refused: null } : { error: { code: status === 413 ? 'payload_too_large' : 'internal', message: `HTTP ${status}` } },
        ),
      );
    });
  });
  await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
  filesUrl = `http://127.0.0.1:${(files.address() as { port: number }).port}`;
});
afterAll(() => new Promise((r) => files.close(r)));

const dbs: ReplicaDb[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.close();
  posted.length = 0;
  answer = () => 201;
});
async function replica(): Promise<ReplicaDb> {
  const db = await openReplica({ path: nextPath() });
  dbs.push(db);
  return db;
}

const keep = (db: ReplicaDb, bytes: Buffer, fileName: string, mimeType: 'application/pdf' | 'image/png') => {
  const id = randomUUID();
  return db.keepUpload({ id, fileName, mimeType, sha256: sha(bytes), bytes: new Uint8Array(bytes) }).then(() => id);
};
const queueReply = (db: ReplicaDb, attachmentIds: string[]) =>
  db.enqueue({ name: 'message.reply', args: { conversationId: randomUUID(), messageId: randomUUID(), body: 'ответ', attachmentIds } });
const session = () => ({ serverUrl: filesUrl, token: 'tok' });

describe('files attached offline', () => {
  it('uploads the files queued replies name, each under its id, once; keeps the others', async () => {
    const db = await replica();
    const pdf = await keep(db, PDF, 'Скан договора.pdf', 'application/pdf');
    const png = await keep(db, PNG, 'фото.png', 'image/png');
    const unsent = await keep(db, PDF, 'ещё не отправлен.pdf', 'application/pdf');
    await queueReply(db, [pdf, png]);
    expect(await db.dueUploads()).toEqual(expect.arrayContaining([pdf, png]));
    expect(await db.dueUploads()).not.toContain(unsent);

    expect(await uploadWaitingFiles({ db, session })).toBe(2);
    expect(posted.map((p) => [p.id, p.name, p.type])).toEqual(expect.arrayContaining([[pdf, 'Скан договора.pdf', 'application/pdf'], [png, 'фото.png', 'image/png']]));
    expect(posted.find((p) => p.id === pdf)!.body.equals(PDF)).toBe(true);
    expect(await db.waitingUpload(pdf)).toBeNull();
    expect(await db.waitingUpload(png)).toBeNull();
    expect(await db.waitingUpload(unsent)).toMatchObject({ fileName: 'ещё не отправлен.pdf', sha256: sha(PDF) });
    expect(await uploadWaitingFiles({ db, session })).toBe(0);
    expect(posted).toHaveLength(2);
  });

  it('server unreachable or failing: the run fails with a SyncError and the file stays; refused for good: the file goes', async () => {
    const db = await replica();
    const id = await keep(db, PDF, 'a.pdf', 'application/pdf');
    await queueReply(db, [id]);
    const down = await uploadWaitingFiles({ db, session: () => ({ serverUrl: 'http://127.0.0.1:9', token: 'tok' }) }).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(SyncError);
    expect(down).toMatchObject({ code: 'server_unreachable' });
    answer = () => 500;
    expect(await uploadWaitingFiles({ db, session }).catch((e: unknown) => e)).toBeInstanceOf(SyncError);
    expect(await db.waitingUpload(id)).not.toBeNull();
    answer = () => 413;
    expect(await uploadWaitingFiles({ db, session })).toBe(0);
    expect(await db.waitingUpload(id)).toBeNull();
  });

  it('a file no reply named is forgotten a day after it was attached', async () => {
    const path = nextPath();
    const db = await openReplica({ path });
    dbs.push(db);
    const old = await keep(db, PDF, 'старый.pdf', 'application/pdf');
    const fresh = await keep(db, PDF, 'новый.pdf', 'application/pdf');
    const raw = new Database(path);
    raw.prepare('UPDATE waiting_upload SET kept_at = ? WHERE id = ?').run(new Date(Date.now() - UNSENT_FILE_KEPT_MS - 60_000).toISOString(), old);
    raw.close();
    expect(await db.dueUploads()).toEqual([]);
    expect(await db.waitingUpload(old)).toBeNull();
    expect(await db.waitingUpload(fresh)).not.toBeNull();
  });

  it('refuses malformed files at the worker boundary', async () => {
    const db = await replica();
    await expect(db.keepUpload({ id: randomUUID(), fileName: 'a.exe', mimeType: 'application/x-msdownload' as 'application/pdf', sha256: sha(PDF), bytes: new Uint8Array(PDF) })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(db.keepUpload({ id: 'not-an-id', fileName: 'a.pdf', mimeType: 'application/pdf', sha256: sha(PDF), bytes: new Uint8Array(PDF) })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(db.keepUpload({ id: randomUUID(), fileName: 'a.pdf', mimeType: 'application/pdf', sha256: sha(PDF), bytes: new Uint8Array(0) })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('the engine\'s step before the push', () => {
  let server: FakeSyncServer;
  beforeAll(async () => {
    server = await startFakeSyncServer();
  });
  afterAll(() => server.close());

  it('runs after the pull and before the push; when it fails, nothing is pushed and the writes stay queued', async () => {
    const db = await replica();
    const order: string[] = [];
    let fail = true;
    server.onPushReceived = () => void order.push('push');
    const engine = createSyncEngine({
      db: { ...db, applyCheckedPage: (input) => (order.push('pull'), db.applyCheckedPage(input)) },
      serverUrl: server.url,
      token: SYNC_TOKEN,
      live: false,
      pollIntervalMs: 3_600_000,
      backoff: { baseMs: 10_000, maxMs: 10_000 },
      beforePush: async () => {
        order.push('before push');
        if (fail) throw new SyncError('server_unreachable', 'the files server is down');
      },
    });
    try {
      await queueReply(db, []);
      const failed = await engine.syncNow();
      expect(failed).toMatchObject({ state: 'offline', reason: { code: 'server_unreachable' } });
      expect(order).not.toContain('push');
      expect(await db.outboxCount()).toBe(1);
      fail = false;
      order.length = 0;
      expect((await engine.syncNow()).state).toBe('online');
      expect(order.indexOf('before push')).toBeGreaterThan(order.indexOf('pull'));
      expect(order.indexOf('push')).toBeGreaterThan(order.indexOf('before push'));
      expect(await db.outboxCount()).toBe(0);
    } finally {
      server.onPushReceived = null;
      await engine.stop();
    }
  });
});
