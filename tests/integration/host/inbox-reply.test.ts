// Replying from the inbox, the replica's side against a real server (PGlite): the canned responses
// arrive with the first sync like any catalogue; a reply written offline is in the outbox and shown
// as queued at once, reaches the server once the link is back and comes back as the message itself;
// a file goes up through the main process's upload and rides on its reply; a reply the server
// refuses leaves the thread and its text goes back into the draft; a draft survives closing and
// reopening the replica.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRejected } from '../../../contract/sync-status.ts';
import { openReplica, type ReplicaDb } from '../../../electron/services/db/replica-client.ts';
import { createReplyService } from '../../../electron/services/inbox/reply.ts';
import { createReplyUploads } from '../../../electron/services/inbox/reply-upload.ts';
import { createSyncEngine, type SyncEngine } from '../../../electron/services/sync/engine.ts';
import { tempDir, waitFor } from '../../unit/replica/helpers.ts';
import { AGENT_IDS, LOGINS } from '../server/fixtures.ts';
import { startSyncHarness, type SyncHarness } from '../server/sync-harness.ts';

const CHAT = '40000000-0000-4000-8000-000000000001'; // the fixtures' Telegram conversation of the operator
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(700_000, 3)]);
const nextPath = tempDir();

let h: SyncHarness;
let serverUrl: string;
let token: string;
let path: string;
let db: ReplicaDb;
let engine: SyncEngine;
let offline = false;
const rejected: SyncRejected[] = [];

// The link to the server, cut and restored by the test.
const link = ((url: string, init?: RequestInit) =>
  offline ? Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })) : fetch(url, init)) as typeof fetch;

const replies = () => createReplyService({ synced: () => ({ db, engine }) });
const serverMessage = (id: string) => h.database.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();

beforeAll(async () => {
  h = await startSyncHarness();
  serverUrl = await h.app.listen({ port: 0, host: '127.0.0.1' });
  token = await h.token(LOGINS.operator);
  path = nextPath();
  db = await openReplica({ path });
  engine = createSyncEngine({ db, serverUrl, token, fetch: link, live: false, pollIntervalMs: 3_600_000, backoff: { baseMs: 100, maxMs: 500, floorMs: 50 } });
  engine.onRejected((r) => rejected.push(r));
  engine.start();
  await waitFor(async () => (await db.info()).firstSyncComplete, 30_000, 'the first sync');
});

afterAll(async () => {
  await engine?.stop();
  await db?.close();
  await h?.close();
});

describe('replying from the inbox', () => {
  it('receives the canned responses with the first sync, as the server holds them', async () => {
    const server = await h.database.db.selectFrom('canned_responses').select(['id', 'kind', 'language']).where('active', '=', true).execute();
    expect(server.length).toBeGreaterThan(10);
    expect(server.some((r) => r.kind === 'whatsapp_template')).toBe(true);
    const local = await db.cannedResponses();
    expect(new Set(local.map((c) => c.id))).toEqual(new Set(server.map((r) => r.id)));
    expect(local.findIndex((c) => c.language === 'en')).toBeGreaterThan(local.findLastIndex((c) => c.language === 'ru'));
  });

  it('queues a reply written offline, shows it at once, and sends it when the link is back', async () => {
    offline = true;
    await db.saveReplyDraft({ conversationId: CHAT, body: 'Проверили линию, всё работает.' });
    const { messageId } = await replies().send({ conversationId: CHAT, body: 'Проверили линию, всё работает.', attachments: [] });
    const queued = await db.queuedReplies({ conversationId: CHAT });
    expect(queued.map((r) => [r.messageId, r.body])).toEqual([[messageId, 'Проверили линию, всё работает.']]);
    expect(await db.replyDraft({ conversationId: CHAT })).toBeNull();
    await engine.syncNow();
    expect(engine.status()).toMatchObject({ state: 'offline', queued: 1 });
    expect(await serverMessage(messageId)).toBeUndefined();

    offline = false;
    await engine.syncNow();
    await waitFor(async () => (await db.getRow('message', messageId)) !== null, 20_000, 'the reply back from the feed');
    expect(await db.outboxCount()).toBe(0);
    expect(await db.queuedReplies({ conversationId: CHAT })).toEqual([]);
    expect(await serverMessage(messageId)).toMatchObject({ conversation_id: CHAT, direction: 'out', author_agent_id: AGENT_IDS.operator, body: 'Проверили линию, всё работает.', channel: 'telegram' });
    expect((await db.getRow('message', messageId))?.data).toMatchObject({ direction: 'out', delivery: { status: expect.any(String) } });
  });

  it('uploads a file through the main process and sends it with its reply', async () => {
    const uploads = createReplyUploads({ session: () => ({ serverUrl, token }) });
    const { uploadId } = uploads.start({ fileName: 'Схема подключения.png', mimeType: 'image/png', size: PNG.length });
    const chunk = 512 * 1024;
    for (let i = 0, at = 0; at < PNG.length; i++, at += chunk) uploads.chunk({ uploadId, index: i, data: PNG.subarray(at, at + chunk).toString('base64') });
    const file = await uploads.finish(uploadId);
    expect(file).toMatchObject({ fileName: 'Схема подключения.png', mimeType: 'image/png', size: PNG.length, refused: null });

    offline = true;
    const { messageId } = await replies().send({ conversationId: CHAT, body: 'Вот схема', attachments: [file] });
    expect((await db.queuedReplies({ conversationId: CHAT }))[0]?.attachments).toEqual([file]);
    offline = false;
    await engine.syncNow();
    await waitFor(async () => (await db.getRow('message', messageId)) !== null, 20_000, 'the reply with its file');
    const stored = await h.database.db.selectFrom('attachments').select(['message_id', 'file_name', 'size']).where('id', '=', file.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ message_id: messageId, file_name: 'Схема подключения.png', size: PNG.length });
    expect((await db.getRow('message', messageId))?.data).toMatchObject({ attachments: [{ id: file.id, fileName: 'Схема подключения.png' }] });
  });

  it('takes a refused reply out of the thread and puts its text back into the draft', async () => {
    offline = true;
    const service = replies();
    const missingFile = { id: randomUUID(), fileName: 'пропал.png', mimeType: 'image/png', size: 10, sha256: 'd'.repeat(64), refused: null };
    const { messageId } = await service.send({ conversationId: CHAT, body: 'Этот ответ сервер не примет', attachments: [missingFile] });
    await db.saveReplyDraft({ conversationId: CHAT, body: 'Пока писал новое' });
    expect(await db.queuedReplies({ conversationId: CHAT })).toHaveLength(1);
    offline = false;
    await engine.syncNow();
    await waitFor(async () => (await db.replyDraft({ conversationId: CHAT }))?.body.includes('не примет') ?? false, 20_000, 'the text back in the draft');
    expect(rejected.map((r) => [r.name, r.error.code])).toEqual([['message.reply', 'not_found']]);
    expect(await db.queuedReplies({ conversationId: CHAT })).toEqual([]);
    expect(await db.getRow('message', messageId)).toBeNull();
    expect(await serverMessage(messageId)).toBeUndefined();
    expect((await db.replyDraft({ conversationId: CHAT }))?.body).toBe('Пока писал новое\n\nЭтот ответ сервер не примет');
  });

  it('keeps a draft across closing and reopening the replica', async () => {
    await db.saveReplyDraft({ conversationId: CHAT, body: 'Черновик, который нельзя потерять' });
    await engine.stop();
    await db.close();
    db = await openReplica({ path });
    expect(await db.replyDraft({ conversationId: CHAT })).toMatchObject({ body: 'Черновик, который нельзя потерять' });
  });
});
