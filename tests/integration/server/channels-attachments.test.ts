// Files over HTTP for the client: uploaded for a reply (size limit, roles, empty and oddly named
// files), sent through the channel from there, and read back as downloads that a browser will not
// sniff or run.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageAttachment, type Role } from '../../../contract/index.ts';
import { storeAttachment } from '../../../server/src/channels/attachment-store.ts';
import { ATTACHMENT_ID_HEADER, ATTACHMENTS_PATH, FILE_NAME_HEADER } from '../../../server/src/routes/channels-attachments.ts';
import { TELEGRAM_SECRET_HEADER, TELEGRAM_WEBHOOK_PATH } from '../../../server/src/routes/channels-telegram.ts';
import { startChannelHarness, type ChannelHarness } from './fakes/channel-harness.ts';
import { startFakeTelegram, telegramUpdates, type FakeTelegram } from './fakes/telegram-bot-api.ts';

const SECRET = 'attachments-secret';
let tg: FakeTelegram;
let h: ChannelHarness;

beforeAll(async () => {
  tg = await startFakeTelegram();
  h = await startChannelHarness({ telegram: { botToken: tg.token, webhookSecret: SECRET, apiBase: tg.url } }, new Date(Math.floor(Date.now() / 1000) * 1000));
});
afterAll(async () => {
  await h?.close();
  await tg?.close();
});

async function upload(bytes: Buffer, fileName: string, mimeType: string, role: Role | null = 'operator', id?: string) {
  return h.app.inject({
    method: 'POST',
    url: ATTACHMENTS_PATH,
    headers: {
      'x-pult-protocol': '1',
      ...(id ? { [ATTACHMENT_ID_HEADER]: id } : {}),
      'content-type': mimeType,
      [FILE_NAME_HEADER]: encodeURIComponent(fileName),
      ...(role ? { authorization: `Bearer ${await h.tokenFor(role)}` } : {}),
    },
    payload: bytes,
  });
}
const download = async (id: string, role: Role = 'operator') => h.request({ url: `${ATTACHMENTS_PATH}/${id}`, token: await h.tokenFor(role) });

describe('attachments over HTTP', () => {
  it('uploads a file, sends it with a reply, and gives it back as a download', async () => {
    const bytes = randomBytes(5000);
    const r = await upload(bytes, 'Фото счётчика.jpg', 'image/jpeg');
    expect(r.statusCode, r.body).toBe(201);
    const att = MessageAttachment.parse(r.json());
    expect(att).toMatchObject({ fileName: 'Фото счётчика.jpg', mimeType: 'image/jpeg', size: 5000, sha256: createHash('sha256').update(bytes).digest('hex'), refused: null });

    const update = telegramUpdates.text(700_001, 1, { id: 661_001 }, 'Пришлите фото', Math.floor(h.clock.now.getTime() / 1000));
    await h.app.inject({ method: 'POST', url: TELEGRAM_WEBHOOK_PATH, headers: { 'content-type': 'application/json', [TELEGRAM_SECRET_HEADER]: SECRET }, payload: JSON.stringify(update) });
    const cv = await h.database.db.selectFrom('conversations').select('id').where('external_address', '=', '661001').executeTakeFirstOrThrow();
    const messageId = randomUUID();
    expect((await h.push('operator', 'message.reply', { conversationId: cv.id, messageId, body: '', attachmentIds: [att.id] })).status).toBe('applied');
    await h.dispatcher.runOnce();
    expect(tg.sent).toEqual([{ method: 'sendPhoto', chatId: '661001', file: { name: 'Фото счётчика.jpg', type: 'image/jpeg', size: 5000, sha256: att.sha256 } }]);

    const d = await download(att.id);
    expect(d.statusCode).toBe(200);
    expect(d.rawPayload.equals(bytes)).toBe(true);
    expect(d.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('Фото счётчика.jpg')}`,
      'x-content-type-options': 'nosniff',
    });
    expect(String(d.headers['content-security-policy'])).toContain('sandbox');
  });

  it('a file kept offline under an id the client made: stored under it, the same again is the same file, other bytes are a conflict', async () => {
    const id = randomUUID();
    const bytes = randomBytes(3000);
    const first = await upload(bytes, 'скан.pdf', 'application/pdf', 'operator', id);
    expect(first.statusCode, first.body).toBe(201);
    expect(MessageAttachment.parse(first.json())).toMatchObject({ id, fileName: 'скан.pdf', size: 3000 });
    // The answer was lost; the client sends the file again.
    const before = await h.counts();
    const again = await upload(bytes, 'скан.pdf', 'application/pdf', 'operator', id);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await h.counts()).toEqual(before);
    const other = await upload(randomBytes(3000), 'другой.pdf', 'application/pdf', 'operator', id);
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ error: { code: 'conflict', field: ATTACHMENT_ID_HEADER } });
    expect((await download(id)).rawPayload.equals(bytes)).toBe(true);
    const notAnId = await upload(bytes, 'x.pdf', 'application/pdf', 'operator', 'not-a-uuid');
    expect(notAnId.statusCode).toBe(400);
  });

  it('an HTML file is served as a sandboxed download, never inline', async () => {
    const r = await upload(Buffer.from('<script>window.pwned=1</script>'), '<img src=x onerror=alert(1)>.html', 'text/html');
    expect(r.statusCode).toBe(201);
    const d = await download((r.json() as { id: string }).id, 'quality_manager');
    expect(d.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(d.headers['content-disposition']).not.toMatch(/[<>"]/);
    expect(String(d.headers['content-security-policy'])).toContain("default-src 'none'");
  });

  it('refuses a file over the limit with 413 and stores nothing', async () => {
    const before = await h.counts();
    const r = await upload(randomBytes(h.settings.attachmentMaxBytes + 1), 'big.bin', 'application/octet-stream');
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(await h.counts()).toEqual(before);
  });

  it.each([
    ['no sign-in', null, 401],
    ['a role that does not reply', 'admin', 403],
  ] as const)('refuses an upload with %s', async (_what, role, status) => {
    const before = await h.counts();
    expect((await upload(Buffer.from('x'), 'a.txt', 'text/plain', role)).statusCode).toBe(status);
    expect(await h.counts()).toEqual(before);
  });

  it('refuses an empty file and a file name that is not percent-encoded', async () => {
    expect((await upload(Buffer.alloc(0), 'empty.txt', 'text/plain')).statusCode).toBe(400);
    const r = await h.app.inject({
      method: 'POST', url: ATTACHMENTS_PATH, payload: Buffer.from('x'),
      headers: { 'x-pult-protocol': '1', 'content-type': 'text/plain', [FILE_NAME_HEADER]: '%E0%A4%A', authorization: `Bearer ${await h.tokenFor('operator')}` },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: { code: 'invalid_input', field: FILE_NAME_HEADER } });
  });

  it('a message\'s file goes only to whom the message is synced, and to who oversees every conversation', async () => {
    // A conversation outside the operator's scope: written without feed rows for them, as one
    // another operator holds would be.
    const db = h.database.db;
    const conversationId = randomUUID();
    const messageId = randomUUID();
    const now = h.clock.now;
    await db.insertInto('conversations').values({
      id: conversationId, channel: 'email', customer_id: null, external_address: 'chuzhoy@example.org', subject: 'Скан', status: 'open',
      category: null, assignee_id: null, created_at: now, updated_at: now, last_inbound_at: now,
    }).execute();
    await db.insertInto('messages').values({ id: messageId, conversation_id: conversationId, direction: 'in', author_agent_id: null, body: 'Скан договора', created_at: now, channel: null, channel_message_id: null }).execute();
    const bytes = randomBytes(1200);
    const id = await db.transaction().execute((trx) => storeAttachment(trx, { fileName: 'договор.pdf', mimeType: 'application/pdf', bytes }, { messageId, position: 0, now }));
    expect((await download(id, 'operator')).statusCode).toBe(404);
    expect((await download(id, 'personal_manager')).statusCode).toBe(404);
    const seen = await download(id, 'supervisor');
    expect(seen.statusCode).toBe(200);
    expect(seen.rawPayload.equals(bytes)).toBe(true);
    expect((await download(id, 'quality_manager')).statusCode).toBe(200);
  });

  it('answers 404 for an unknown file and one that was not kept, 400 for a malformed id', async () => {
    expect((await download(randomUUID())).statusCode).toBe(404);
    const refused = await h.database.db.transaction().execute((trx) =>
      storeAttachment(trx, { fileName: 'huge.zip', mimeType: 'application/zip', size: 10 ** 9, refused: 'too_large' }, { messageId: null, position: 0, now: h.clock.now }));
    expect((await download(refused)).statusCode).toBe(404);
    expect((await download('not-a-uuid')).statusCode).toBe(400);
  });
});
