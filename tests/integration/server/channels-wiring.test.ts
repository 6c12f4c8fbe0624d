// The channels as the server runs them: settings read from the environment (a wrong one names the
// variable, never its value), the reply dispatcher started by the app on its own timer, concurrent
// replays of one webhook stored once, and no token or secret in any log line along the way.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelSettingsFromEnv } from '../../../server/src/channels/settings.ts';
import { TELEGRAM_SECRET_HEADER, TELEGRAM_WEBHOOK_PATH } from '../../../server/src/routes/channels-telegram.ts';
import { WHATSAPP_SIGNATURE_HEADER, WHATSAPP_WEBHOOK_PATH } from '../../../server/src/routes/channels-whatsapp.ts';
import { startChannelHarness, type ChannelHarness } from './fakes/channel-harness.ts';
import { startFakeTelegram, telegramUpdates, type FakeTelegram } from './fakes/telegram-bot-api.ts';
import { signWith, startFakeWhatsApp, wamid, whatsappPayloads, type FakeWhatsApp } from './fakes/whatsapp-graph-api.ts';

describe('channel settings from the environment', () => {
  const telegram = { PULT_TELEGRAM_BOT_TOKEN: '123456:AAH-secret_token', PULT_TELEGRAM_WEBHOOK_SECRET: 'hook-secret_1' };
  const whatsapp = {
    PULT_WHATSAPP_ACCESS_TOKEN: 'EAAGverysecret', PULT_WHATSAPP_APP_SECRET: 'appsecret123', PULT_WHATSAPP_VERIFY_TOKEN: 'verify-me',
    PULT_WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
  };

  it('leaves a channel off when none of its variables is set', () => {
    expect(channelSettingsFromEnv({ PATH: '/usr/bin' })).toEqual({});
  });

  it('reads both channels, with the public API addresses by default', () => {
    expect(channelSettingsFromEnv({ ...telegram, ...whatsapp, PULT_ATTACHMENT_MAX_BYTES: '1048576' })).toEqual({
      telegram: { botToken: telegram.PULT_TELEGRAM_BOT_TOKEN, webhookSecret: telegram.PULT_TELEGRAM_WEBHOOK_SECRET, apiBase: 'https://api.telegram.org' },
      whatsapp: {
        accessToken: whatsapp.PULT_WHATSAPP_ACCESS_TOKEN, appSecret: whatsapp.PULT_WHATSAPP_APP_SECRET, verifyToken: whatsapp.PULT_WHATSAPP_VERIFY_TOKEN,
        phoneNumberId: whatsapp.PULT_WHATSAPP_PHONE_NUMBER_ID, graphBase: 'https://graph.facebook.com/v21.0',
      },
      attachmentMaxBytes: 1_048_576,
    });
  });

  it.each([
    ['a missing variable', { PULT_TELEGRAM_BOT_TOKEN: telegram.PULT_TELEGRAM_BOT_TOKEN }, 'PULT_TELEGRAM_WEBHOOK_SECRET'],
    ['a malformed secret', { ...telegram, PULT_TELEGRAM_WEBHOOK_SECRET: 'has spaces and секрет' }, 'PULT_TELEGRAM_WEBHOOK_SECRET'],
    ['a malformed API address', { ...whatsapp, PULT_WHATSAPP_GRAPH_BASE: 'ftp://graph' }, 'PULT_WHATSAPP_GRAPH_BASE'],
  ])('refuses %s, naming the variable but not the value', (_what, env, name) => {
    let message = '';
    try {
      channelSettingsFromEnv(env);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(name);
    for (const value of Object.values(env)) expect(message).not.toContain(value);
  });
});

describe('channels in the running server', () => {
  const SECRET = 'wiring-secret_9';
  const APP_SECRET = 'wiring-app-secret';
  const VERIFY = 'wiring-verify';
  const lines: string[] = [];
  let tg: FakeTelegram;
  let wa: FakeWhatsApp;
  let h: ChannelHarness;

  beforeAll(async () => {
    tg = await startFakeTelegram();
    wa = await startFakeWhatsApp();
    h = await startChannelHarness({
      telegram: { botToken: tg.token, webhookSecret: SECRET, apiBase: tg.url },
      whatsapp: { accessToken: wa.accessToken, appSecret: APP_SECRET, verifyToken: VERIFY, phoneNumberId: wa.phoneNumberId, graphBase: wa.url },
      dispatchIntervalMs: 20,
    }, new Date(Math.floor(Date.now() / 1000) * 1000), { level: 'debug', stream: { write: (s: string) => void lines.push(s) } });
    await h.app.ready();
  });
  afterAll(async () => {
    await h?.close();
    await tg?.close();
    await wa?.close();
  });

  const telegramPost = (body: unknown, secret = SECRET) =>
    h.app.inject({ method: 'POST', url: TELEGRAM_WEBHOOK_PATH, headers: { 'content-type': 'application/json', [TELEGRAM_SECRET_HEADER]: secret }, payload: JSON.stringify(body) });

  /** Waits (bounded) until the reply has left the queue. */
  async function settled(messageId: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 400; i++) {
      const m = await h.message(messageId);
      if (m.delivery_status !== 'queued') return m;
      await sleep(50);
    }
    throw new Error('the reply stayed queued');
  }

  it('the app sends queued replies on its own', async () => {
    const update = telegramUpdates.text(9_000_001, 77, { id: 990_001 }, 'Есть кто?', Math.floor(h.clock.now.getTime() / 1000));
    expect((await telegramPost(update)).statusCode).toBe(200);
    const cv = await h.database.db.selectFrom('conversations').select('id').where('external_address', '=', '990001').executeTakeFirstOrThrow();
    const messageId = randomUUID();
    expect((await h.push('operator', 'message.reply', { conversationId: cv.id, messageId, body: 'Да, слушаю вас' })).status).toBe('applied');
    expect(await settled(messageId)).toMatchObject({ delivery_status: 'sent' });
    expect(tg.sent.map((s) => s.text)).toContain('Да, слушаю вас');

    tg.failNext('sendMessage', 400, 'Bad Request: chat not found');
    const failing = randomUUID();
    await h.push('operator', 'message.reply', { conversationId: cv.id, messageId: failing, body: 'Не дойдёт' });
    expect(await settled(failing)).toMatchObject({ delivery_status: 'failed', delivery_error: 'Bad Request: chat not found' });
  });

  it('the same webhook delivered several times at once is stored once', async () => {
    const update = telegramUpdates.text(9_000_002, 78, { id: 990_002 }, 'Параллельно', Math.floor(h.clock.now.getTime() / 1000));
    const results = await Promise.all(Array.from({ length: 5 }, () => telegramPost(update)));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(results.filter((r) => (r.json() as { outcome: string }).outcome === 'stored')).toHaveLength(1);
    const n = await h.database.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('channel_message_id', '=', '990002:78').executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);

    const payload = JSON.stringify(whatsappPayloads(wa.phoneNumberId).text('79265550077', wamid(), 'Параллельно', h.clock.now));
    const wa5 = await Promise.all(Array.from({ length: 5 }, () => h.app.inject({
      method: 'POST', url: WHATSAPP_WEBHOOK_PATH, payload,
      headers: { 'content-type': 'application/json', [WHATSAPP_SIGNATURE_HEADER]: signWith(APP_SECRET, payload) },
    })));
    expect(wa5.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(wa5.reduce((sum, r) => sum + (r.json() as { stored: number }).stored, 0)).toBe(1);
  });

  it('logs refusals and failures without a token or secret in any line', async () => {
    await telegramPost({ update_id: 1 }, 'wrong-secret');
    await h.app.inject({ method: 'POST', url: WHATSAPP_WEBHOOK_PATH, payload: '{}', headers: { 'content-type': 'application/json', [WHATSAPP_SIGNATURE_HEADER]: signWith('forged', '{}') } });
    await h.app.inject({ method: 'GET', url: `${WHATSAPP_WEBHOOK_PATH}?hub.mode=subscribe&hub.challenge=1&hub.verify_token=${VERIFY}x` });
    const text = lines.join('');
    expect(text).toContain('webhook refused');
    expect(text).toContain('reply not sent');
    for (const secret of [tg.token, SECRET, APP_SECRET, VERIFY, wa.accessToken]) expect(text).not.toContain(secret);
  });
});
