// Telegram in and out against a local Bot API that speaks the documented contract: the webhook's
// secret token, Updates of every shape the inbox keeps (text, photo, document with caption), replays
// and kinds it does not keep, files downloaded through getFile (refused above the limit, the message
// kept), and replies sent by the dispatcher through sendMessage / sendPhoto / sendDocument with the
// Bot API's answer (message id, or its description of a failure) recorded.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Message, SYNC_API, SYNC_PROTOCOL_VERSION, PullResponse } from '../../../contract/index.ts';
import { TELEGRAM_SECRET_HEADER, TELEGRAM_WEBHOOK_PATH } from '../../../server/src/routes/channels-telegram.ts';
import { refreshScope } from '../../../server/src/sync/scope.ts';
import { startChannelHarness, type ChannelHarness } from './fakes/channel-harness.ts';
import { startFakeTelegram, telegramUpdates, type FakeTelegram } from './fakes/telegram-bot-api.ts';
import { AGENT_IDS, CUSTOMER_IDS } from './fixtures.ts';

const SECRET = 'pult-webhook-secret_42';
// Near the real time: signing in clears sessions that expired by the wall clock.
const START = new Date(Math.floor(Date.now() / 1000) * 1000);
const unix = (d: Date) => Math.floor(d.getTime() / 1000);

let tg: FakeTelegram;
let h: ChannelHarness;
let nextUpdate = 500_000;
let nextMessage = 1;

beforeAll(async () => {
  tg = await startFakeTelegram();
  h = await startChannelHarness({ telegram: { botToken: tg.token, webhookSecret: SECRET, apiBase: tg.url } }, START);
});
afterAll(async () => {
  await h?.close();
  await tg?.close();
});
beforeEach(() => {
  tg.sent.length = 0;
});

const post = (body: unknown, secret: string | null = SECRET) =>
  h.app.inject({
    method: 'POST',
    url: TELEGRAM_WEBHOOK_PATH,
    headers: { 'content-type': 'application/json', ...(secret === null ? {} : { [TELEGRAM_SECRET_HEADER]: secret }) },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

const ALENA = { id: 734_100_501, username: 'alena_iv' };
const text = (words: string, from: { id: number; username?: string } = ALENA) => telegramUpdates.text(nextUpdate++, nextMessage++, from, words, unix(h.clock.now));

async function stored(chatId: number, messageId: number) {
  return h.database.db.selectFrom('messages as m').innerJoin('conversations as cv', 'cv.id', 'm.conversation_id')
    .select(['m.id', 'm.body', 'm.direction', 'm.created_at', 'cv.id as conversation_id', 'cv.customer_id', 'cv.status', 'cv.assignee_id', 'cv.external_address', 'cv.last_inbound_at'])
    .where('m.channel', '=', 'telegram').where('m.channel_message_id', '=', `${chatId}:${messageId}`).executeTakeFirst();
}

describe('Telegram webhook', () => {
  it('stores a text message in a new unassigned conversation with the customer matched by @username', async () => {
    const update = text('Здравствуйте! Не работает интернет');
    const r = await post(update);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, outcome: 'stored' });
    const m = await stored(ALENA.id, update.message.message_id);
    expect(m).toMatchObject({ body: 'Здравствуйте! Не работает интернет', direction: 'in', customer_id: CUSTOMER_IDS.ivanova, status: 'new', assignee_id: null, external_address: String(ALENA.id) });
    expect(m!.created_at.getTime()).toBe(update.message.date * 1000);
    expect(m!.last_inbound_at!.getTime()).toBe(update.message.date * 1000);

    // The next message of the same chat joins the same open conversation.
    const second = text('Роутер перезагружала');
    expect((await post(second)).statusCode).toBe(200);
    expect((await stored(ALENA.id, second.message.message_id))!.conversation_id).toBe(m!.conversation_id);

    // Waiting for the customer, and the customer answers: open again. Resolved: a new conversation.
    await h.database.db.updateTable('conversations').set({ status: 'waiting_customer' }).where('id', '=', m!.conversation_id).execute();
    const third = text('Всё равно не работает');
    await post(third);
    expect(await stored(ALENA.id, third.message.message_id)).toMatchObject({ conversation_id: m!.conversation_id, status: 'open' });
    await h.database.db.updateTable('conversations').set({ status: 'resolved' }).where('id', '=', m!.conversation_id).execute();
    const fourth = text('Новый вопрос');
    await post(fourth);
    expect((await stored(ALENA.id, fourth.message.message_id))!.conversation_id).not.toBe(m!.conversation_id);
  });

  it('a sender no customer has gets a conversation without a customer', async () => {
    const update = text('Сколько стоит подключение?', { id: 555_000_111 });
    expect((await post(update)).statusCode).toBe(200);
    expect(await stored(555_000_111, update.message.message_id)).toMatchObject({ customer_id: null, status: 'new' });
  });

  it('a replayed update changes nothing', async () => {
    const update = text('Повтор');
    expect((await post(update)).json()).toMatchObject({ outcome: 'stored' });
    const before = await h.counts();
    const again = await post(update);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ outcome: 'duplicate' });
    expect(await h.counts()).toEqual(before);
  });

  it.each([
    ['missing', null],
    ['wrong', 'not-the-secret'],
    ['a prefix of the right one', SECRET.slice(0, -1)],
  ])('refuses a %s secret token with 401 and stores nothing', async (_what, secret) => {
    const before = await h.counts();
    const r = await post(text('Подделка'), secret);
    expect(r.statusCode).toBe(401);
    expect(r.json()).toMatchObject({ error: { code: 'not_authenticated' } });
    expect(await h.counts()).toEqual(before);
  });

  it.each([
    ['truncated JSON', () => JSON.stringify(text('Обрыв')).slice(0, 40)],
    ['update_id as a string', () => ({ ...text('x'), update_id: 'abc' })],
    ['a message without a chat', () => ({ update_id: nextUpdate++, message: { message_id: 1, date: 1, text: 'x' } })],
    ['not an object', () => '[1,2,3]'],
  ])('refuses %s with 400 and stores nothing', async (_what, body) => {
    const before = await h.counts();
    const r = await post(body());
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: { code: 'invalid_input' } });
    expect(await h.counts()).toEqual(before);
  });

  it('acknowledges update kinds the inbox does not keep, storing no message', async () => {
    const before = await h.counts();
    const edited = { update_id: nextUpdate++, edited_message: { ...text('исправлено').message, edit_date: unix(h.clock.now) } };
    const callback = { update_id: nextUpdate++, callback_query: { id: '4382bfdwdsb323b2d9', from: telegramUpdates.user(ALENA.id), chat_instance: '-1', data: 'yes' } };
    const sticker = { update_id: nextUpdate++, message: { ...text('').message, text: undefined, sticker: { file_id: 'CAAC', file_unique_id: 'u', width: 512, height: 512, is_animated: false, is_video: false, type: 'regular' } } };
    for (const u of [edited, callback, sticker]) {
      const r = await post(u);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ outcome: 'ignored' });
    }
    const after = await h.counts();
    expect({ ...after, events: before.events }).toEqual(before);
    expect(after.events).toBe(before.events + 3);
  });

  it('downloads a photo through getFile and keeps it once, whatever the number of messages carrying it', async () => {
    const bytes = randomBytes(20_000);
    const file = tg.addFile(bytes, 'jpg');
    const first = telegramUpdates.photo(nextUpdate++, nextMessage++, ALENA, file, 'Вот что горит на роутере', unix(h.clock.now));
    const second = telegramUpdates.photo(nextUpdate++, nextMessage++, ALENA, file, 'Ещё раз', unix(h.clock.now));
    const blobs = (await h.counts()).blobs;
    expect((await post(first)).statusCode).toBe(200);
    expect((await post(second)).statusCode).toBe(200);
    expect((await h.counts()).blobs).toBe(blobs + 1);
    const m = await stored(ALENA.id, first.message.message_id);
    expect(m!.body).toBe('Вот что горит на роутере');
    const att = await h.database.db.selectFrom('attachments as a').innerJoin('attachment_blobs as b', 'b.sha256', 'a.sha256')
      .select(['a.file_name', 'a.mime_type', 'a.size', 'a.sha256', 'a.refused', 'b.bytes']).where('a.message_id', '=', m!.id).executeTakeFirstOrThrow();
    expect(att).toMatchObject({ mime_type: 'image/jpeg', size: 20_000, refused: null, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(Buffer.from(att.bytes).equals(bytes)).toBe(true);
  });

  it('keeps a document with its name and type', async () => {
    const bytes = Buffer.from('%PDF-1.4\n% договор\n');
    const file = tg.addFile(bytes, 'pdf');
    const u = telegramUpdates.document(nextUpdate++, nextMessage++, ALENA, { ...file, name: '../../Договор №5.pdf', mime: 'application/pdf' }, unix(h.clock.now));
    expect((await post(u)).statusCode).toBe(200);
    const m = await stored(ALENA.id, u.message.message_id);
    const att = await h.database.db.selectFrom('attachments').selectAll().where('message_id', '=', m!.id).executeTakeFirstOrThrow();
    expect(att).toMatchObject({ file_name: 'Договор №5.pdf', mime_type: 'application/pdf', size: bytes.length, refused: null });
  });

  it('refuses a file over the limit (declared: not even downloaded; undeclared: cut off), keeping the message', async () => {
    const big = randomBytes(h.settings.attachmentMaxBytes + 1);
    const declared = tg.addFile(big, 'zip');
    const undeclared = tg.addFile(big, 'zip');
    const a = telegramUpdates.document(nextUpdate++, nextMessage++, ALENA, { ...declared, name: 'backup.zip', mime: 'application/zip' }, unix(h.clock.now));
    const b = telegramUpdates.document(nextUpdate++, nextMessage++, ALENA, { ...undeclared, size: undefined, name: 'backup2.zip', mime: 'application/zip' }, unix(h.clock.now));
    const blobs = (await h.counts()).blobs;
    for (const u of [a, b]) {
      expect((await post(u)).statusCode).toBe(200);
      const m = await stored(ALENA.id, u.message.message_id);
      expect(m).toBeDefined();
      const att = await h.database.db.selectFrom('attachments').selectAll().where('message_id', '=', m!.id).executeTakeFirstOrThrow();
      expect(att).toMatchObject({ refused: 'too_large', sha256: null });
    }
    expect(tg.downloads.get(declared.fileId) ?? 0).toBe(0);
    expect((await h.counts()).blobs).toBe(blobs);
  });
});

describe('Telegram replies', () => {
  let conversationId: string;
  beforeAll(async () => {
    const u = text('Жду ответа', { id: 880_000_001 });
    await post(u);
    conversationId = (await stored(880_000_001, u.message.message_id))!.conversation_id;
  });

  it('a reply is queued by the push, sent by the dispatcher with sendMessage, and its message id stored', async () => {
    const messageId = randomUUID();
    expect(await h.push('operator', 'message.reply', { conversationId, messageId, body: 'Добрый день! Проверяем линию.' })).toEqual({ seq: 1, status: 'applied' });
    expect(await h.message(messageId)).toMatchObject({ direction: 'out', delivery_status: 'queued', author_agent_id: AGENT_IDS.operator, channel: 'telegram' });
    expect(await h.dispatcher.runOnce()).toBe(1);
    expect(tg.sent).toEqual([{ method: 'sendMessage', chatId: '880000001', text: 'Добрый день! Проверяем линию.' }]);
    const m = await h.message(messageId);
    expect(m).toMatchObject({ delivery_status: 'sent', delivery_error: null, delivery_attempts: 1 });
    expect(m.channel_message_id).toMatch(/^880000001:\d+$/);
    // Nothing queued is left: the next round sends nothing again.
    expect(await h.dispatcher.runOnce()).toBe(0);
    expect(tg.sent).toHaveLength(1);

    // The operator who takes the conversation gets the reply through the feed, as the contract says.
    await h.database.db.updateTable('conversations').set({ assignee_id: AGENT_IDS.operator, status: 'open' }).where('id', '=', conversationId).execute();
    await refreshScope(h.database.db, AGENT_IDS.operator, { now: h.clock.now, scopeDays: 14 });
    const token = await h.tokenFor('operator');
    const pull = await h.request({ method: 'POST', url: SYNC_API.pull, token, body: { protocol: SYNC_PROTOCOL_VERSION, after: '0', limit: 2000 } });
    const page = PullResponse.parse(pull.json());
    const row = page.changes.find((c) => c.entity === 'message' && c.id === messageId);
    expect(row?.op).toBe('upsert');
    const data = Message.parse((row as { data: unknown }).data);
    expect(data).toMatchObject({ direction: 'out', channelMessageId: m.channel_message_id, delivery: { status: 'sent', errorCode: null, error: null } });
    // Messages without channel fields keep exactly their old shape.
    const old = page.changes.find((c) => c.entity === 'message' && c.id === '50000000-0000-4000-8000-000000000001');
    expect(Object.keys((old as { data: object }).data).sort()).toEqual(['authorAgentId', 'body', 'conversationId', 'createdAt', 'direction', 'id']);
  });

  it('a resent reply is not stored or sent twice', async () => {
    const messageId = randomUUID();
    const args = { conversationId, messageId, body: 'Один раз' };
    expect((await h.push('operator', 'message.reply', args)).status).toBe('applied');
    expect((await h.push('operator', 'message.reply', args)).status).toBe('applied');
    await h.dispatcher.runOnce();
    expect(tg.sent.filter((s) => s.text === 'Один раз')).toHaveLength(1);
  });

  it('sends files with sendPhoto and sendDocument, the words as the first caption', async () => {
    const photo = randomBytes(3000);
    const pdf = Buffer.from('%PDF-1.4 счёт');
    const ids = [await h.upload(photo, 'router.png', 'image/png'), await h.upload(pdf, 'Счёт.pdf', 'application/pdf')];
    const messageId = randomUUID();
    expect((await h.push('operator', 'message.reply', { conversationId, messageId, body: 'Схема подключения и счёт', attachmentIds: ids })).status).toBe('applied');
    await h.dispatcher.runOnce();
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(tg.sent).toEqual([
      { method: 'sendPhoto', chatId: '880000001', caption: 'Схема подключения и счёт', file: { name: 'router.png', type: 'image/png', size: 3000, sha256: sha(photo) } },
      { method: 'sendDocument', chatId: '880000001', file: { name: 'Счёт.pdf', type: 'application/pdf', size: pdf.length, sha256: sha(pdf) } },
    ]);
    expect(await h.message(messageId)).toMatchObject({ delivery_status: 'sent' });
    // A file belongs to one message.
    const again = await h.push('operator', 'message.reply', { conversationId, messageId: randomUUID(), body: 'ещё', attachmentIds: [ids[0]] });
    expect(again).toMatchObject({ status: 'rejected', error: { code: 'conflict', field: 'mutations.0.args.attachmentIds.0' } });
  });

  it('records the Bot API\'s refusal with its description, without retrying', async () => {
    tg.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user');
    const messageId = randomUUID();
    await h.push('operator', 'message.reply', { conversationId, messageId, body: 'Вы здесь?' });
    await h.dispatcher.runOnce();
    expect(await h.message(messageId)).toMatchObject({ delivery_status: 'failed', delivery_error_code: 'channel_rejected', delivery_error: 'Forbidden: bot was blocked by the user', delivery_attempts: 1 });
    expect(await h.dispatcher.runOnce()).toBe(0);
  });

  it('retries a server error and succeeds; gives up after the last attempt', async () => {
    tg.failNext('sendMessage', 502, 'Bad Gateway', 2);
    const ok = randomUUID();
    await h.push('operator', 'message.reply', { conversationId, messageId: ok, body: 'Со второй попытки' });
    await h.dispatcher.runOnce();
    expect(await h.message(ok)).toMatchObject({ delivery_status: 'queued', delivery_error: 'Bad Gateway', delivery_attempts: 1 });
    await h.dispatcher.runOnce();
    await h.dispatcher.runOnce();
    expect(await h.message(ok)).toMatchObject({ delivery_status: 'sent', delivery_attempts: 3 });

    tg.failNext('sendMessage', 500, 'Internal Server Error', h.settings.dispatchMaxAttempts);
    const never = randomUUID();
    await h.push('operator', 'message.reply', { conversationId, messageId: never, body: 'Не уйдёт' });
    for (let i = 0; i < h.settings.dispatchMaxAttempts + 2; i++) await h.dispatcher.runOnce();
    expect(await h.message(never)).toMatchObject({ delivery_status: 'failed', delivery_error_code: 'channel_unreachable', delivery_attempts: h.settings.dispatchMaxAttempts });
    expect(tg.sent.filter((s) => s.text === 'Не уйдёт')).toHaveLength(0);
  });

  it('refuses replies it cannot send: a phone conversation, a template on Telegram, a role that may not, an empty reply', async () => {
    const phone = '40000000-0000-4000-8000-0000000000aa';
    await h.database.db.insertInto('conversations').values({
      id: phone, channel: 'phone', customer_id: null, external_address: '+79160000000', subject: null, status: 'open', category: null, assignee_id: null, created_at: START, updated_at: START,
    }).execute();
    expect(await h.push('operator', 'message.reply', { conversationId: phone, messageId: randomUUID(), body: 'x' })).toMatchObject({ status: 'rejected', error: { code: 'invalid_input', field: 'mutations.0.args.conversationId' } });
    expect(await h.push('operator', 'message.reply', { conversationId, messageId: randomUUID(), body: '', template: { name: 'service_followup', language: 'ru' } }))
      .toMatchObject({ status: 'rejected', error: { code: 'invalid_input', field: 'mutations.0.args.template' } });
    expect(await h.push('quality_manager', 'message.reply', { conversationId, messageId: randomUUID(), body: 'x' })).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect(await h.push('operator', 'message.reply', { conversationId, messageId: randomUUID(), body: '   ' })).toMatchObject({ status: 'rejected', error: { code: 'invalid_input', field: 'mutations.0.args.body' } });
  });
});
