// One WhatsApp webhook delivery into the inbox: customers' messages (text, image, document) are
// ingested, statuses (sent, delivered, read, failed) move our replies along, everything else is
// acknowledged and logged by type. A delivery is identified by the hash of its signed body, so a
// replay changes nothing; each message is deduplicated by its wamid as well (Meta may send the same
// message again in another delivery).
import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withSyncedTransaction } from '../../sync/synced-transaction.ts';
import { cleanFileName, cleanMimeType, type IncomingFile } from '../attachment-store.ts';
import { applyDeliveryReport, type DeliveryReport } from '../delivery-status.ts';
import { ingestInbound, type InboundMessage } from '../ingest.ts';
import { markProcessed, wasProcessed } from '../webhook-events.ts';
import type { GraphApi } from './graph-api.ts';
import type { WhatsAppMessage, WhatsAppStatus, WhatsAppWebhook } from './payload.ts';

/** Meta's error for a free-form message outside the 24-hour window ("Re-engagement message"). */
export const RE_ENGAGEMENT_ERROR = 131047;

export interface WhatsAppInboundDeps {
  db: Kysely<DB>;
  api: GraphApi;
  maxBytes: number;
  now: () => Date;
  log: FastifyBaseLogger;
}

export interface WhatsAppOutcome {
  duplicate: boolean;
  stored: number;
  statuses: number;
  ignored: number;
}

const KEPT_TYPES = new Set(['text', 'image', 'document']);
const REPORTED = new Set(['sent', 'delivered', 'read', 'failed']);

async function toInbound(deps: WhatsAppInboundDeps, m: WhatsAppMessage): Promise<InboundMessage> {
  const files: IncomingFile[] = [];
  const media = m.type === 'image' ? m.image : m.type === 'document' ? m.document : undefined;
  if (media) {
    const fallback = m.type === 'image' ? `image-${m.timestamp.getTime() / 1000}` : `document-${m.timestamp.getTime() / 1000}`;
    const fileName = cleanFileName(media.filename, fallback);
    const got = await deps.api.downloadMedia(media.id, deps.maxBytes);
    const mimeType = cleanMimeType(media.mime_type ?? got.mimeType);
    if (got.ok) files.push({ fileName, mimeType, bytes: got.bytes });
    else {
      deps.log.warn({ channel: 'whatsapp', refused: got.refused }, 'whatsapp media not kept');
      files.push({ fileName, mimeType, size: 0, refused: got.refused });
    }
  }
  return {
    channel: 'whatsapp',
    channelMessageId: m.id,
    externalAddress: m.from,
    body: m.text?.body ?? media?.caption ?? '',
    sentAt: m.timestamp,
    contact: { whatsappId: m.from, phones: [`+${m.from}`] },
    files,
  };
}

function toReport(s: WhatsAppStatus): DeliveryReport {
  const e = s.errors?.[0];
  return {
    channel: 'whatsapp', channelMessageId: s.id, status: s.status as DeliveryReport['status'], at: s.timestamp,
    ...(s.status === 'failed'
      ? { errorCode: e?.code === RE_ENGAGEMENT_ERROR ? 'whatsapp_window_closed' : 'channel_rejected', error: e ? `(#${e.code}) ${e.title ?? e.message ?? ''}${e.error_data ? `: ${e.error_data.details}` : ''}`.slice(0, 2000) : undefined }
      : {}),
  } as DeliveryReport;
}

export async function receiveWhatsAppWebhook(deps: WhatsAppInboundDeps, payload: WhatsAppWebhook, rawBody: Buffer): Promise<WhatsAppOutcome> {
  const eventId = createHash('sha256').update(rawBody).digest('hex');
  const outcome: WhatsAppOutcome = { duplicate: false, stored: 0, statuses: 0, ignored: 0 };
  if (await wasProcessed(deps.db, 'whatsapp', eventId)) return { ...outcome, duplicate: true };

  const inbound: InboundMessage[] = [];
  const reports: DeliveryReport[] = [];
  const ignoredTypes: string[] = [];
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') {
        ignoredTypes.push(`field:${change.field}`);
        continue;
      }
      for (const m of change.value.messages ?? []) {
        if (KEPT_TYPES.has(m.type)) inbound.push(await toInbound(deps, m));
        else ignoredTypes.push(m.type);
      }
      for (const s of change.value.statuses ?? []) {
        if (REPORTED.has(s.status)) reports.push(toReport(s));
        else ignoredTypes.push(`status:${s.status}`);
      }
    }
  }
  if (ignoredTypes.length) deps.log.info({ channel: 'whatsapp', types: ignoredTypes.slice(0, 20) }, 'whatsapp events the inbox does not keep: acknowledged');
  outcome.ignored = ignoredTypes.length;

  return withSyncedTransaction(deps.db, async (trx) => {
    const now = deps.now();
    const result = { ...outcome };
    if (!(await markProcessed(trx, 'whatsapp', eventId, now))) return { ...result, duplicate: true };
    for (const msg of inbound) {
      if ((await ingestInbound(trx, msg, now)).status === 'stored') result.stored++;
    }
    for (const r of reports) {
      if ((await applyDeliveryReport(trx, r)) === 'applied') result.statuses++;
    }
    return result;
  });
}
