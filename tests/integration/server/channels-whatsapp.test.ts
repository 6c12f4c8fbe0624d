// WhatsApp in and out against a local Graph API that speaks the Cloud API's documented contract:
// the verify-token handshake, X-Hub-Signature-256 over the raw body (missing, forged, or of another
// body → 401 and nothing stored), messages (text, image, document) and statuses from the webhook's
// payload shapes, media fetched by id with the bearer token, replays, and replies: text within the
// customer's 24-hour window, only a template outside it (anything else refused with a reason code).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WHATSAPP_SIGNATURE_HEADER, WHATSAPP_WEBHOOK_PATH } from '../../../server/src/routes/channels-whatsapp.ts';
import { startChannelHarness, type ChannelHarness } from './fakes/channel-harness.ts';
import { signWith, startFakeWhatsApp, wamid, whatsappPayloads, type FakeWhatsApp } from './fakes/whatsapp-graph-api.ts';
import { CUSTOMER_IDS } from './fixtures.ts';

const APP_SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const VERIFY_TOKEN = 'pult-verify-7f3a';
// Near the real time: signing in clears sessions that expired by the wall clock.
const START = new Date(Math.floor(Date.now() / 1000) * 1000);
const HOUR = 60 * 60 * 1000;
const PETROV = '79031112233'; // the fixture customer with this WhatsApp id

let wa: FakeWhatsApp;
let h: ChannelHarness;
let payloads: ReturnType<typeof whatsappPayloads>;

beforeAll(async () => {
  wa = await startFakeWhatsApp();
  payloads = whatsappPayloads(wa.phoneNumberId);
  h = await startChannelHarness({
    whatsapp: { accessToken: wa.accessToken, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, phoneNumberId: wa.phoneNumberId, graphBase: wa.url },
  }, START);
});
afterAll(async () => {
  await h?.close();
  await wa?.close();
});
beforeEach(() => {
  wa.sent.length = 0;
});

/** POSTs the body exactly as given, signed with `secret` (or the given header, or none). */
const post = (body: unknown, signature: { secret?: string; header?: string | null } = {}) => {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const header = signature.header !== undefined ? signature.header : signWith(signature.secret ?? APP_SECRET, raw);
  return h.app.inject({
    method: 'POST',
    url: WHATSAPP_WEBHOOK_PATH,
    headers: { 'content-type': 'application/json', ...(header === null ? {} : { [WHATSAPP_SIGNATURE_HEADER]: header }) },
    payload: raw,
  });
};

async function stored(id: string) {
  return h.database.db.selectFrom('messages as m').innerJoin('conversations as cv', 'cv.id', 'm.conversation_id')
    .select(['m.id', 'm.body', 'm.created_at', 'cv.id as conversation_id', 'cv.customer_id', 'cv.status', 'cv.external_address', 'cv.last_inbound_at'])
    .where('m.channel', '=', 'whatsapp').where('m.channel_message_id', '=', id).executeTakeFirst();
}

describe('WhatsApp webhook handshake', () => {
  const verify = (query: string) => h.app.inject({ method: 'GET', url: `${WHATSAPP_WEBHOOK_PATH}?${query}` });
  it('echoes hub.challenge for a subscription with our verify token', async () => {
    const r = await verify(`hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${VERIFY_TOKEN}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('1158201444');
  });
  it.each([
    ['a wrong verify token', 'hub.mode=subscribe&hub.challenge=1&hub.verify_token=guess'],
    ['no verify token', 'hub.mode=subscribe&hub.challenge=1'],
    ['another mode', `hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=${VERIFY_TOKEN}`],
    ['no challenge', `hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}`],
  ])('answers 403 to %s', async (_what, query) => {
    expect((await verify(query)).statusCode).toBe(403);
  });
});

describe('WhatsApp webhook', () => {
  it('stores a text message, matches the customer by WhatsApp id, and notes when they wrote', async () => {
    const id = wamid();
    const at = new Date(START.getTime() - 60_000);
    const r = await post(payloads.text(PETROV, id, 'Добрый день, когда включат интернет?', at));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, stored: 1, duplicate: false });
    const m = await stored(id);
    expect(m).toMatchObject({ body: 'Добрый день, когда включат интернет?', customer_id: CUSTOMER_IDS.petrov, status: 'new', external_address: PETROV });
    expect(m!.last_inbound_at!.getTime()).toBe(at.getTime());
  });

  it('matches a customer by phone when no WhatsApp id is on file', async () => {
    // Семёнов: +74842567890 on file, no WhatsApp id.
    const id = wamid();
    expect((await post(payloads.text('74842567890', id, 'Это Семёнов', START))).statusCode).toBe(200);
    expect((await stored(id))!.customer_id).toBe(CUSTOMER_IDS.semenov);
  });

  it.each([
    ['no signature', { header: null }],
    ['a signature with another secret', { secret: 'not-the-app-secret' }],
    ['a malformed signature', { header: 'sha256=xyz' }],
    ['a signature of another body', { header: signWith(APP_SECRET, '{"object":"whatsapp_business_account","entry":[]}') }],
  ] as const)('refuses %s with 401 and stores nothing', async (_what, signature) => {
    const before = await h.counts();
    const r = await post(payloads.text(PETROV, wamid(), 'Подделка', START), signature);
    expect(r.statusCode).toBe(401);
    expect(await h.counts()).toEqual(before);
  });

  it('a replayed delivery, and the same message in another delivery, are stored once', async () => {
    const id = wamid();
    const body = payloads.text(PETROV, id, 'Один раз', START);
    expect((await post(body)).json()).toMatchObject({ stored: 1 });
    const before = await h.counts();
    expect((await post(body)).json()).toMatchObject({ duplicate: true, stored: 0 });
    const other = { ...body, entry: [{ ...body.entry[0]!, id: '102290129340399' }] };
    expect((await post(other)).json()).toMatchObject({ duplicate: false, stored: 0 });
    expect({ ...(await h.counts()), events: before.events }).toEqual(before);
  });

  it.each([
    ['truncated JSON', () => JSON.stringify(payloads.text(PETROV, wamid(), 'x', START)).slice(0, 60)],
    ['another object', () => ({ object: 'page', entry: [] })],
    ['a message without a sender', () => {
      const p = payloads.text(PETROV, wamid(), 'x', START);
      delete (p.entry[0]!.changes[0]!.value as unknown as { messages: Array<Record<string, unknown>> }).messages[0]!.from;
      return p;
    }],
  ])('refuses %s (correctly signed) with 400 and stores nothing', async (_what, body) => {
    const before = await h.counts();
    const r = await post(body());
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json()).toMatchObject({ error: { code: 'invalid_input' } });
    expect(await h.counts()).toEqual(before);
  });

  it('acknowledges message types the inbox does not keep', async () => {
    const before = await h.counts();
    const r = await post(payloads.sticker(PETROV, wamid(), START));
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ stored: 0, ignored: 1 });
    expect({ ...(await h.counts()), events: before.events }).toEqual(before);
  });

  it('fetches an image by media id with the bearer token, keeping caption and bytes', async () => {
    const bytes = randomBytes(10_000);
    const mediaId = wa.addMedia(bytes, 'image/jpeg');
    const id = wamid();
    expect((await post(payloads.image(PETROV, id, mediaId, 'Фото квитанции', START))).statusCode).toBe(200);
    const m = await stored(id);
    expect(m!.body).toBe('Фото квитанции');
    const att = await h.database.db.selectFrom('attachments as a').innerJoin('attachment_blobs as b', 'b.sha256', 'a.sha256')
      .select(['a.mime_type', 'a.size', 'a.sha256', 'b.bytes']).where('a.message_id', '=', m!.id).executeTakeFirstOrThrow();
    expect(att).toMatchObject({ mime_type: 'image/jpeg', size: 10_000, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(Buffer.from(att.bytes).equals(bytes)).toBe(true);
  });

  it('keeps a document\'s file name; refuses one over the limit without downloading it, keeping the message', async () => {
    const small = wa.addMedia(Buffer.from('%PDF-1.4 акт'), 'application/pdf');
    const id = wamid();
    await post(payloads.document(PETROV, id, small, 'Акт сверки.pdf', START));
    expect(await h.database.db.selectFrom('attachments').select(['file_name', 'refused']).where('message_id', '=', (await stored(id))!.id).executeTakeFirst())
      .toEqual({ file_name: 'Акт сверки.pdf', refused: null });

    const big = wa.addMedia(randomBytes(h.settings.attachmentMaxBytes + 1), 'application/pdf');
    const downloads = wa.mediaDownloads;
    const bigId = wamid();
    expect((await post(payloads.document(PETROV, bigId, big, 'Скан.pdf', START))).statusCode).toBe(200);
    const m = await stored(bigId);
    expect(m).toBeDefined();
    expect(await h.database.db.selectFrom('attachments').select(['file_name', 'refused', 'sha256']).where('message_id', '=', m!.id).executeTakeFirst())
      .toEqual({ file_name: 'Скан.pdf', refused: 'too_large', sha256: null });
    expect(wa.mediaDownloads).toBe(downloads);
  });
});

describe('WhatsApp replies', () => {
  let conversationId: string;
  const WA = '79265550001';
  beforeAll(async () => {
    const id = wamid();
    await post(payloads.text(WA, id, 'Можно перенести визит мастера?', h.clock.now));
    conversationId = (await stored(id))!.conversation_id;
  });

  it('sends text within 24 hours; statuses move it to delivered and read, never back', async () => {
    const messageId = randomUUID();
    expect(await h.push('operator', 'message.reply', { conversationId, messageId, body: 'Да, на завтра с 10 до 12.' })).toEqual({ seq: 1, status: 'applied' });
    await h.dispatcher.runOnce();
    expect(wa.sent).toEqual([{ messaging_product: 'whatsapp', recipient_type: 'individual', to: WA, type: 'text', text: { body: 'Да, на завтра с 10 до 12.', preview_url: false } }]);
    const sent = await h.message(messageId);
    expect(sent).toMatchObject({ delivery_status: 'sent' });
    const id = sent.channel_message_id as string;
    expect(id).toMatch(/^wamid\./);

    const at = (s: number) => new Date(h.clock.now.getTime() + s * 1000);
    expect((await post(payloads.status(id, 'delivered', WA, at(1)))).json()).toMatchObject({ statuses: 1 });
    expect(await h.message(messageId)).toMatchObject({ delivery_status: 'delivered' });
    expect((await post(payloads.status(id, 'read', WA, at(2)))).json()).toMatchObject({ statuses: 1 });
    // A late "delivered" (Meta does not promise order) does not move it back.
    const late = await post(payloads.status(id, 'delivered', WA, at(3)));
    expect(late.json()).toMatchObject({ statuses: 0 });
    expect(await h.message(messageId)).toMatchObject({ delivery_status: 'read' });
    // A status of a message that is not ours is acknowledged and changes nothing.
    expect((await post(payloads.status(wamid(), 'read', WA, at(4)))).statusCode).toBe(200);
  });

  it('records a failed status with Meta\'s error', async () => {
    const messageId = randomUUID();
    await h.push('operator', 'message.reply', { conversationId, messageId, body: 'Проверка' });
    await h.dispatcher.runOnce();
    const id = (await h.message(messageId)).channel_message_id as string;
    await post(payloads.status(id, 'failed', WA, h.clock.now, { code: 131026, title: 'Message undeliverable', details: 'Message Undeliverable.' }));
    expect(await h.message(messageId)).toMatchObject({ delivery_status: 'failed', delivery_error_code: 'channel_rejected', delivery_error: '(#131026) Message undeliverable: Message Undeliverable.' });
  });

  it('uploads a file and sends it by media id with the words as caption', async () => {
    const pdf = Buffer.from('%PDF-1.4 договор');
    const fileId = await h.upload(pdf, 'Договор.pdf', 'application/pdf');
    const messageId = randomUUID();
    await h.push('operator', 'message.reply', { conversationId, messageId, body: 'Договор во вложении', attachmentIds: [fileId] });
    await h.dispatcher.runOnce();
    const [mediaId, upload] = [...wa.uploads].at(-1)!;
    expect(upload).toEqual({ name: 'Договор.pdf', type: 'application/pdf', size: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') });
    expect(wa.sent).toEqual([{ messaging_product: 'whatsapp', recipient_type: 'individual', to: WA, type: 'document', document: { id: mediaId, filename: 'Договор.pdf', caption: 'Договор во вложении' } }]);
    expect(await h.message(messageId)).toMatchObject({ delivery_status: 'sent' });
  });

  it('after 24 hours refuses free text with whatsapp_window_closed (nothing sent) and sends a template', async () => {
    h.clock.now = new Date(h.clock.now.getTime() + 25 * HOUR);
    const text = randomUUID();
    expect((await h.push('operator', 'message.reply', { conversationId, messageId: text, body: 'Вы ещё здесь?' })).status).toBe('applied');
    expect(await h.message(text)).toMatchObject({ delivery_status: 'failed', delivery_error_code: 'whatsapp_window_closed' });
    await h.dispatcher.runOnce();
    expect(wa.sent).toEqual([]);

    const template = randomUUID();
    const t = { name: 'visit_reminder', language: 'ru', parameters: ['завтра', 'с 10 до 12'] };
    expect((await h.push('operator', 'message.reply', { conversationId, messageId: template, body: '', template: t })).status).toBe('applied');
    await h.dispatcher.runOnce();
    expect(wa.sent).toEqual([{
      messaging_product: 'whatsapp', recipient_type: 'individual', to: WA, type: 'template',
      template: { name: 'visit_reminder', language: { code: 'ru' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'завтра' }, { type: 'text', text: 'с 10 до 12' }] }] },
    }]);
    expect(await h.message(template)).toMatchObject({ delivery_status: 'sent' });

    // The customer writes again: the window opens again.
    const again = wamid();
    await post(payloads.text(WA, again, 'Да, здесь', h.clock.now));
    const reply = randomUUID();
    await h.push('operator', 'message.reply', { conversationId, messageId: reply, body: 'Отлично, ждём вас' });
    await h.dispatcher.runOnce();
    expect(await h.message(reply)).toMatchObject({ delivery_status: 'sent' });
  });

  it('a reply queued inside the window but sent after it closed is refused by the dispatcher; Meta\'s own refusal too', async () => {
    const late = randomUUID();
    await h.push('operator', 'message.reply', { conversationId, messageId: late, body: 'Поздно' });
    h.clock.now = new Date(h.clock.now.getTime() + 25 * HOUR);
    await h.dispatcher.runOnce();
    expect(await h.message(late)).toMatchObject({ delivery_status: 'failed', delivery_error_code: 'whatsapp_window_closed' });
    expect(wa.sent).toEqual([]);

    await post(payloads.text(WA, wamid(), 'Снова я', h.clock.now));
    wa.failNext('messages', { status: 400, code: 131047, message: 'Re-engagement message', details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' });
    const refused = randomUUID();
    await h.push('operator', 'message.reply', { conversationId, messageId: refused, body: 'Ответ' });
    await h.dispatcher.runOnce();
    expect(await h.message(refused)).toMatchObject({ delivery_status: 'failed', delivery_error_code: 'whatsapp_window_closed', delivery_attempts: 1 });
    expect(String((await h.message(refused)).delivery_error)).toContain('131047');
  });
});
