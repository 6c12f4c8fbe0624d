// Sends queued replies through their channel. Each round claims a batch (skip locked, with a lease:
// another server process, or this one's next round, leaves claimed replies alone until the lease
// runs out), sends outside any transaction, then records the outcome in a synced transaction so the
// replicas see sent / failed. A reply that could not go out is retried with doubling backoff, at
// most dispatchMaxAttempts times; a refusal by the channel is final at once. Delivery is at least
// once: a crash between the channel's answer and the record sends that reply again after the lease.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { MessageTemplate } from '../../../contract/index.ts';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { recordChanges } from '../sync/record-changes.ts';
import { withSyncedTransaction } from '../sync/synced-transaction.ts';
import type { ChannelAdapter, OutboundReply, SendResult } from './adapter.ts';
import type { ChannelSettings } from './settings.ts';
import { pruneWebhookEvents } from './webhook-events.ts';
import { createBotApi } from './telegram/bot-api.ts';
import { telegramAdapter } from './telegram/adapter.ts';
import { createGraphApi } from './whatsapp/graph-api.ts';
import { whatsappAdapter } from './whatsapp/adapter.ts';
import { mailAdapters } from './email/channels.ts';

export type ChannelAdapters = Partial<Record<'telegram' | 'whatsapp' | 'email' | 'fax', ChannelAdapter>>;

export function adaptersFrom(settings: ChannelSettings, db: Kysely<DB>): ChannelAdapters {
  return {
    ...mailAdapters(settings, db),
    ...(settings.telegram ? { telegram: telegramAdapter(createBotApi(settings.telegram, settings.apiTimeoutMs)) } : {}),
    ...(settings.whatsapp ? { whatsapp: whatsappAdapter(createGraphApi(settings.whatsapp, settings.apiTimeoutMs)) } : {}),
  };
}

export interface DispatcherOptions {
  db: Kysely<DB>;
  settings: ChannelSettings;
  now: () => Date;
  log: FastifyBaseLogger;
  adapters?: ChannelAdapters;
  /** Replies claimed per round. */
  batch?: number;
}

export interface Dispatcher {
  /** One round; resolves with how many replies it tried. */
  runOnce(): Promise<number>;
}

type Claimed = { id: string; delivery_attempts: number };

async function loadReply(db: Kysely<DB>, id: string): Promise<{ channel: string; reply: OutboundReply } | { missingFile: true } | null> {
  const row = await db
    .selectFrom('messages as m')
    .innerJoin('conversations as cv', 'cv.id', 'm.conversation_id')
    .select(['m.id', 'm.body', 'm.template', 'cv.channel', 'cv.external_address', 'cv.last_inbound_at'])
    .where('m.id', '=', id)
    .where('m.delivery_status', '=', 'queued')
    .executeTakeFirst();
  if (!row) return null;
  const files = await db
    .selectFrom('attachments as a')
    .leftJoin('attachment_blobs as b', 'b.sha256', 'a.sha256')
    .select(['a.file_name', 'a.mime_type', 'b.bytes'])
    .where('a.message_id', '=', id)
    .orderBy('a.position')
    .orderBy('a.id')
    .execute();
  if (files.some((f) => !f.bytes)) return { missingFile: true };
  const template = row.template === null ? null : MessageTemplate.parse(row.template);
  return {
    channel: row.channel,
    reply: {
      messageId: row.id, to: row.external_address, body: row.body, template, lastInboundAt: row.last_inbound_at,
      files: files.map((f) => ({ fileName: f.file_name, mimeType: f.mime_type, bytes: f.bytes! })),
    },
  };
}

export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const { db, settings, log } = opts;
  const adapters = opts.adapters ?? adaptersFrom(settings, db);
  const batch = opts.batch ?? 20;

  async function claim(now: Date): Promise<Claimed[]> {
    const lease = new Date(now.getTime() + settings.apiTimeoutMs * 4);
    const r = await sql<Claimed>`
      update messages m set next_attempt_at = ${lease}, delivery_attempts = m.delivery_attempts + 1
       where m.id in (select id from messages where delivery_status = 'queued' and next_attempt_at <= ${now}
                       order by next_attempt_at, id limit ${batch} for update skip locked)
      returning m.id, m.delivery_attempts`.execute(db);
    return r.rows;
  }

  async function record(id: string, attempts: number, result: SendResult): Promise<void> {
    const now = opts.now();
    await withSyncedTransaction(db, async (trx) => {
      let q = trx.updateTable('messages').where('id', '=', id).where('delivery_status', '=', 'queued');
      if (result.ok) {
        q = q.set({ delivery_status: 'sent', channel_message_id: result.channelMessageId, delivery_updated_at: now, next_attempt_at: null, delivery_error: null, delivery_error_code: null });
      } else if (result.retryable && attempts < settings.dispatchMaxAttempts) {
        const wait = settings.dispatchBackoffMs * 2 ** (attempts - 1);
        q = q.set({ next_attempt_at: new Date(now.getTime() + wait), delivery_error: result.description, delivery_updated_at: now });
      } else {
        q = q.set({ delivery_status: 'failed', delivery_error_code: result.code, delivery_error: result.description, delivery_updated_at: now, next_attempt_at: null });
      }
      await q.execute();
      await recordChanges(trx, 'message', [id]);
    });
  }

  async function sendOne(c: Claimed, now: Date): Promise<void> {
    const loaded = await loadReply(db, c.id);
    if (!loaded) return;
    if ('missingFile' in loaded) {
      return record(c.id, c.delivery_attempts, { ok: false, retryable: false, code: 'attachment_unavailable', description: 'a file of this reply was never stored' });
    }
    const adapter = adapters[loaded.channel as keyof ChannelAdapters];
    if (!adapter) {
      return record(c.id, c.delivery_attempts, { ok: false, retryable: false, code: 'channel_not_configured', description: `the ${loaded.channel} channel is not configured on the server` });
    }
    let result: SendResult;
    try {
      result = await adapter.send(loaded.reply, now);
    } catch (err) {
      log.error({ err, channel: loaded.channel }, 'sending a reply failed');
      result = { ok: false, retryable: true, code: 'channel_unreachable', description: 'internal error while sending' };
    }
    if (!result.ok) log.warn({ channel: loaded.channel, code: result.code, retryable: result.retryable, attempt: c.delivery_attempts }, 'reply not sent');
    await record(c.id, c.delivery_attempts, result);
  }

  return {
    async runOnce() {
      const now = opts.now();
      const claimed = await claim(now);
      for (const c of claimed) {
        try {
          await sendOne(c, now);
        } catch (err) {
          // The lease runs out and the reply is tried again next time.
          log.error({ err }, 'reply dispatch failed');
        }
      }
      return claimed.length;
    },
  };
}

/**
 * Runs the dispatcher every dispatchIntervalMs while the server runs (not at all when 0 or no
 * channel is on), and prunes old webhook replay marks.
 */
export function startChannelDispatcher(app: FastifyInstance, ctx: AppContext): void {
  const settings = ctx.settings.channels;
  if (settings.dispatchIntervalMs <= 0 || (!settings.telegram && !settings.whatsapp && !settings.email && !settings.fax)) return;
  const dispatcher = createDispatcher({ db: ctx.db, settings, now: ctx.now, log: app.log });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let prunedAt = 0;
  const round = async () => {
    await dispatcher.runOnce();
    // Housekeeping on the same timer: the replay marks of old webhook deliveries, hourly.
    const now = ctx.now();
    if (now.getTime() - prunedAt >= 60 * 60 * 1000) {
      prunedAt = now.getTime();
      await pruneWebhookEvents(ctx.db, now);
    }
  };
  const tick = () => {
    running = round().catch((err: unknown) => app.log.error({ err }, 'reply dispatch round failed')).finally(() => {
      if (!stopped) timer = setTimeout(tick, settings.dispatchIntervalMs);
    });
  };
  app.addHook('onReady', async () => {
    timer = setTimeout(tick, settings.dispatchIntervalMs);
  });
  app.addHook('onClose', async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  });
}
