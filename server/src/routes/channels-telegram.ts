// Telegram's webhook: POST with the secret token we gave setWebhook in
// X-Telegram-Bot-Api-Secret-Token (checked before the body is even parsed; missing or wrong → 401,
// nothing stored), then the Update, checked against its schema (→ 400), then into the inbox.
// Outside /api/: Telegram cannot send our x-pult-protocol header, and this is its contract, not ours.
import type { FastifyInstance } from 'fastify';
import { secretsEqual } from '../channels/constant-time.ts';
import { createBotApi } from '../channels/telegram/bot-api.ts';
import { receiveTelegramUpdate } from '../channels/telegram/inbound.ts';
import { TelegramUpdate } from '../channels/telegram/updates.ts';
import type { AppContext } from '../context.ts';
import { HttpError, parseInput } from '../http/errors.ts';

export const TELEGRAM_WEBHOOK_PATH = '/channels/telegram/webhook';
export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export function registerTelegramChannelRoutes(app: FastifyInstance, ctx: AppContext): void {
  const settings = ctx.settings.channels;
  const telegram = settings.telegram;
  if (!telegram) {
    app.post(TELEGRAM_WEBHOOK_PATH, async () => {
      throw new HttpError(404, 'not_found', 'the Telegram channel is not configured on this server');
    });
    return;
  }
  const api = createBotApi(telegram, settings.apiTimeoutMs);
  app.post(TELEGRAM_WEBHOOK_PATH, {
    onRequest: async (req) => {
      const given = req.headers[TELEGRAM_SECRET_HEADER];
      if (typeof given !== 'string' || !secretsEqual(given, telegram.webhookSecret)) {
        req.log.warn({ channel: 'telegram', secret: typeof given === 'string' ? 'wrong' : 'missing' }, 'webhook refused');
        throw new HttpError(401, 'not_authenticated', 'missing or wrong secret token');
      }
    },
  }, async (req) => {
    const update = parseInput(TelegramUpdate, req.body);
    const kinds = req.body && typeof req.body === 'object' ? Object.keys(req.body) : [];
    const r = await receiveTelegramUpdate({ db: ctx.db, api, maxBytes: settings.attachmentMaxBytes, now: ctx.now, log: req.log }, update, kinds);
    return { ok: true, outcome: r.outcome };
  });
}
