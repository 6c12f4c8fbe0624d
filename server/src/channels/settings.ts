// The chat channels' settings: credentials and API addresses (from the environment, never logged),
// the attachment size limit and how the dispatcher sends replies. A channel without credentials is
// simply off: its webhook answers 404 and its replies fail as channel_not_configured.
import { z } from 'zod';
import { mailSettingsFromEnv, type EmailSettings, type FaxSettings } from './email/settings.ts';

export interface TelegramSettings {
  /** The bot's token from @BotFather; part of every Bot API URL. */
  botToken: string;
  /** The secret_token given to setWebhook; Telegram sends it in X-Telegram-Bot-Api-Secret-Token. */
  webhookSecret: string;
  /** https://api.telegram.org, or a local Bot API server / a test double. */
  apiBase: string;
}

export interface WhatsAppSettings {
  /** Bearer token of the system user (Graph API). */
  accessToken: string;
  /** The Meta app's secret: X-Hub-Signature-256 is the HMAC-SHA256 of the raw body with it. */
  appSecret: string;
  /** What we told Meta to send as hub.verify_token in the subscription handshake. */
  verifyToken: string;
  /** The business phone number's id that replies are sent from. */
  phoneNumberId: string;
  /** https://graph.facebook.com/v21.0, or a test double. */
  graphBase: string;
}

export interface ChannelSettings {
  telegram: TelegramSettings | null;
  whatsapp: WhatsAppSettings | null;
  /** IMAP in, SMTP out (email/settings.ts). */
  email: EmailSettings | null;
  /** An e-mail-to-fax gateway's mailbox and address (email/settings.ts). */
  fax: FaxSettings | null;
  /** Files larger than this are refused (the message is kept, the file is not). */
  attachmentMaxBytes: number;
  /** How often the dispatcher looks for queued replies; 0 = not started, nor the mailbox readers (tests run them by hand). */
  dispatchIntervalMs: number;
  /** Attempts per reply before it is marked failed. */
  dispatchMaxAttempts: number;
  /** First retry after this long, doubling each time. */
  dispatchBackoffMs: number;
  /** One call to a channel's API (a download included) may take this long. */
  apiTimeoutMs: number;
}

export const ATTACHMENT_MAX_BYTES = 50 * 1024 * 1024;

export const DEFAULT_CHANNEL_SETTINGS: ChannelSettings = {
  telegram: null,
  whatsapp: null,
  email: null,
  fax: null,
  attachmentMaxBytes: ATTACHMENT_MAX_BYTES,
  dispatchIntervalMs: 2000,
  dispatchMaxAttempts: 5,
  dispatchBackoffMs: 5000,
  apiTimeoutMs: 60_000,
};

const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));
const secret = z.string().min(1).max(4096);

const TelegramEnv = z.object({
  PULT_TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]+$/, 'a bot token such as 123456:ABC-DEF'),
  PULT_TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, '1-256 characters: A-Z, a-z, 0-9, _ and -'),
  PULT_TELEGRAM_API_BASE: url.default('https://api.telegram.org'),
});

const WhatsAppEnv = z.object({
  PULT_WHATSAPP_ACCESS_TOKEN: secret,
  PULT_WHATSAPP_APP_SECRET: secret,
  PULT_WHATSAPP_VERIFY_TOKEN: secret,
  PULT_WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d{1,32}$/, 'the phone number id: digits'),
  PULT_WHATSAPP_GRAPH_BASE: url.default('https://graph.facebook.com/v21.0'),
});

/** Only the variable's name goes into the message: its value may be a secret. */
function explain(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.')}: ${i.code === 'invalid_type' ? 'missing' : i.message}`).join('; ');
}

/**
 * A channel is on when any of its variables is set; then all its required ones must be valid.
 * Throws with the names of the wrong variables (never their values).
 */
export function channelSettingsFromEnv(env: Record<string, string | undefined>): Partial<ChannelSettings> {
  const out: Partial<ChannelSettings> = {};
  const present = (prefix: string) => Object.entries(env).some(([k, v]) => k.startsWith(prefix) && v !== undefined && v !== '');
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  if (present('PULT_TELEGRAM_')) {
    const r = TelegramEnv.safeParse(clean);
    if (!r.success) throw new Error(`Telegram channel settings: ${explain(r.error)}`);
    out.telegram = { botToken: r.data.PULT_TELEGRAM_BOT_TOKEN, webhookSecret: r.data.PULT_TELEGRAM_WEBHOOK_SECRET, apiBase: r.data.PULT_TELEGRAM_API_BASE };
  }
  if (present('PULT_WHATSAPP_')) {
    const r = WhatsAppEnv.safeParse(clean);
    if (!r.success) throw new Error(`WhatsApp channel settings: ${explain(r.error)}`);
    out.whatsapp = {
      accessToken: r.data.PULT_WHATSAPP_ACCESS_TOKEN, appSecret: r.data.PULT_WHATSAPP_APP_SECRET, verifyToken: r.data.PULT_WHATSAPP_VERIFY_TOKEN,
      phoneNumberId: r.data.PULT_WHATSAPP_PHONE_NUMBER_ID, graphBase: r.data.PULT_WHATSAPP_GRAPH_BASE,
    };
  }
  Object.assign(out, mailSettingsFromEnv(clean as Record<string, string>));
  if (env.PULT_ATTACHMENT_MAX_BYTES) {
    const n = Number(env.PULT_ATTACHMENT_MAX_BYTES);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error('PULT_ATTACHMENT_MAX_BYTES: a whole number of bytes, at least 1');
    out.attachmentMaxBytes = n;
  }
  return out;
}
