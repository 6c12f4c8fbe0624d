// One Telegram Update into the inbox: replays and kinds the inbox does not keep are acknowledged
// without a change; a message's photo (its largest size) or document is downloaded first, outside
// the transaction, and a file that cannot be had is recorded as refused while the message is kept.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withSyncedTransaction } from '../../sync/synced-transaction.ts';
import { cleanFileName, cleanMimeType, type IncomingFile } from '../attachment-store.ts';
import { ingestInbound } from '../ingest.ts';
import { markProcessed, wasProcessed } from '../webhook-events.ts';
import type { BotApi } from './bot-api.ts';
import type { TelegramMessage, TelegramUpdate } from './updates.ts';

export interface TelegramInboundDeps {
  db: Kysely<DB>;
  api: BotApi;
  maxBytes: number;
  now: () => Date;
  log: FastifyBaseLogger;
}

export type TelegramOutcome = { outcome: 'stored'; messageId: string; conversationId: string } | { outcome: 'duplicate' | 'ignored' };

async function filesOf(deps: TelegramInboundDeps, m: TelegramMessage): Promise<IncomingFile[]> {
  const wanted: Array<{ fileId: string; size: number | undefined; fileName: string; mimeType: string }> = [];
  if (m.photo) {
    // Telegram sends every size it made; the last is the largest.
    const p = m.photo.at(-1)!;
    wanted.push({ fileId: p.file_id, size: p.file_size, fileName: `photo-${m.message_id}.jpg`, mimeType: 'image/jpeg' });
  }
  if (m.document) {
    const d = m.document;
    wanted.push({ fileId: d.file_id, size: d.file_size, fileName: cleanFileName(d.file_name, `document-${m.message_id}`), mimeType: cleanMimeType(d.mime_type) });
  }
  const files: IncomingFile[] = [];
  for (const w of wanted) {
    const got = await deps.api.download(w.fileId, w.size, deps.maxBytes);
    if (got.ok) files.push({ fileName: w.fileName, mimeType: w.mimeType, bytes: got.bytes });
    else {
      deps.log.warn({ channel: 'telegram', refused: got.refused, declaredSize: w.size }, 'telegram file not kept');
      files.push({ fileName: w.fileName, mimeType: w.mimeType, size: w.size ?? 0, refused: got.refused });
    }
  }
  return files;
}

/** `kinds`: the raw update's top-level keys, logged (names only) for kinds the inbox does not keep. */
export async function receiveTelegramUpdate(deps: TelegramInboundDeps, update: TelegramUpdate, kinds: string[]): Promise<TelegramOutcome> {
  const eventId = String(update.update_id);
  if (await wasProcessed(deps.db, 'telegram', eventId)) return { outcome: 'duplicate' };
  const m = update.message;
  if (!m || !(m.text !== undefined || m.caption !== undefined || m.photo || m.document)) {
    deps.log.info({ channel: 'telegram', updateId: update.update_id, kinds: kinds.filter((k) => k !== 'update_id').slice(0, 10) }, 'telegram update the inbox does not keep: acknowledged');
    await deps.db.insertInto('channel_webhook_events').values({ channel: 'telegram', event_id: eventId, received_at: deps.now() }).onConflict((oc) => oc.doNothing()).execute();
    return { outcome: 'ignored' };
  }
  const files = await filesOf(deps, m);
  const telegramIds = m.from ? [String(m.from.id), ...(m.from.username ? [`@${m.from.username}`] : [])] : [];
  return withSyncedTransaction(deps.db, async (trx): Promise<TelegramOutcome> => {
    const now = deps.now();
    if (!(await markProcessed(trx, 'telegram', eventId, now))) return { outcome: 'duplicate' };
    const r = await ingestInbound(trx, {
      channel: 'telegram',
      channelMessageId: `${m.chat.id}:${m.message_id}`,
      externalAddress: String(m.chat.id),
      body: m.text ?? m.caption ?? '',
      sentAt: new Date(m.date * 1000),
      contact: { telegramIds },
      files,
    }, now);
    return r.status === 'stored' ? { outcome: 'stored', messageId: r.messageId, conversationId: r.conversationId } : { outcome: 'duplicate' };
  });
}
